/**
 * Which files one analysis reads, and their texts: the configuration files found under folders (by name), files
 * named explicitly, minus the config file's `ignore` globs, plus the files its manifest names; each read through the
 * workspace file system and refused, the same way in every shell, when it is too large, binary or unreadable.
 */
import { dirname, relative, resolve } from "node:path";
import picomatch from "picomatch";
import type { InputFile } from "../analyze.js";
import { detectLanguage, languageFromName, type Language } from "../language.js";
import type { Manifest } from "../model/discovery.js";
import { ReadError, type ReadErrorId, type WorkspaceFileSystem } from "./file-system.js";
import { InputError } from "./input-error.js";

export interface CollectedFile {
  path: string;
  /** Forced by --lang or by an explicit name whose language the content must tell. */
  language?: Language;
  /** Named explicitly (on the command line, by the manifest, or the lone file an editor analyses). */
  explicit: boolean;
}

/** A path that does not exist: the CLI stops on it (a typo), the server has nothing to analyse. */
export class MissingPathError extends InputError {
  constructor(readonly path: string) {
    super(`${path}: no such file or directory`);
  }
}

export const DISCOVERY_PATTERNS = [
  "**/keepalived*.conf",
  "**/*.keepalived.conf",
  "**/keepalived.conf.*",
  "**/keepalived/**/*.conf",
  "**/haproxy*.cfg",
  "**/*.haproxy.cfg",
  "**/haproxy/*.cfg",
];

const DISCOVERY_IGNORES = ["**/node_modules/**", "**/.git/**"];

/** The files under folders (found by name) and the files named, in order, each once. */
export function discoverFiles(fs: WorkspaceFileSystem, paths: readonly string[], forced?: Language): CollectedFile[] {
  const out = new Map<string, CollectedFile>();
  for (const given of paths) {
    const abs = resolve(given);
    const st = fs.stat(abs);
    if (!st) throw new MissingPathError(given);
    if (st.isDirectory) {
      const found = fs.glob(DISCOVERY_PATTERNS, { cwd: abs, followSymbolicLinks: false, ignore: DISCOVERY_IGNORES });
      for (const file of found)
        if (!out.has(file) && languageFromName(file)) out.set(file, { path: file, language: forced, explicit: false });
    } else out.set(abs, { path: abs, language: forced, explicit: true });
  }
  return [...out.values()];
}

export interface ConfigView {
  file?: string;
  config: { ignore?: string[] };
  manifest?: Manifest;
}

/** The discovered files minus the config's `ignore` globs (explicit files are always kept), plus the manifest's. */
export function applyConfigToFiles(
  found: readonly CollectedFile[],
  config: ConfigView,
  configDirFallback: string,
): CollectedFile[] {
  const ignoreGlobs = config.config.ignore ?? [];
  const isIgnored = ignoreGlobs.length > 0 && config.file ? picomatch(ignoreGlobs, { dot: true }) : undefined;
  const configDir = config.file ? dirname(config.file) : configDirFallback;
  const collected = found.filter((f) => f.explicit || !isIgnored?.(relative(configDir, f.path)));
  const known = new Set(collected.map((f) => f.path));
  for (const cluster of config.manifest?.clusters ?? []) {
    for (const node of cluster.nodes) {
      for (const [path, language] of [
        [node.keepalived, "keepalived"],
        [node.haproxy, "haproxy"],
      ] as const) {
        if (path && !known.has(path)) {
          known.add(path);
          collected.push({ path, explicit: true, language });
        }
      }
    }
  }
  return collected;
}

export const BINARY_MESSAGE =
  "looks like a binary file (NUL bytes, mostly control characters), not a keepalived or HAProxy configuration";

/** Looks like a binary file rather than a text configuration: NUL bytes and mostly control characters or U+FFFD. */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  if (!head.includes("\u0000")) return false;
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffd) odd++;
  }
  return odd / head.length > 0.1;
}

/** A file collected but not analysed, with why (the same sentence in the CLI and in the editor). */
export interface RefusedFile {
  file: string;
  /** Why, as an id: the read error's, "binary", or "listedMissing" (a file of a manifest's HAProxy list). */
  messageId: ReadErrorId | "binary" | "listedMissing";
  /** The placeholders of the message (the size of a file too large, the error code). */
  data?: Readonly<Record<string, string | number>>;
  /** Starts with a verb phrase: "is 50 MB; ...", "looks like a binary file ...", "cannot be read: ...". */
  message: string;
}

/**
 * A file refused because reading it failed: "cannot be read: WHY", or the size sentence alone for a file too large
 * (unless `alwaysCannotRead`, as templates say it).
 */
export function refusedByReadError(file: string, error: ReadError, alwaysCannotRead = false): RefusedFile {
  const message = error.id === "tooLarge" && !alwaysCannotRead ? error.message : `cannot be read: ${error.message}`;
  return { file, messageId: error.id, ...(error.data ? { data: error.data } : {}), message };
}

export interface ReadInputs {
  inputs: InputFile[];
  /** Files not analysed: too large, binary, unreadable, not a regular file. */
  refused: RefusedFile[];
  /** Explicit files whose language neither the name nor the content tells. */
  undetermined: string[];
  /** Inputs holding a NUL byte (the daemons stop reading the line there): the first one's offset. */
  nulBytes: { file: string; offset: number }[];
  /** Inputs that were not valid UTF-8 (read with U+FFFD). */
  invalidUtf8: string[];
}

/** Reads the collected files through the file system; a file that vanished since discovery is left out. */
export function readInputs(fs: WorkspaceFileSystem, collected: readonly CollectedFile[]): ReadInputs {
  const out: ReadInputs = { inputs: [], refused: [], undetermined: [], nulBytes: [], invalidUtf8: [] };
  for (const file of collected) {
    let text: string;
    try {
      text = fs.readText(file.path);
    } catch (e) {
      if (!(e instanceof ReadError)) throw e;
      if (e.id === "missing" && !file.explicit) continue;
      out.refused.push(refusedByReadError(file.path, e));
      continue;
    }
    if (looksBinary(text)) {
      out.refused.push({ file: file.path, messageId: "binary", message: BINARY_MESSAGE });
      continue;
    }
    const nul = text.indexOf("\u0000");
    if (nul >= 0) out.nulBytes.push({ file: file.path, offset: nul });
    if (text.includes("\ufffd")) out.invalidUtf8.push(file.path);
    const language = file.language ?? detectLanguage(file.path, text);
    if (!language) {
      if (file.explicit) out.undetermined.push(file.path);
      continue;
    }
    out.inputs.push({ path: file.path, text, language });
  }
  return out;
}
