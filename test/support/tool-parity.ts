/**
 * Parity of ha-lint with a real tool on one configuration: every message the tool prints about the content has an
 * ha-lint finding on its line, every finding of a rule that says the tool reports it has a tool message on its line,
 * and a configuration the tool refuses gets an error. Shared by the rule-case, corpus and differential tests.
 */
import { analyze } from "../../server/src/analyze.js";
import type { Finding } from "../../server/src/rules/finding.js";
import { allRules } from "../../server/src/rules/index.js";
import type { AnalysisSettings } from "../../server/src/rules/context.js";
import type { Rule } from "../../server/src/rules/rule.js";
import { DEFAULT_VERSIONS, fullVersion, minorOf, type Daemon } from "../../server/src/schema/versions.js";
import { checkConfig, toolsets, type Toolset } from "./real-binaries.js";
import {
  contentMessages,
  readToolOutput,
  type Tool,
  type ToolMessage,
  type ToolVerdict,
} from "./real-tool-messages.js";
import { virtualHost } from "./virtual-host.js";

export const reportedByName: Record<Tool, Rule["docs"]["reportedBy"]> = {
  haproxy: "haproxy -c",
  keepalived: "keepalived -t",
};

/** The rules whose docs say this tool reports what they report. */
export function toolRules(tool: Tool): Rule[] {
  return allRules.filter((r) => r.docs.reportedBy === reportedByName[tool] && r.scope === tool);
}

export interface Disagreement {
  /**
   * "error-on-accepted": an error of a rule that does not say the tool reports it, on a file the tool accepts (the
   * differential test, test/differential/, checks that too).
   */
  kind: "missed" | "extra" | "not-an-error" | "error-not-fatal" | "missed-verdict" | "error-on-accepted";
  line?: number;
  detail: string;
}

export interface ParityResult {
  verdict: ToolVerdict;
  findings: Finding[];
  disagreements: Disagreement[];
}

/** Message ids a rule says the tool does not print (docs.unreported), which the precision check leaves out. */
function reportedFinding(f: Finding): boolean {
  const rule = allRules.find((r) => r.id === f.rule);
  return !(f.messageId && rule?.docs.unreported?.includes(f.messageId));
}

function sameFile(message: ToolMessage, root: string): boolean {
  return message.file === undefined || message.file === root || message.file.endsWith(`/${root}`);
}

/**
 * Compares a tool's verdict with ha-lint's findings on the root file. A non-fatal tool message may be matched by a
 * finding of any severity; a fatal verdict needs an error.
 */
export function compareWithTool(verdict: ToolVerdict, findings: readonly Finding[], root: string): Disagreement[] {
  const out: Disagreement[] = [];
  const messages = contentMessages(verdict).filter((m) => sameFile(m, root));
  const ours = findings.filter((f) => f.file === root || f.file.endsWith(`/${root}`)).filter(reportedFinding);
  const placed = (m: ToolMessage, line: number): boolean =>
    m.section ? line >= m.section.first && line <= m.section.last : m.line === line;
  const lines = ours.map((f) => f.range.start.line + 1);
  for (const m of messages) {
    if (m.line !== undefined && !lines.some((line) => placed(m, line)))
      out.push({ kind: "missed", line: m.line, detail: `${m.level}: ${m.text}` });
  }
  const lineless = messages.filter((m) => m.line === undefined);
  if (lineless.length > 0 && ours.length === 0)
    out.push({
      kind: "missed-verdict",
      detail: `the tool says, on no line: ${lineless.map((m) => m.text).join(" | ")}`,
    });
  // A finding is matched by a message on its line (or in the section a message names); a tool message on no line
  // at all may stand for any finding. A tool that refuses the file stops before its later checks, so then only
  // errors must be matched.
  // A message about this machine on the line counts too: the tool did say something there.
  const evidence = verdict.messages.filter((m) => m.level !== "notice" && sameFile(m, root));
  if (lineless.length === 0) {
    for (const f of ours.filter((x) => !verdict.fatal || x.severity === "error")) {
      const line = f.range.start.line + 1;
      if (!evidence.some((m) => placed(m, line)))
        out.push({ kind: "extra", line, detail: `${f.rule} ${f.severity}: ${f.message}` });
    }
  }
  const errors = ours.filter((f) => f.severity === "error");
  if (verdict.fatal && errors.length === 0)
    out.push({
      kind: "not-an-error",
      detail: `the tool refuses the file (exit ${verdict.exitCode}); no ha-lint error`,
    });
  if (!verdict.fatal) {
    for (const f of errors) {
      const rule = allRules.find((r) => r.id === f.rule);
      if (!rule?.docs.severityNote)
        out.push({
          kind: "error-not-fatal",
          line: f.range.start.line + 1,
          detail: `${f.rule} is an error but the tool accepts the file (exit ${verdict.exitCode}); give the rule a severityNote or make it a warning`,
        });
    }
  }
  return out;
}

export interface ParityInput {
  tool: Tool;
  /** Files by path relative to the folder the tool runs in; `root` is the one checked. */
  files: Readonly<Record<string, string>>;
  root: string;
  settings?: Partial<AnalysisSettings>;
  /** The binaries to run; by default those of the settings' target version. */
  toolset?: Toolset;
  rules?: readonly Rule[];
}

/** Whether a binary of `version` is one the target version names: "2.3" any 2.3.x, "2.3.3" that one. */
export function binaryFits(tool: Daemon, version: string, target: string): boolean {
  return /^\d+\.\d+$/.test(target) ? minorOf(version) === target : fullVersion(tool, target) === version;
}

/**
 * The toolsets a case runs on. A case that names the tool's version runs on every binary of that version (a minor:
 * each of its releases here; a patch release: that one). A case without a version states a fact of every version,
 * so it runs on every binary, unless its rule is version-dependent (docs.versions): then its cases without a
 * version are about the default target, and run on the binary of the default's minor.
 */
export function toolsetsFor(tool: Tool, settings: Partial<AnalysisSettings> = {}, rule?: Rule): Toolset[] {
  const named = tool === "haproxy" ? settings.haproxyVersion : settings.keepalivedVersion;
  const target = named ?? (rule?.docs.versions ? minorOf(DEFAULT_VERSIONS[tool]) : undefined);
  return toolsets().filter(
    (t) => t[tool] !== undefined && (target === undefined || binaryFits(tool, t[tool]!, target)),
  );
}

/** The first toolset a case runs on (see toolsetsFor). */
export function toolsetOf(tool: Tool, settings: Partial<AnalysisSettings> = {}, rule?: Rule): Toolset | undefined {
  return toolsetsFor(tool, settings, rule)[0];
}

/** Runs the real tool and ha-lint on one configuration and compares them; undefined when no binary fits. */
export function parityOf(input: ParityInput): ParityResult | undefined {
  const toolset = input.toolset ?? toolsetOf(input.tool, input.settings);
  if (!toolset) return undefined;
  const run = checkConfig(toolset, input.tool, input.root, input.files);
  const verdict = readToolOutput(input.tool, run.output, run.timedOut ? null : run.status, input.files[input.root]);
  // The analysis is set to the binary's own release (patch included: keepalived changed inside 2.3).
  const version = toolset[input.tool];
  const settings: Partial<AnalysisSettings> = { ...input.settings };
  if (version && input.tool === "haproxy") settings.haproxyVersion = version;
  if (version && input.tool === "keepalived") settings.keepalivedVersion = version;
  const virtual = Object.fromEntries(Object.entries(input.files).map(([name, text]) => [`/case/${name}`, text]));
  const result = analyze({
    files: [{ path: `/case/${input.root}`, text: input.files[input.root], language: input.tool }],
    host: virtualHost(virtual),
    settings,
    rules: input.rules ?? toolRules(input.tool),
  });
  const findings = result.findings.map((f) => ({ ...f, file: f.file.replace(/^\/case\//, "") }));
  return { verdict, findings, disagreements: compareWithTool(verdict, findings, input.root) };
}
