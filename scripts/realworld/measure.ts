/**
 * `npx tsx scripts/realworld/measure.ts [--write] [--only bookworm|trixie|sid]`: ha-lint against the real tools on
 * test/realworld (see test/realworld/measure.ts for the figures). Prints, per toolset: recall, refused files with an
 * ha-lint error, false rejects, and the cluster findings of the multi-node sets. `--write` also writes
 * test/realworld/baseline.json (the figures test/realworld.test.ts holds the code to) and test/realworld/report/
 * (<toolset>-missed.tsv, -refused-without-error.tsv, -false-rejects.tsv, -cluster.tsv, -findings.tsv).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "../../server/src/rules/finding.js";
import {
  measure,
  percent,
  realworldDir,
  summary,
  VERSION_PAIRS,
  type Measurement,
} from "../../test/realworld/measure.js";

function clean(text: string): string {
  return text.replace(/[\t\r\n]+/g, " ");
}

function findingRow(file: string, f: Finding): string {
  return [file, f.range.start.line + 1, f.rule, f.severity, clean(f.message)].join("\t");
}

function writeReport(m: Measurement): void {
  const dir = join(realworldDir, "report");
  mkdirSync(dir, { recursive: true });
  const label = m.pair.label;
  const write = (name: string, header: string, rows: string[]) =>
    writeFileSync(join(dir, `${label}-${name}.tsv`), `${[header, ...rows.sort()].join("\n")}\n`);
  write(
    "missed",
    "file\tline\tlevel\tfatal\ttext",
    m.missed.map((x) => [x.file, x.line, x.level, x.fatal ? "fatal" : "", clean(x.text)].join("\t")),
  );
  write(
    "refused-without-error",
    "file\tfirst content alert",
    m.refusedWithoutError.map((x) => `${x.file}\t${clean(x.text)}`),
  );
  write(
    "false-rejects",
    "file\tline\trule\tseverity\tmessage",
    m.falseRejects.map((x) => findingRow(x.file, x.finding)),
  );
  write(
    "cluster",
    "set\tfile\tline\trule\tseverity\tmessage",
    m.clusterFindings.map((x) => `${x.set}\t${findingRow(x.file, x.finding)}`),
  );
  const all: string[] = [];
  for (const [file, list] of m.findings) for (const f of list) all.push(findingRow(file, f));
  write("findings", "file\tline\trule\tseverity\tmessage", all);
}

function print(m: Measurement): void {
  const rows = (["haproxy", "keepalived"] as const).map((tool) => {
    const f = m[tool];
    return {
      tool: `${tool} ${m.pair[tool]}`,
      files: f.files,
      recall: `${f.placedCaught}/${f.placedMessages} ${percent(f.placedCaught, f.placedMessages)}`,
      "refused with error": `${f.refusedWithError}/${f.refused} ${percent(f.refusedWithError, f.refused)}`,
      "refused (env only)": f.refusedEnvironmentOnly,
      "false rejects": `${f.falseRejects}/${f.accepted}`,
      "+ cluster errors only": f.acceptedWithClusterError,
    };
  });
  console.log(`\n${m.pair.label}`);
  console.table(rows);
  const byRule = new Map<string, number>();
  for (const c of m.clusterFindings) byRule.set(c.finding.rule, (byRule.get(c.finding.rule) ?? 0) + 1);
  const rules = [...byRule].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`);
  console.log(`cluster findings on the sets: ${m.clusterFindings.length} (${rules.join(", ")})`);
}

const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
const baseline: Record<string, number> = {};
for (const pair of VERSION_PAIRS.filter((p) => !only || p.label === only)) {
  const m = measure(pair);
  print(m);
  Object.assign(baseline, summary(m));
  if (process.argv.includes("--write")) writeReport(m);
}
if (process.argv.includes("--write") && !only)
  writeFileSync(join(realworldDir, "baseline.json"), `${JSON.stringify(baseline, null, 2)}\n`);
