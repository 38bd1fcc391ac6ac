/**
 * One variant through ha-lint (in process, with the version and environment the binary had) and its comparison
 * with what the binary said: test/support/tool-parity.ts compareWithTool() for the messages, lines and verdict of
 * the rules that say the tool reports them, plus "error-on-accepted" for an error of any other single-file rule on
 * a file the tool accepts. Each disagreement gets a class: the tool's message or ha-lint's message id, with names
 * and numbers taken out, so that thousands of variants fold into a list one can read.
 */
import { analyze } from "../../server/src/analyze.js";
import type { Finding } from "../../server/src/rules/finding.js";
import { allRules } from "../../server/src/rules/index.js";
import type { AnalysisSettings } from "../../server/src/rules/context.js";
import { batchFileName, minor, TOOL_ENV, type ToolRun } from "../support/real-binaries.js";
import { contentMessages, readToolOutput, type Tool, type ToolVerdict } from "../support/real-tool-messages.js";
import { compareWithTool, toolRules, type Disagreement } from "../support/tool-parity.js";
import { virtualHost } from "../support/virtual-host.js";

export type Verdict = "accepted" | "warnings" | "refused";

export interface ClassifiedDisagreement extends Disagreement {
  /** `tool kind: pattern`, the same for every instance of one kind of mistake. */
  cls: string;
}

export interface Comparison {
  tool: Verdict;
  haLint: Verdict;
  /** The tool stopped or refused for a reason about this machine only, or timed out: nothing to compare. */
  skipped?: "environment" | "timeout";
  disagreements: ClassifiedDisagreement[];
  toolVerdict: ToolVerdict;
  findings: Finding[];
}

/** A message with what varies between instances (names, numbers, quoted words, places) replaced. */
export function messagePattern(text: string): string {
  return text
    .replace(/^config\s*:\s*/, "")
    .replace(/pars(ing|ine) \[[^\]]*\]\s*:?\s*/gi, "")
    .replace(/^\[[^\]]*:\d+\]\s*:?\s*/, "")
    .replace(/(^|[^A-Za-z])'[^']*'/g, "$1'…'")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/`[^`]*`/g, "`…`")
    .replace(/\([^()]*\)/g, "(…)")
    .replace(/'…'(\s*(,|\.\.\.|or|and)\s*'…')+/g, "'…', …")
    .replace(/[^\s'"`]*\d[^\s'"`]*/g, (token) => (/^\d+[.,;:]?$/.test(token) ? token.replace(/\d+/, "N") : "N"))
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 160);
}

function classOf(tool: Tool, d: Disagreement, findings: readonly Finding[]): string {
  if (d.kind === "extra" || d.kind === "error-not-fatal" || d.kind === "error-on-accepted") {
    const rule = d.detail.split(" ")[0];
    const finding = findings.find((f) => f.range.start.line + 1 === d.line && f.rule === rule);
    return `${tool} ${d.kind}: ${rule}${finding?.messageId ? `/${finding.messageId}` : ""}`;
  }
  const text = d.detail.replace(/^(alert|warning|notice): /, "").replace(/^the tool says, on no line: /, "");
  return `${tool} ${d.kind}: ${messagePattern(text)}`;
}

function toolVerdictOf(verdict: ToolVerdict): Verdict {
  if (verdict.fatal) return "refused";
  return contentMessages(verdict).length > 0 ? "warnings" : "accepted";
}

function haLintVerdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === "error")) return "refused";
  return findings.length > 0 ? "warnings" : "accepted";
}

export interface VersionedTool {
  tool: Tool;
  /** The binary's full version: "2.6.12". */
  version: string;
}

/** ha-lint's settings for a binary of this version seeing this environment. */
export function settingsFor(
  target: VersionedTool,
  env: Readonly<Record<string, string>> = {},
): Partial<AnalysisSettings> {
  return target.tool === "haproxy"
    ? { haproxyVersion: minor(target.version), env: { ...TOOL_ENV, ...env } }
    : { keepalivedVersion: minor(target.version) };
}

const singleFileRules = (tool: Tool) => allRules.filter((r) => r.scope === tool);

/** ha-lint's findings on one file, analysed the way the binary read it. */
export function haLintFindings(
  target: VersionedTool,
  text: string,
  env: Readonly<Record<string, string>> = {},
): Finding[] {
  const root = batchFileName(target.tool);
  const result = analyze({
    files: [{ path: `/case/${root}`, text, language: target.tool }],
    host: virtualHost({}),
    settings: settingsFor(target, env),
    rules: singleFileRules(target.tool),
  });
  if (result.internalErrors.length > 0)
    throw new Error(`ha-lint failed: ${result.internalErrors.map((e) => `${e.rule}: ${e.message}`).join("; ")}`);
  return result.findings.map((f) => ({ ...f, file: f.file.replace(/^\/case\//, "") }));
}

/** Compares the binary's run on a variant with ha-lint's findings on it. */
export function compareRun(
  target: VersionedTool,
  text: string,
  env: Readonly<Record<string, string>> | undefined,
  run: ToolRun,
): Comparison {
  const root = batchFileName(target.tool);
  const toolVerdict = readToolOutput(target.tool, run.output, run.timedOut ? null : run.status, text);
  const findings = haLintFindings(target, text, env);
  const claimed = new Set(toolRules(target.tool).map((r) => r.id));
  const fromToolRules = findings.filter((f) => claimed.has(f.rule));
  const base = { tool: toolVerdictOf(toolVerdict), haLint: haLintVerdictOf(fromToolRules), toolVerdict, findings };
  if (run.timedOut) return { ...base, skipped: "timeout", disagreements: [] };
  const alerts = toolVerdict.messages.filter((m) => m.level === "alert");
  if (toolVerdict.fatal && alerts.length > 0 && alerts.every((m) => m.environment))
    return { ...base, skipped: "environment", disagreements: [] };
  // An interface this machine lacks stops keepalived's VRRP process before its completion checks
  // (vrrp_daemon.c start_vrrp()): what it would have said about the rest is unknown.
  if (toolVerdict.messages.some((m) => /Non-existent interface specified in configuration/.test(m.text)))
    return { ...base, skipped: "environment", disagreements: [] };
  // A binary that refuses while reading skips its later checks: HAProxy runs no check_config_validity() after a
  // fatal parse error ("Error(s) found in configuration file", haproxy.c), keepalived stops reading at a missing
  // parameter and its VRRP completion at the first failing instance. What ha-lint reports beyond that cannot be
  // checked against this run.
  const stoppedEarly =
    target.tool === "haproxy" ? /Error\(s\) found in configuration file/.test(run.output) : toolVerdict.fatal;
  const disagreements: Disagreement[] = compareWithTool(toolVerdict, fromToolRules, root).filter(
    (d) => !(stoppedEarly && d.kind === "extra"),
  );
  if (!toolVerdict.fatal) {
    for (const f of findings.filter((x) => x.severity === "error" && !claimed.has(x.rule)))
      disagreements.push({
        kind: "error-on-accepted",
        line: f.range.start.line + 1,
        detail: `${f.rule} ${f.severity}: ${f.message}`,
      });
  }
  // A refused file whose refusing message ha-lint misses is one mistake, reported as that "missed"; not-an-error
  // stays for a refusal ha-lint sees only as a warning (or not on the tool's line).
  const missedAlert = disagreements.some((d) => d.kind === "missed" && d.detail.startsWith("alert: "));
  const firstFatal = alerts.find((m) => !m.environment);
  return {
    ...base,
    disagreements: disagreements
      .filter((d) => !(d.kind === "not-an-error" && missedAlert))
      .map((d) => ({
        ...d,
        cls:
          d.kind === "not-an-error"
            ? `${target.tool} not-an-error: ${messagePattern(firstFatal?.text ?? `exit ${toolVerdict.exitCode}`)}`
            : classOf(target.tool, d, findings),
      })),
  };
}
