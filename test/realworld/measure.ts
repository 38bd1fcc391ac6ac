/**
 * The measurement of ha-lint on the real-world set (test/realworld): ha-lint runs, per toolset, on every single file
 * and on every multi-node set (as the CLI reads a folder), and is compared with the real tools' committed verdicts
 * (verdicts/<tool>-<version>.tsv, written by scripts/realworld/verdicts.ts):
 * - recall: of the tools' content messages that carry a line (or name a section), how many have an ha-lint finding
 *   on that line (in that section);
 * - refused files: those the tool refuses to start with for a configuration reason (a content message; not only
 *   messages about this machine), and how many of them get an ha-lint error;
 * - false rejects: files the tool accepts (it would start) that get an ha-lint error;
 * - every cluster finding on the multi-node sets.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runAnalysis } from "../../server/src/cli/run-analysis.js";
import type { Finding } from "../../server/src/rules/finding.js";
import { ruleById } from "../../server/src/rules/index.js";

const here = dirname(fileURLToPath(import.meta.url));
export const realworldDir = here;

export type Tool = "haproxy" | "keepalived";

/** A toolset of the verdict files: the versions of both tools of one Debian release. */
export interface VersionPair {
  label: string;
  haproxy: string;
  keepalived: string;
}

export const VERSION_PAIRS: VersionPair[] = [
  { label: "bookworm", haproxy: "2.6.12", keepalived: "2.2.7" },
  { label: "trixie", haproxy: "3.0.11", keepalived: "2.3.3" },
  { label: "sid", haproxy: "3.2.26", keepalived: "2.3.4" },
];

export interface VerdictMessage {
  level: string;
  line?: number;
  section?: { first: number; last: number };
  environment: boolean;
  text: string;
}

export interface FileVerdict {
  file: string;
  tool: Tool;
  exit: string;
  messages: VerdictMessage[];
}

export function readVerdicts(tool: Tool, version: string): Map<string, FileVerdict> {
  const text = readFileSync(join(realworldDir, "verdicts", `${tool}-${version}.tsv`), "utf8");
  const out = new Map<string, FileVerdict>();
  for (const row of text.split("\n").slice(1).filter(Boolean)) {
    const [file, exit, level, line, section, kind, message] = row.split("\t");
    const entry = out.get(file) ?? { file, tool, exit, messages: [] };
    out.set(file, entry);
    if (level === "none") continue;
    const [first, last] = section ? section.split("-").map(Number) : [];
    entry.messages.push({
      level,
      line: line ? Number(line) : section ? first : undefined,
      section: section ? { first, last } : undefined,
      environment: kind === "env",
      text: message,
    });
  }
  return out;
}

/** The tool refuses to start: haproxy -c exits 1, keepalived -t exits 1-4 or does not end. */
export function refuses(v: FileVerdict): boolean {
  if (v.tool === "haproxy") return v.exit === "1";
  return v.exit === "timeout" || ["1", "2", "3", "4"].includes(v.exit);
}

export function contentMessages(v: FileVerdict): VerdictMessage[] {
  return v.messages.filter((m) => !m.environment && m.level !== "notice");
}

/** The files to analyse: singles (one analysis each) and sets (one analysis of the folder). */
export function units(): { path: string; kind: "single" | "set"; tool?: Tool }[] {
  const out: { path: string; kind: "single" | "set"; tool?: Tool }[] = [];
  for (const tool of ["haproxy", "keepalived"] as const)
    for (const name of readdirSync(join(realworldDir, tool)).sort())
      out.push({ path: `${tool}/${name}`, kind: "single", tool });
  for (const name of readdirSync(join(realworldDir, "sets")).sort()) out.push({ path: `sets/${name}`, kind: "set" });
  return out;
}

export interface Analysed {
  /** Findings by file (relative to test/realworld). */
  findings: Map<string, Finding[]>;
  /** Cluster-scope findings of the multi-node sets, with the set. */
  clusterFindings: { set: string; finding: Finding; file: string }[];
}

export function analyseAll(pair: VersionPair): Analysed {
  const findings = new Map<string, Finding[]>();
  const clusterFindings: Analysed["clusterFindings"] = [];
  const options = { haproxyVersion: minor(pair.haproxy), keepalivedVersion: minor(pair.keepalived) };
  for (const unit of units()) {
    const abs = join(realworldDir, unit.path);
    const run = runAnalysis([abs], { ...options, lang: unit.tool, inlineConfig: false });
    for (const f of run.result.findings) {
      const file = relative(realworldDir, resolve(f.file));
      findings.set(file, [...(findings.get(file) ?? []), f]);
      if (unit.kind === "set" && ruleById(f.rule)?.scope === "cluster")
        clusterFindings.push({ set: unit.path, finding: f, file });
    }
  }
  return { findings, clusterFindings };
}

export function minor(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}

export interface ToolFigures {
  files: number;
  /** Content messages with a line (or a section). */
  placedMessages: number;
  /** ... of which ha-lint reports one on that line (in that section). */
  placedCaught: number;
  /** Files the tool refuses for a configuration reason. */
  refused: number;
  refusedWithError: number;
  /** Files the tool refuses for this machine only (a certificate, an interface, DNS ...): not counted above. */
  refusedEnvironmentOnly: number;
  /** Files the tool accepts. */
  accepted: number;
  /** Accepted files with an ha-lint error of a single-file rule (haproxy or keepalived scope). */
  falseRejects: number;
  /** Accepted files whose only ha-lint errors come from cluster rules (no single tool judges those). */
  acceptedWithClusterError: number;
}

export interface Missed {
  file: string;
  line: number;
  level: string;
  text: string;
  fatal: boolean;
}

export interface Measurement {
  pair: VersionPair;
  haproxy: ToolFigures;
  keepalived: ToolFigures;
  missed: Missed[];
  refusedWithoutError: { file: string; text: string }[];
  falseRejects: { file: string; finding: Finding }[];
  clusterFindings: Analysed["clusterFindings"];
  /** Every finding, by file, for the review. */
  findings: Map<string, Finding[]>;
}

function onLine(m: VerdictMessage, f: Finding): boolean {
  const line = f.range.start.line + 1;
  return m.section ? line >= m.section.first && line <= m.section.last : line === m.line;
}

export function measure(pair: VersionPair, analysed: Analysed = analyseAll(pair)): Measurement {
  const missed: Missed[] = [];
  const refusedWithoutError: Measurement["refusedWithoutError"] = [];
  const falseRejects: Measurement["falseRejects"] = [];
  const figures = (tool: Tool): ToolFigures => {
    const verdicts = readVerdicts(tool, pair[tool]);
    const out: ToolFigures = {
      files: verdicts.size,
      placedMessages: 0,
      placedCaught: 0,
      refused: 0,
      refusedWithError: 0,
      refusedEnvironmentOnly: 0,
      accepted: 0,
      falseRejects: 0,
      acceptedWithClusterError: 0,
    };
    for (const v of verdicts.values()) {
      const ours = analysed.findings.get(v.file) ?? [];
      const errors = ours.filter((f) => f.severity === "error");
      const content = contentMessages(v);
      const fatal = refuses(v);
      for (const m of content.filter((x) => x.line !== undefined)) {
        out.placedMessages++;
        if (ours.some((f) => onLine(m, f))) out.placedCaught++;
        else missed.push({ file: v.file, line: m.line!, level: m.level, text: m.text, fatal });
      }
      if (fatal && content.some((m) => m.level === "alert")) {
        out.refused++;
        if (errors.length > 0) out.refusedWithError++;
        else refusedWithoutError.push({ file: v.file, text: content.find((m) => m.level === "alert")!.text });
      } else if (fatal) out.refusedEnvironmentOnly++;
      else {
        out.accepted++;
        const fileErrors = errors.filter((f) => ruleById(f.rule)?.scope !== "cluster");
        if (fileErrors.length > 0) {
          out.falseRejects++;
          for (const finding of fileErrors) falseRejects.push({ file: v.file, finding });
        } else if (errors.length > 0) out.acceptedWithClusterError++;
      }
    }
    return out;
  };
  return {
    pair,
    haproxy: figures("haproxy"),
    keepalived: figures("keepalived"),
    missed,
    refusedWithoutError,
    falseRejects,
    clusterFindings: analysed.clusterFindings,
    findings: analysed.findings,
  };
}

/** The figures the baseline keeps, per toolset and tool. */
export function summary(m: Measurement): Record<string, number> {
  const out: Record<string, number> = {};
  for (const tool of ["haproxy", "keepalived"] as const) {
    const f = m[tool];
    const key = `${m.pair.label}.${tool}-${m.pair[tool]}`;
    out[`${key}.files`] = f.files;
    out[`${key}.placedMessages`] = f.placedMessages;
    out[`${key}.placedCaught`] = f.placedCaught;
    out[`${key}.refused`] = f.refused;
    out[`${key}.refusedWithError`] = f.refusedWithError;
    out[`${key}.accepted`] = f.accepted;
    out[`${key}.falseRejects`] = f.falseRejects;
    out[`${key}.acceptedWithClusterError`] = f.acceptedWithClusterError;
  }
  out[`${m.pair.label}.clusterFindings`] = m.clusterFindings.length;
  return out;
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? "-" : `${((100 * part) / whole).toFixed(1)}%`;
}
