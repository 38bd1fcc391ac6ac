/** Which files a run analyses: files named on the command line, and the configuration files found under directories. */
import { statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { globSync } from "tinyglobby";
import { languageFromName, type Language } from "../language.js";

export interface CollectedFile {
  path: string;
  /** Forced by --lang or by an explicit name whose language the content must tell. */
  language?: Language;
  /** Named explicitly on the command line. */
  explicit: boolean;
}

const PATTERNS = ["**/keepalived*.conf", "**/*.keepalived.conf", "**/keepalived.conf.*", "**/keepalived/**/*.conf", "**/haproxy*.cfg", "**/*.haproxy.cfg", "**/haproxy/*.cfg"];

export class InputError extends Error {}

export function collectFiles(paths: string[], forced?: Language): CollectedFile[] {
  const out = new Map<string, CollectedFile>();
  for (const p of paths) {
    const abs = resolve(p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new InputError(`${p}: no such file or directory`);
    }
    if (st.isDirectory()) {
      const found = globSync(PATTERNS, { cwd: abs, absolute: true, onlyFiles: true, followSymbolicLinks: false, ignore: ["**/node_modules/**", "**/.git/**"] });
      for (const f of found.sort()) {
        if (!out.has(f) && languageFromName(f)) out.set(f, { path: f, language: forced, explicit: false });
      }
    } else {
      out.set(abs, { path: abs, language: forced, explicit: true });
    }
  }
  return [...out.values()];
}

/** The node a keepalived file belongs to (its config-id): `<node>/keepalived.conf` or `<node>/etc/keepalived/keepalived.conf`. */
export function nodeNameOf(file: string): string {
  const parts = resolve(file).split("/");
  const etc = parts.lastIndexOf("etc");
  if (etc > 0 && parts[etc + 1] && (parts[etc + 1] === "keepalived" || parts[etc + 1] === "haproxy")) return parts[etc - 1];
  return basename(dirname(file));
}
