/**
 * The report of a differential run: JSON (figures, every class with its instances' ids, one reproduction each) and
 * a readable summary grouped by tool, kind and class, ha-lint bugs first, then the documented exceptions.
 */
import type { Finding } from "../../server/src/rules/finding.js";
import type { Tool } from "../support/real-tool-messages.js";
import { exceptionFor, type DifferentialException } from "./exceptions.js";
import type { Reproduction } from "./minimize.js";
import type { DifferentialRun, DisagreementClass, Outcome } from "./run-differential.js";
import { toolRules } from "../support/tool-parity.js";

export const KIND_MEANING: Record<string, string> = {
  missed: "the binary prints this message on a line (or for a section); ha-lint reports nothing there",
  "missed-verdict": "the binary prints this message on no line; ha-lint reports nothing in the file",
  extra: "a rule that says the binary reports it fires on a line where the binary prints nothing",
  "not-an-error": "the binary refuses the file; ha-lint sees the problem only as a warning (no error)",
  "error-not-fatal": "an error of a rule that says the binary reports it, on a file the binary accepts",
  "error-on-accepted": "an error of another single-file rule, on a file the binary accepts",
};

export interface ClassReport {
  cls: string;
  tool: Tool;
  kind: string;
  instances: number;
  versions: string[];
  categories: Record<string, number>;
  exception?: { reason: string; line: number };
  examples: string[];
  details: string[];
  reproduction: {
    version: string;
    release: string;
    variant: string;
    seed: number;
    base: string;
    mutation: string;
    minimized: boolean;
    text: string;
    env?: Record<string, string>;
    exitCode: number | null;
    toolSays: string[];
    haLintSays: string[];
  };
}

const TOOL_COMMAND: Record<Tool, string> = {
  haproxy: "haproxy -c -f haproxy.cfg",
  keepalived: "keepalived -t -f keepalived.conf -l -D -n",
};

function toolLines(output: string): string[] {
  const seen = new Set<string>();
  return output
    .split("\n")
    .map((l) => l.replace(/^\[(ALERT|WARNING|NOTICE)\]\s*\(\d+\)/, "[$1]").trimEnd())
    .filter((l) => l.trim() && !seen.has(l) && seen.add(l) !== undefined)
    .map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l));
}

function haLintLines(tool: Tool, findings: readonly Finding[]): string[] {
  const claimed = new Set(toolRules(tool).map((r) => r.id));
  return findings.map((f) => {
    const message = f.message.length > 300 ? `${f.message.slice(0, 300)}…` : f.message;
    const id = `${f.rule}${f.messageId ? `/${f.messageId}` : ""}${claimed.has(f.rule) ? "" : " (not a tool rule)"}`;
    return `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${id}: ${message}`;
  });
}

/** The smallest instance of a class (fewest bytes), the one to minimise. */
export function smallestInstance(entry: DisagreementClass): Outcome {
  return entry.instances.reduce((a, b) => (b.outcome.variant.text.length < a.outcome.variant.text.length ? b : a))
    .outcome;
}

export function classReports(
  run: DifferentialRun,
  exceptions: readonly DifferentialException[],
  reproductions: ReadonlyMap<string, Reproduction>,
): ClassReport[] {
  return run.classes.map((entry): ClassReport => {
    const outcome = smallestInstance(entry);
    const repro = reproductions.get(entry.cls);
    const versions = [...new Set(entry.instances.map((i) => i.outcome.target.version))].sort();
    const exception = versions
      .map((v) => exceptionFor(exceptions, entry.tool, v, entry.cls))
      .find((e) => e !== undefined);
    const categories: Record<string, number> = {};
    for (const i of entry.instances)
      categories[i.outcome.variant.category] = (categories[i.outcome.variant.category] ?? 0) + 1;
    const findings = repro ? repro.comparison.findings : outcome.comparison.findings;
    return {
      cls: entry.cls,
      tool: entry.tool,
      kind: entry.kind,
      instances: entry.instances.length,
      versions,
      categories,
      exception: exception && { reason: exception.reason, line: exception.line },
      examples: [...new Set(entry.instances.map((i) => `${i.outcome.variant.id}@${i.outcome.target.version}`))].slice(
        0,
        8,
      ),
      details: [...new Set(entry.instances.map((i) => i.disagreement.detail))].slice(0, 4),
      reproduction: {
        version: outcome.target.version,
        release: outcome.release,
        variant: outcome.variant.id,
        seed: outcome.variant.seed,
        base: outcome.variant.base,
        mutation: outcome.variant.mutation,
        minimized: repro !== undefined,
        text: repro?.text ?? outcome.variant.text,
        env: outcome.variant.env,
        exitCode: repro ? repro.comparison.toolVerdict.exitCode : outcome.comparison.toolVerdict.exitCode,
        toolSays: toolLines(repro?.run.output ?? outcome.output),
        haLintSays: haLintLines(entry.tool, findings),
      },
    };
  });
}

const row = (cells: readonly unknown[]): string => `| ${cells.join(" | ")} |`;

function fence(text: string): string {
  const shown = text.replace(/\r/g, "␍").replace(/\ufeff/g, "[BOM]");
  const endsWithNewline = text.endsWith("\n");
  const body = endsWithNewline ? shown.slice(0, -1) : `${shown}⟨no newline at end of file⟩`;
  return ["```text", body, "```"].join("\n");
}

function classSection(report: ClassReport, index: number): string {
  const r = report.reproduction;
  const out = [
    `### ${index}. \`${report.cls}\``,
    "",
    `${report.instances} instances; versions ${report.versions.join(", ")}; variants: ${Object.entries(
      report.categories,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}. Examples: ${report.examples.join(", ")}.`,
    "",
  ];
  if (report.exception)
    out.push(`**Exception** (exceptions.tsv line ${report.exception.line}): ${report.exception.reason}`, "");
  out.push(
    `Reproduction (${r.minimized ? "minimised" : "smallest instance, not minimised"}; ${report.tool} ${r.version}, ` +
      `${r.release}; from ${r.variant}, seed ${r.seed}, base ${r.base}: ${r.mutation}):`,
    "",
    fence(r.text),
    "",
  );
  if (r.env && Object.keys(r.env).length > 0)
    out.push(
      `Environment: ${Object.entries(r.env)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(" ")}`,
      "",
    );
  out.push(
    `\`${TOOL_COMMAND[report.tool]}\` (exit ${r.exitCode ?? "timeout"}):`,
    "",
    ["```text", ...(r.toolSays.length ? r.toolSays : ["(nothing)"]), "```"].join("\n"),
    "",
    "ha-lint:",
    "",
    ["```text", ...(r.haLintSays.length ? r.haLintSays : ["(nothing)"]), "```"].join("\n"),
    "",
  );
  if (report.details.length > 1)
    out.push("Other instances:", "", ...report.details.map((d) => `- ${d.slice(0, 300)}`), "");
  return out.join("\n");
}

export function markdownReport(run: DifferentialRun, reports: readonly ClassReport[], command: string): string {
  const bugs = reports.filter((r) => !r.exception);
  const excepted = reports.filter((r) => r.exception);
  const out = [
    "# Differential test report: ha-lint against haproxy -c and keepalived -t",
    "",
    `Command: \`${command}\`. Seed ${run.options.seed}; ${run.options.variantsPerTool} variants per tool, each run` +
      ` on every version of that tool; bases: ${run.bases.keepalived.length} keepalived.conf,` +
      ` ${run.bases.haproxy.length} haproxy.cfg (pair, fixtures${run.options.corpus ? ", corpus" : ""}).` +
      ` Wall time ${run.wallSeconds.toFixed(0)} s. Every base runs unchanged on every binary first (category "base");` +
      ` variants are made only from the bases no binary refuses: ${run.usedBases.keepalived?.length ?? 0}` +
      ` keepalived.conf and ${run.usedBases.haproxy?.length ?? 0} haproxy.cfg.`,
    "",
    "Made by test/differential/ (`npm run differential -- --long`). Each variant goes through the real binary and",
    "through ha-lint set to that binary's version; the comparison is test/support/tool-parity.ts compareWithTool()",
    "plus errors of other single-file rules on accepted files. Kinds of disagreement:",
    "",
    ...Object.entries(KIND_MEANING).map(([k, v]) => `- **${k}**: ${v}.`),
    "",
    "## Figures",
    "",
    "| tool | version | release | variants | agree | disagree | skipped (environment) | timeouts |" +
      " accepted / warnings / refused by the binary | binary time (s) |",
    "|---|---|---|---:|---:|---:|---:|---:|---|---:|",
    ...run.targets.map((t) =>
      row([
        t.tool,
        t.version,
        t.release,
        t.variants,
        t.agree,
        t.disagree,
        t.skippedEnvironment,
        t.timeouts,
        `${t.toolVerdicts.accepted ?? 0} / ${t.toolVerdicts.warnings ?? 0} / ${t.toolVerdicts.refused ?? 0}`,
        t.binarySeconds.toFixed(0),
      ]),
    ),
    "",
    "Variants with a disagreement, by kind of variant (all versions together):",
    "",
    "| tool | kind of variant | variants | with a disagreement |",
    "|---|---|---:|---:|",
  ];
  for (const tool of ["keepalived", "haproxy"] as const) {
    const categories = new Map<string, { variants: number; disagree: number }>();
    for (const t of run.targets.filter((x) => x.tool === tool))
      for (const [k, v] of Object.entries(t.byCategory)) {
        const sum = categories.get(k) ?? { variants: 0, disagree: 0 };
        categories.set(k, { variants: sum.variants + v!.variants, disagree: sum.disagree + v!.disagree });
      }
    for (const [k, v] of [...categories].sort()) out.push(`| ${tool} | ${k} | ${v.variants} | ${v.disagree} |`);
  }
  out.push(
    "",
    `## Classes: ${reports.length} (${bugs.length} ha-lint bugs, ${excepted.length} documented exceptions)`,
    "",
    "| # | class | instances | versions | exception |",
    "|---:|---|---:|---|---|",
    ...[...bugs, ...excepted].map((r, i) =>
      row([i + 1, `\`${r.cls.replace(/\|/g, "\\|")}\``, r.instances, r.versions.join(", "), r.exception ? "yes" : ""]),
    ),
    "",
    "## ha-lint bugs",
    "",
  );
  let index = 0;
  for (const tool of ["keepalived", "haproxy"] as const)
    for (const kind of Object.keys(KIND_MEANING)) {
      const group = bugs.filter((r) => r.tool === tool && r.kind === kind);
      if (group.length === 0) continue;
      out.push(`## ${tool}: ${kind} (${group.length} classes)`, "", `${KIND_MEANING[kind]}.`, "");
      for (const report of group) out.push(classSection(report, ++index));
    }
  out.push("## Documented exceptions", "");
  if (excepted.length === 0) out.push("None seen in this run.", "");
  for (const report of excepted) out.push(classSection(report, ++index));
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

export function jsonReport(run: DifferentialRun, reports: readonly ClassReport[], command: string): unknown {
  return {
    command,
    seed: run.options.seed,
    options: run.options,
    wallSeconds: run.wallSeconds,
    bases: run.bases,
    usedBases: run.usedBases,
    targets: run.targets,
    classes: reports,
  };
}
