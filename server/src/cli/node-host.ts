/** The SourceHost of the command line: the real file system (read only). */
import { readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { globSync } from "tinyglobby";
import type { SourceHost } from "../syntax/keepalived/line-reader.js";

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Why a file is not read: thrown by readText with a message fit for the user. */
export class ReadError extends Error {}

/** The text of a configuration file: regular files only (a FIFO or a device would block the read), at most 10 MB. */
export function readText(file: string): string {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReadError(
      code === "ENOENT"
        ? "no such file or directory"
        : code === "ELOOP"
          ? "too many levels of symbolic links"
          : cannotRead(e),
    );
  }
  if (st.isDirectory()) throw new ReadError("is a directory, not a configuration file");
  if (!st.isFile())
    throw new ReadError("is not a regular file (a FIFO, socket or device); ha-lint reads regular files only");
  if (st.size > MAX_FILE_BYTES)
    throw new ReadError(
      `is ${Math.round(st.size / 1024 / 1024)} MB; ha-lint reads configuration files up to ${MAX_FILE_BYTES / 1024 / 1024} MB`,
    );
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new ReadError(cannotRead(e));
  }
}

function cannotRead(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return `permission denied (${code})`;
  return `cannot read it (${code ?? String(e)})`;
}

/** True when the bytes of a file are not valid UTF-8 (they are read with U+FFFD in place of the bad bytes). */
export function hasInvalidUtf8(text: string): boolean {
  return text.includes("\ufffd");
}

export const NUL_MESSAGE =
  "NUL byte: keepalived and HAProxy stop reading the line here (C strings), so the rest of the line is not what ha-lint checks; remove it";

/** Looks like a binary file rather than a text configuration: NUL bytes and mostly control characters or U+FFFD. */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  if (!head.includes("\u0000")) return false;
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) odd++;
  }
  return odd / head.length > 0.1;
}

function isInside(file: string, root: string): boolean {
  const rel = relative(root, file);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** The fixed part of a glob pattern (the folders before the first wildcard). */
function globBase(pattern: string): string {
  const parts = pattern.split("/");
  const fixed: string[] = [];
  for (const p of parts) {
    if (/[*?[\]{}()!]/.test(p)) break;
    fixed.push(p);
  }
  return fixed.join("/") || "/";
}

export interface NodeHost extends SourceHost {
  /** Files and patterns that were not read because they lie outside the analysed tree. */
  readonly refused: Set<string>;
}

/**
 * The real file system. With `roots`, included files, scripts and sysctl files outside those folders (after
 * following symbolic links) are not read, and include patterns reaching outside them match nothing; `refused` lists them.
 * `overlay` texts are read in place of the files' own (files already read once, so inside the roots).
 */
export function createNodeHost(roots?: readonly string[], overlay?: ReadonlyMap<string, string>): NodeHost {
  const realRoots = roots?.map(real);
  const allowed = (file: string): boolean => !realRoots || realRoots.some((r) => isInside(real(file), r));
  const refused = new Set<string>();
  return {
    refused,
    readFile(file) {
      const edited = overlay?.get(file);
      if (edited !== undefined) return edited;
      if (!allowed(file)) {
        try {
          statSync(file);
          refused.add(file);
        } catch {
          // Not there at all: nothing was refused.
        }
        return undefined;
      }
      try {
        return readText(file);
      } catch {
        return undefined;
      }
    },
    glob(pattern) {
      if (realRoots && !allowed(globBase(pattern))) {
        refused.add(pattern);
        return [];
      }
      const found = globSync(pattern, { absolute: true, onlyFiles: true, dot: true, followSymbolicLinks: true }).sort();
      if (!realRoots) return found;
      return found.filter((f) => {
        if (allowed(f)) return true;
        refused.add(f);
        return false;
      });
    },
    isSkippedInclude(file) {
      try {
        const st = statSync(file);
        return !st.isFile() || (st.mode & 0o111) !== 0;
      } catch {
        return false;
      }
    },
  };
}

/** Unrestricted: reads wherever it is asked to. */
export const nodeHost: SourceHost = createNodeHost();
