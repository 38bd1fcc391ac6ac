/**
 * Parity of ha-lint's parsers and keyword rules with the real tools on the shared corpus (../shared/corpus):
 * files the real tool accepts must give no error from the syntax/keyword rules; files it rejects for syntax or
 * keywords must give at least one. Rejects for other reasons are listed, one by one, in test/corpus/exclusions.tsv.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { analyze } from "../../server/src/analyze.js";
import type { Finding } from "../../server/src/rules/finding.js";
import { allRules } from "../../server/src/rules/index.js";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../..");
export const corpusDir = process.env.HA_LINT_CORPUS ?? resolve(repoRoot, "../shared/corpus");

/** Rules that judge syntax and keywords: what the parity is about. */
export const PARITY_RULES = new Set(["KA018", "KA019", "KA020", "KA021", "KA034", "HP016", "HP017", "HP023"]);

export interface Verdict {
  file: string;
  tool: "haproxy" | "keepalived";
  cls: "ok" | "env-only" | "syntax";
  firstError: string;
}

export interface ParityRow extends Verdict {
  errors: Finding[];
  excluded?: string;
  agrees: boolean;
}

export function corpusAvailable(): boolean {
  return existsSync(join(corpusDir, "VERDICTS.tsv"));
}

export function readVerdicts(): Verdict[] {
  const lines = readFileSync(join(corpusDir, "VERDICTS.tsv"), "utf8").split("\n").slice(1).filter(Boolean);
  return lines.map((l) => {
    const c = l.split("\t");
    return {
      file: c[0],
      tool: c[1].startsWith("haproxy") ? "haproxy" : "keepalived",
      cls: c[6] as Verdict["cls"],
      firstError: c[7] ?? c[5] ?? "",
    };
  });
}

function readTsv(name: string): Map<string, string[]> {
  const text = readFileSync(join(repoRoot, "test/corpus", name), "utf8");
  const map = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [file, ...rest] = line.split("\t");
    map.set(file, rest);
  }
  return map;
}

/** Rejects out of the syntax/keyword rules' scope, with the reason. */
export function readExclusions(): Map<string, string> {
  return new Map([...readTsv("exclusions.tsv")].map(([file, rest]) => [file, rest.join("\t")]));
}

const rules = allRules.filter((r) => PARITY_RULES.has(r.id));

export function checkFile(v: Verdict, exclusions: Map<string, string>): ParityRow {
  const path = join(corpusDir, v.file);
  const text = readFileSync(path, "latin1");
  const result = analyze({
    files: [{ path, text, language: v.tool }],
    settings: { haproxyVersion: "2.6", keepalivedVersion: "2.2" },
    rules,
  });
  const errors = result.findings.filter((f) => f.severity === "error");
  const excluded = exclusions.get(v.file);
  const agrees = v.cls === "syntax" ? errors.length > 0 || excluded !== undefined : errors.length === 0;
  return { ...v, errors, excluded, agrees };
}

export function runParity(): ParityRow[] {
  const exclusions = readExclusions();
  return readVerdicts().map((v) => checkFile(v, exclusions));
}

/** Corpus folder of a verdict row: "haproxy/upstream", "haproxy/upstream-v2.6.0", "keepalived/upstream". */
export function corpusOf(file: string): string {
  return file.split("/").slice(0, 2).join("/");
}
