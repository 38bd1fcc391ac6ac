/**
 * Parity of ha-lint with the real tools on the shared corpus (../shared/corpus), with every rule: a file the real
 * tool accepts gets no ha-lint error; a file it rejects for a configuration reason gets a finding on the line of the
 * tool's first message about the content (or in the section that message names), an error when the tool refuses to
 * start. Rejects not caught yet are listed, one by one, in test/corpus/exclusions.tsv.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { analyze } from "../../server/src/analyze.js";
import type { Finding } from "../../server/src/rules/finding.js";
import { readToolOutput, type ToolMessage } from "./real-tool-messages.js";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../..");
export const corpusDir = process.env.HA_LINT_CORPUS ?? resolve(repoRoot, "../shared/corpus");

/** Rules that judge syntax and keywords (the fixture samples of test/real-tools.test.ts use them). */
export const PARITY_RULES = new Set(["KA018", "KA019", "KA020", "KA021", "KA034", "HP016", "HP017", "HP023"]);

export interface Verdict {
  file: string;
  tool: "haproxy" | "keepalived";
  cls: "ok" | "env-only" | "syntax";
  exitCode: number | null;
  /** The tool's first message about the content (the first error for rejected files). */
  firstError: string;
}

export interface ParityRow extends Verdict {
  findings: Finding[];
  errors: Finding[];
  /** The real tool's message, placed (line or section) in the file. */
  message?: ToolMessage;
  /** The tool refuses to start with this file. */
  fatal: boolean;
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
      exitCode: c[2] === "124" ? null : Number(c[2]),
      firstError: c[7] || c[5] || "",
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

/** The tool's message as its output line, read back into a placed message. */
function placedMessage(v: Verdict, text: string): ToolMessage | undefined {
  const output =
    v.tool === "haproxy" ? `[ALERT]    (0) : ${v.firstError}` : v.firstError.replace(/^\(Line/, "(f: Line");
  return readToolOutput(v.tool, output, v.exitCode, text).messages[0];
}

function onMessage(message: ToolMessage | undefined, finding: Finding): boolean {
  if (!message || message.line === undefined) return true;
  const line = finding.range.start.line + 1;
  return message.section ? line >= message.section.first && line <= message.section.last : line === message.line;
}

export function checkFile(v: Verdict, exclusions: Map<string, string>): ParityRow {
  const path = join(corpusDir, v.file);
  const text = readFileSync(path, "latin1");
  const result = analyze({
    files: [{ path, text, language: v.tool }],
    settings: { haproxyVersion: "2.6", keepalivedVersion: "2.2" },
  });
  const findings = result.findings.filter((f) => f.file === path);
  const errors = findings.filter((f) => f.severity === "error");
  const excluded = exclusions.get(v.file);
  const fatal = v.tool === "haproxy" ? v.exitCode === 1 : v.exitCode === null || [1, 2, 3, 4].includes(v.exitCode);
  if (v.cls !== "syntax") return { ...v, findings, errors, fatal, excluded, agrees: errors.length === 0 };
  const message = placedMessage(v, text);
  const placed = findings.filter((f) => onMessage(message, f));
  // a finding on the tool's first line, and an error where the tool refuses the file: on that line for haproxy; for
  // keepalived anywhere, as it goes on after most messages and exits at a later, fatal one
  const refusal = v.tool === "keepalived" ? errors.length > 0 : placed.some((f) => f.severity === "error");
  const caught = placed.length > 0 && (!fatal || refusal);
  return { ...v, findings, errors, message, fatal, excluded, agrees: caught || excluded !== undefined };
}

export function runParity(): ParityRow[] {
  const exclusions = readExclusions();
  return readVerdicts().map((v) => checkFile(v, exclusions));
}

/** Corpus folder of a verdict row: "haproxy/upstream", "haproxy/upstream-v2.6.0", "keepalived/upstream". */
export function corpusOf(file: string): string {
  return file.split("/").slice(0, 2).join("/");
}
