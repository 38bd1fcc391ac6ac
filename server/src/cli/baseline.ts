/**
 * Baselines: --write-baseline records today's findings, --baseline reports only new ones. A finding is matched on its
 * rule, its file and a fingerprint of the construct it points at (the text of its first line, whitespace folded),
 * not on line numbers, so unrelated edits above it do not make it new.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Finding } from "../rules/finding.js";
import { InputError } from "./collect-files.js";

export interface BaselineEntry {
  rule: string;
  file: string;
  fingerprint: string;
}

export interface BaselineFile {
  version: 1;
  tool: "ha-lint";
  findings: BaselineEntry[];
}

export function fingerprint(
  f: Finding,
  sources: ReadonlyMap<string, string>,
  display: (file: string) => string,
): BaselineEntry {
  const line = sources.get(f.file)?.split(/\r\n|\r|\n/)[f.range.start.line] ?? "";
  const construct = line.replace(/\s+/g, " ").trim();
  const hash = createHash("sha256")
    .update(`${f.rule}\u0000${construct}\u0000${f.message.replace(/\d+(\.\d+)?/g, "#")}`)
    .digest("hex")
    .slice(0, 24);
  return { rule: f.rule, file: display(f.file), fingerprint: hash };
}

export function writeBaseline(
  findings: readonly Finding[],
  sources: ReadonlyMap<string, string>,
  display: (file: string) => string,
): string {
  const file: BaselineFile = {
    version: 1,
    tool: "ha-lint",
    findings: findings.map((f) => fingerprint(f, sources, display)),
  };
  return JSON.stringify(file, null, 2) + "\n";
}

export function readBaseline(path: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new InputError(`${path}: cannot read the baseline (${e instanceof Error ? e.message : String(e)})`);
  }
  const b = data as Partial<BaselineFile>;
  if (b?.version !== 1 || !Array.isArray(b.findings))
    throw new InputError(`${path}: not an ha-lint baseline (expected {"version":1,"findings":[...]})`);
  return b.findings;
}

/** Findings not in the baseline (each baseline entry absorbs one matching finding). */
export function newFindings(
  findings: readonly Finding[],
  baseline: readonly BaselineEntry[],
  sources: ReadonlyMap<string, string>,
  display: (file: string) => string,
): Finding[] {
  const pool = new Map<string, number>();
  for (const e of baseline) {
    const k = `${e.rule}\u0000${e.file}\u0000${e.fingerprint}`;
    pool.set(k, (pool.get(k) ?? 0) + 1);
  }
  return findings.filter((f) => {
    const e = fingerprint(f, sources, display);
    const k = `${e.rule}\u0000${e.file}\u0000${e.fingerprint}`;
    const n = pool.get(k) ?? 0;
    if (n > 0) {
      pool.set(k, n - 1);
      return false;
    }
    return true;
  });
}
