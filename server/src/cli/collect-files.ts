/** Which files a run analyses: files named on the command line, and the configuration files found under directories. */
import { statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import picomatch from "picomatch";
import type { Manifest } from "../model/discovery.js";
import { globSync } from "tinyglobby";
import { languageFromName, type Language } from "../language.js";

export interface CollectedFile {
  path: string;
  /** Forced by --lang or by an explicit name whose language the content must tell. */
  language?: Language;
  /** Named explicitly on the command line. */
  explicit: boolean;
}

const PATTERNS = [
  "**/keepalived*.conf",
  "**/*.keepalived.conf",
  "**/keepalived.conf.*",
  "**/keepalived/**/*.conf",
  "**/haproxy*.cfg",
  "**/*.haproxy.cfg",
  "**/haproxy/*.cfg",
];

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
      const found = globSync(PATTERNS, {
        cwd: abs,
        absolute: true,
        onlyFiles: true,
        followSymbolicLinks: false,
        ignore: ["**/node_modules/**", "**/.git/**"],
      });
      for (const f of found.sort()) {
        if (!out.has(f) && languageFromName(f)) out.set(f, { path: f, language: forced, explicit: false });
      }
    } else {
      out.set(abs, { path: abs, language: forced, explicit: true });
    }
  }
  return [...out.values()];
}

/**
 * The files one analysis reads: those found under the paths, minus the config file's `ignore` globs (files named
 * explicitly are always kept), plus the files its cluster manifest names. Shared by the CLI and the language server.
 */
export function filesOfAnalysis(
  paths: string[],
  forced: Language | undefined,
  config: { file?: string; config: { ignore?: string[] }; manifest?: Manifest },
  configDirFallback: string,
  found: CollectedFile[] = collectFiles(paths, forced),
): CollectedFile[] {
  const ignoreGlobs = config.config.ignore ?? [];
  const isIgnored = ignoreGlobs.length > 0 && config.file ? picomatch(ignoreGlobs, { dot: true }) : undefined;
  const configDir = config.file ? dirname(config.file) : configDirFallback;
  const collected = found.filter((f) => f.explicit || !isIgnored?.(relative(configDir, f.path)));
  for (const c of config.manifest?.clusters ?? []) {
    for (const n of c.nodes) {
      for (const [path, language] of [
        [n.keepalived, "keepalived"],
        [n.haproxy, "haproxy"],
      ] as const) {
        if (path && !collected.some((x) => x.path === path)) collected.push({ path, explicit: true, language });
      }
    }
  }
  return collected;
}
