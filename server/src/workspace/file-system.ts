/**
 * The one file-system interface of the workspace layer: the CLI reads the disk through it, the language server reads
 * its open buffers laid over the disk, and --fix reads its own output laid over the disk. Everything that collects
 * or reads files for an analysis (discovery, inputs, includes, scripts, sysctl files) goes through it.
 */
import { createHash } from "node:crypto";
import { readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, posix, resolve } from "node:path";
import { globSync } from "tinyglobby";

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Why a file is not read, as an id (what tests and tools read) beside the message for users. */
export type ReadErrorId =
  "missing" | "symlinkLoop" | "permissionDenied" | "cannotRead" | "directory" | "notRegularFile" | "tooLarge";

/** Why a file is not read: thrown by readText with a message fit for the user, its id and placeholders. */
export class ReadError extends Error {
  constructor(
    message: string,
    readonly id: ReadErrorId,
    readonly data?: Readonly<Record<string, string | number>>,
  ) {
    super(message);
  }
}

export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  /** Any execute bit set (keepalived skips executable include files). */
  executable: boolean;
}

export interface GlobOptions {
  cwd?: string;
  ignore?: string[];
  dot?: boolean;
  followSymbolicLinks?: boolean;
}

export interface WorkspaceFileSystem {
  /** The file's status, or undefined when there is nothing at the path. */
  stat(file: string): FileStat | undefined;
  /** The text of a regular file of at most MAX_FILE_BYTES; throws ReadError saying why not. */
  readText(file: string): string;
  /** Absolute paths of the files matching the patterns (relative to `cwd`, or absolute), sorted. */
  glob(patterns: string | string[], options?: GlobOptions): string[];
  /** The path with symbolic links resolved (the path itself when it cannot be resolved). */
  realPath(file: string): string;
  /** sha256 (hex) of a regular file's bytes, or undefined when it cannot be read. */
  digest?(file: string): string | undefined;
}

function errnoError(e: unknown): ReadError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new ReadError("no such file or directory", "missing");
  if (code === "ELOOP") return new ReadError("too many levels of symbolic links", "symlinkLoop");
  if (code === "EACCES" || code === "EPERM")
    return new ReadError(`permission denied (${code})`, "permissionDenied", { code });
  return new ReadError(`cannot read it (${code ?? String(e)})`, "cannotRead", { code: code ?? String(e) });
}

/** The refusal of a file too large to read, the same in every shell. */
function oversizeError(bytes: number): ReadError {
  const megabytes = Math.round(bytes / 1024 / 1024);
  const limitMegabytes = MAX_FILE_BYTES / 1024 / 1024;
  return new ReadError(`is ${megabytes} MB; ha-lint reads configuration files up to ${limitMegabytes} MB`, "tooLarge", {
    megabytes,
    limitMegabytes,
  });
}

/** The fixed part of an absolute glob pattern: the folders before the first wildcard. */
export function globBase(pattern: string): string {
  const fixed: string[] = [];
  for (const part of pattern.split("/")) {
    if (/[*?[\]{}()!]/.test(part)) break;
    fixed.push(part);
  }
  return fixed.join("/") || "/";
}

function globFrom(patterns: string[], options: GlobOptions): string[] {
  return globSync(patterns, {
    absolute: true,
    onlyFiles: true,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.ignore ? { ignore: options.ignore } : {}),
    dot: options.dot ?? false,
    followSymbolicLinks: options.followSymbolicLinks ?? true,
  }).sort();
}

/** The real disk. */
export const diskFileSystem: WorkspaceFileSystem = {
  stat(file) {
    try {
      // A missing file is the common answer (host facts look for many): no exception is made for it.
      const st = statSync(file, { throwIfNoEntry: false });
      if (!st) return undefined;
      return { isFile: st.isFile(), isDirectory: st.isDirectory(), size: st.size, executable: (st.mode & 0o111) !== 0 };
    } catch {
      return undefined;
    }
  },
  readText(file) {
    let st;
    try {
      st = statSync(file);
    } catch (e) {
      throw errnoError(e);
    }
    if (st.isDirectory()) throw new ReadError("is a directory, not a configuration file", "directory");
    if (!st.isFile())
      throw new ReadError(
        "is not a regular file (a FIFO, socket or device); ha-lint reads regular files only",
        "notRegularFile",
      );
    if (st.size > MAX_FILE_BYTES) throw oversizeError(st.size);
    try {
      return readFileSync(file, "utf8");
    } catch (e) {
      throw errnoError(e);
    }
  },
  glob(patterns, options = {}) {
    const list = typeof patterns === "string" ? [patterns] : patterns;
    if (options.cwd || !list.every((pattern) => isAbsolute(pattern))) return globFrom(list, options);
    // An absolute pattern is crawled from its fixed folders: given to tinyglobby as it is, it is crawled from the
    // process's working directory, which took 230 ms per pattern from a project folder (the host-fact globs of a
    // 1,000-cluster estate spent 30 % of the run there).
    const found = new Set<string>();
    for (const pattern of list) {
      const base = globBase(pattern);
      const rest = posix.relative(base, pattern);
      const split = rest === "" ? { cwd: posix.dirname(base), rest: posix.basename(base) } : { cwd: base, rest };
      for (const file of globFrom([split.rest], { ...options, cwd: split.cwd })) found.add(file);
    }
    return [...found].sort();
  },
  realPath(file) {
    try {
      // The system's realpath(3): one call, where the JavaScript one lstat()s every folder of the path.
      return realpathSync.native(file);
    } catch {
      return resolve(file);
    }
  },
  digest(file) {
    try {
      return createHash("sha256").update(readFileSync(file)).digest("hex");
    } catch {
      return undefined;
    }
  },
};

/**
 * Texts laid over another file system: the editor's open buffers, or --fix's output. A file with a text here is a
 * regular file of that text, whether or not it exists below (a new buffer, a file deleted while open).
 */
export class OverlayFileSystem implements WorkspaceFileSystem {
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly base: WorkspaceFileSystem = diskFileSystem,
    texts?: ReadonlyMap<string, string>,
  ) {
    if (texts) for (const [file, text] of texts) this.texts.set(file, text);
  }

  set(file: string, text: string): void {
    this.texts.set(file, text);
  }

  delete(file: string): void {
    this.texts.delete(file);
  }

  has(file: string): boolean {
    return this.texts.has(file);
  }

  /** The overlaid text of a file, when there is one. */
  overlaid(file: string): string | undefined {
    return this.texts.get(file);
  }

  stat(file: string): FileStat | undefined {
    const text = this.texts.get(file);
    if (text === undefined) return this.base.stat(file);
    const below = this.base.stat(file);
    return { isFile: true, isDirectory: false, size: text.length, executable: below?.executable ?? false };
  }

  /** The overlaid text, limited like a file on disk (an open 50 MB buffer is refused as the file would be). */
  readText(file: string): string {
    const text = this.texts.get(file);
    if (text === undefined) return this.base.readText(file);
    if (text.length > MAX_FILE_BYTES) throw oversizeError(text.length);
    return text;
  }

  /** Matched below only: a buffer whose file is not there is found when it is named, not by a pattern. */
  glob(patterns: string | string[], options?: GlobOptions): string[] {
    return this.base.glob(patterns, options);
  }

  realPath(file: string): string {
    return this.texts.has(file) && !this.base.stat(file) ? resolve(file) : this.base.realPath(file);
  }

  digest(file: string): string | undefined {
    const text = this.texts.get(file);
    if (text !== undefined) return createHash("sha256").update(text).digest("hex");
    return this.base.digest?.(file);
  }
}
