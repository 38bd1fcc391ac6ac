/**
 * Which rows of the HAProxy message tables (docs/messages/haproxy-<v>.tsv) ha-lint reports, measured: keyword lines
 * made from the keyword tables (server/src/schema/haproxy.json) with a missing, a wrong or an extra argument, run
 * through each haproxy binary of this machine and through the rules that say `haproxy -c` reports them. Each
 * message the binary prints on a line is classified with the version's table (the most specific row,
 * test/support/haproxy-message-table.ts); the row counts as reported by a rule when that rule has a finding on the
 * message's line (an error when the row is fatal). The curated mapping (scripts/messages/haproxy-curated.tsv) is
 * written from this report by hand, each mapped class with a case of the rule's case table.
 *
 * With --cases, the probes are the invalid cases of the rules' case tables instead, each on the binaries its
 * version names (test/support/tool-parity.ts toolsetsFor()); a row then counts for the case's own rule only.
 *
 * Usage: npx tsx scripts/messages/haproxy-prove.ts [--versions 2.6,3.0,3.2] [--out FILE] [--only section,...]
 *        npx tsx scripts/messages/haproxy-prove.ts --cases [--out FILE]
 * Output (default /tmp/haproxy-prove.json): per version, per row: the rule ids seen on its line, the probes
 * that produced it (up to 3), and how many times no rule reported it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { analyze } from "../../server/src/analyze.js";
import type { KeywordSpec } from "../../server/src/schema/types.js";
import { checkConfig, toolsets, type Toolset } from "../../test/support/real-binaries.js";
import { readHaproxyOutput } from "../../test/support/real-tool-messages.js";
import { classifyHaproxyMessage } from "../../test/support/haproxy-message-table.js";
import { casesOf } from "../../test/support/rule-cases.js";
import { toolRules, toolsetsFor } from "../../test/support/tool-parity.js";
import { virtualHost } from "../../test/support/virtual-host.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const schema = JSON.parse(readFileSync(resolve(ROOT, "server/src/schema/haproxy.json"), "utf8"));
const args = process.argv.slice(2);
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const wanted = option("--versions")?.split(",") ?? ["2.6", "3.0", "3.2"];
const only = option("--only")?.split(",");
const outPath = option("--out") ?? "/tmp/haproxy-prove.json";

const TIMEOUTS = "    timeout connect 5s\n    timeout client 5s\n    timeout server 5s\n";

/** A probe: the section it sits in (header and lines before the probed line) and the probed line. */
interface Probe {
  header: string[];
  line: string;
  after?: string[];
}

let serial = 0;
const name = (): string => `p${++serial}`;

function sectionHeader(section: string): string[] {
  if (section === "global") return ["global"];
  if (section === "defaults") return ["defaults", "    mode http", TIMEOUTS.trimEnd()];
  if (section === "frontend") return [`frontend ${name()}`, "    mode http", "    bind 127.0.0.1:1"];
  if (section === "backend") return [`backend ${name()}`, "    mode http"];
  if (section === "listen") return [`listen ${name()}`, "    mode http", "    bind 127.0.0.1:1"];
  return [`${section} ${name()}`];
}

function goodValue(arg: Record<string, unknown>): string {
  if ("literal" in arg) return String(arg.literal);
  switch (arg.type) {
    case "int":
      return "10";
    case "time":
      return "5s";
    case "size":
      return "16k";
    case "enum":
      return String((arg.values as string[])[0]).replace(/\(1\)$/, "(x)");
    default:
      return "w";
  }
}

function badValues(arg: Record<string, unknown>): string[] {
  switch (arg.type) {
    case "int":
      return ["zz", ...(arg.negative ? [] : ["-3"]), ...(arg.zero ? [] : ["0"]), "12zz"];
    case "time":
      return ["5q", "99999999999", "zz"];
    case "size":
      return ["zz", "5q"];
    case "enum":
      return ["zz"];
    default:
      return [];
  }
}

/** Probe lines of a section keyword at a version. */
function keywordLines(spec: KeywordSpec, version: string): string[] {
  const kw = spec.name;
  const shape = spec.shapes?.[version];
  const lines = [kw, `${kw} zz`, `${kw} zz zz zz`];
  if (!shape) return lines;
  const good = shape.args.map((a) => goodValue(a as Record<string, unknown>));
  shape.args.forEach((a, i) => {
    for (const bad of badValues(a as Record<string, unknown>)) {
      const words = [...good];
      words[i] = bad;
      lines.push(`${kw} ${words.join(" ")}`);
    }
  });
  if (shape.max !== null) lines.push(`${kw} ${[...good, "zz", "zz"].slice(0, shape.max + 1).join(" ")}`);
  if (shape.min > 1) lines.push(`${kw} ${good.slice(0, shape.min - 1).join(" ")}`);
  return lines;
}

function optionLines(spec: KeywordSpec, version: string): string[] {
  const shape = spec.optionShapes?.[version];
  const lines = [spec.name, `${spec.name} zz`];
  if (shape) for (const bad of badValues(shape.value as Record<string, unknown>)) lines.push(`${spec.name} ${bad}`);
  return lines;
}

function probesOf(version: string): Probe[] {
  const probes: Probe[] = [];
  const has = (spec: KeywordSpec): boolean => spec.versions.includes(version);
  for (const [section, specs] of Object.entries(schema.keywords as Record<string, KeywordSpec[]>)) {
    if (only && !only.includes(section)) continue;
    for (const spec of specs.filter(has))
      for (const line of keywordLines(spec, version)) probes.push({ header: sectionHeader(section), line });
  }
  if (!only || only.includes("bind"))
    for (const spec of (schema.bindOptions as KeywordSpec[]).filter(has))
      for (const opt of optionLines(spec, version))
        probes.push({ header: [`frontend ${name()}`, "    mode http"], line: `bind 127.0.0.1:2 ${opt}` });
  if (!only || only.includes("server"))
    for (const spec of (schema.serverOptions as KeywordSpec[]).filter(has))
      for (const opt of optionLines(spec, version))
        probes.push({ header: [`backend ${name()}`, "    mode http"], line: `server s1 192.0.2.1:80 ${opt}` });
  for (const [ruleset, specs] of Object.entries(schema.actions as Record<string, KeywordSpec[]>)) {
    if (only && !only.includes(ruleset)) continue;
    const kind = ruleset.startsWith("http-request") || ruleset.startsWith("tcp-request") ? "frontend" : "backend";
    for (const spec of specs.filter(has)) {
      const arity = spec.arity?.[version];
      const lines = [`${ruleset} ${spec.name}`, `${ruleset} ${spec.name} zz`];
      if (arity !== undefined)
        lines.push(
          `${ruleset} ${spec.name} ${Array(arity + 1)
            .fill("zz")
            .join(" ")}`,
        );
      for (const line of lines) probes.push({ header: sectionHeader(kind), line });
    }
  }
  return probes;
}

interface RowReport {
  file: string;
  function: string;
  pattern: string;
  outcome: string;
  fatal: boolean;
  rules: Record<string, number>;
  missed: number;
  examples: string[];
  missedExamples: string[];
}

function runBatch(set: Toolset, version: string, batch: Probe[], report: Map<string, RowReport>): void {
  const lines: string[] = [];
  const probeAt = new Map<number, Probe>();
  for (const p of batch) {
    lines.push(...p.header);
    lines.push(`    ${p.line}`);
    probeAt.set(lines.length, p);
    lines.push("");
  }
  runText(set, version, `${lines.join("\n")}\n`, { probeAt }, report);
}

interface Scope {
  /** The probe of each probed line; without it, every line counts. */
  probeAt?: Map<number, Probe>;
  /** The rule whose findings count; without it, any rule's. */
  rule?: string;
  name?: string;
  settings?: Record<string, unknown>;
}

function runText(set: Toolset, version: string, text: string, scope: Scope, report: Map<string, RowReport>): void {
  const { probeAt } = scope;
  const run = checkConfig(set, "haproxy", "p.cfg", { "p.cfg": text });
  const verdict = readHaproxyOutput(run.output, run.status, text, set.haproxy);
  const result = analyze({
    files: [{ path: "/case/p.cfg", text, language: "haproxy" }],
    host: virtualHost({ "/case/p.cfg": text }),
    settings: { ...scope.settings, haproxyVersion: set.haproxy },
    rules: toolRules("haproxy"),
  });
  for (const m of verdict.messages) {
    if (m.line === undefined || m.section || (probeAt && !probeAt.has(m.line))) continue;
    const row = classifyHaproxyMessage(m.text, version);
    if (!row) continue;
    const key = `${row.file}\t${row.function}\t${row.pattern.source}`;
    const entry = report.get(key) ?? {
      file: row.file,
      function: row.function,
      pattern: row.pattern.source,
      outcome: row.outcome,
      fatal: row.fatal,
      rules: {},
      missed: 0,
      examples: [],
      missedExamples: [],
    };
    report.set(key, entry);
    const on = result.findings.filter(
      (f) =>
        f.range.start.line + 1 === m.line &&
        (m.level !== "alert" || f.severity === "error") &&
        (!scope.rule || f.rule === scope.rule),
    );
    const probe = probeAt?.get(m.line);
    const said = m.text.replace(/^.*?\] ?: /, "");
    const example = probe ? `${probe.header[0]} | ${probe.line} => ${said}` : `${scope.name} => ${said}`;
    if (on.length === 0) {
      entry.missed++;
      if (entry.missedExamples.length < 3) entry.missedExamples.push(example);
    } else {
      for (const id of new Set(on.map((f) => f.rule))) entry.rules[id] = (entry.rules[id] ?? 0) + 1;
      if (entry.examples.length < 3) entry.examples.push(`${example} [${on.map((f) => f.rule).join(",")}]`);
    }
  }
}

const out: Record<string, RowReport[]> = {};
if (args.includes("--cases")) {
  const reports = new Map<string, Map<string, RowReport>>();
  for (const rule of toolRules("haproxy")) {
    for (const c of casesOf(rule).invalid) {
      const root = Object.keys(c.files).find((n) => n.endsWith(".cfg")) ?? Object.keys(c.files)[0];
      if (!root || Object.keys(c.files).length > 1) continue;
      for (const set of toolsetsFor("haproxy", c.settings, rule)) {
        const version = set.haproxy!.split(".").slice(0, 2).join(".");
        const report = reports.get(set.haproxy!) ?? new Map<string, RowReport>();
        reports.set(set.haproxy!, report);
        const scope = { rule: rule.id, name: `${rule.id} ${c.name}`, settings: c.settings };
        runText(set, version, c.files[root], scope, report);
      }
    }
  }
  for (const [v, report] of reports) out[v] = [...report.values()];
} else
  for (const set of toolsets()) {
    const version = set.haproxy?.split(".").slice(0, 2).join(".");
    if (!version || !wanted.includes(version)) continue;
    const probes = probesOf(version);
    const report = new Map<string, RowReport>();
    for (let i = 0; i < probes.length; i += 25) runBatch(set, version, probes.slice(i, i + 25), report);
    out[set.haproxy!] = [...report.values()];
    console.log(`${set.haproxy}: ${probes.length} probes, ${report.size} rows seen`);
  }
writeFileSync(outPath, `${JSON.stringify(out, null, 1)}\n`);
