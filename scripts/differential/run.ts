/**
 * `npm run differential` — ha-lint against the real haproxy and keepalived binaries on generated variants
 * (test/differential/). Options:
 *   --long             5000 variants per tool (each on every version of it), the corpus as bases too, every base
 *                      checked, every class minimised, the report written to test/differential/REPORT.md and
 *                      report.json
 *   --variants N       variants per tool (default 200, or 5000 with --long)
 *   --seed S           run seed (default 1414); every variant is made again from it and its index
 *   --tools a,b        haproxy and/or keepalived
 *   --releases a,b     bookworm, trixie, sid
 *   --corpus / --no-corpus, --minimize / --no-minimize
 *   --check-bases      run every base unchanged through every binary and rewrite test/differential/base-verdicts.json
 *                      (on with --long; otherwise only bases missing from that file are run)
 *   --out DIR          where the report goes (default test/differential with --long, none otherwise)
 *   --show ID          one variant (haproxy-17): its text, each binary's output and ha-lint's findings
 * Exits 1 when a disagreement is not in test/differential/exceptions.tsv.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { baseConfigs } from "../../test/differential/bases.js";
import { readExceptions, exceptionFor } from "../../test/differential/exceptions.js";
import { makeVariant } from "../../test/differential/generate.js";
import { minimize, type Reproduction } from "../../test/differential/minimize.js";
import { classReports, jsonReport, markdownReport, smallestInstance } from "../../test/differential/report.js";
import { interfacesFor, runBatch, runDifferential, runPool } from "../../test/differential/run-differential.js";
import { compareRun } from "../../test/differential/verdicts.js";
import { toolsets } from "../../test/support/real-binaries.js";
import type { Tool } from "../../test/support/real-tool-messages.js";

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const flag = (name: string, fallback: boolean): boolean =>
  args.includes(`--${name}`) ? true : args.includes(`--no-${name}`) ? false : fallback;

const long = args.includes("--long");
const seed = Number(option("--seed") ?? 1414);
const variantsPerTool = Number(option("--variants") ?? (long ? 5000 : 200));
const tools = (option("--tools")?.split(",") ?? ["keepalived", "haproxy"]) as Tool[];
const releases = option("--releases")?.split(",");
const corpus = flag("corpus", long);
const minimizeClasses = flag("minimize", long);
const checkBases = flag("check-bases", long);
const out = option("--out") ?? (long ? "test/differential" : undefined);
const command = `npm run differential -- ${args.join(" ")}`.trim();

async function show(id: string): Promise<void> {
  const [tool, index] = id.split("-") as [Tool, string];
  const bases = baseConfigs(tool, { corpus });
  const variant = makeVariant(tool, seed, Number(index), bases);
  console.log(`${variant.id} seed ${variant.seed} base ${variant.base} (${variant.category}): ${variant.mutation}`);
  if (variant.env) console.log(`environment: ${JSON.stringify(variant.env)}`);
  console.log(
    variant.text
      .split("\n")
      .map((l, i) => `${String(i + 1).padStart(4)} | ${JSON.stringify(l).slice(1, -1)}`)
      .join("\n"),
  );
  for (const set of toolsets()) {
    const version = set[tool];
    if (!version || (releases && !releases.includes(set.release))) continue;
    const target = { tool, version };
    const [run] = await runBatch(
      { set, target, variants: [variant] },
      interfacesFor(baseConfigs("keepalived", { corpus })),
    );
    const comparison = compareRun(target, variant.text, variant.env, run);
    console.log(`\n== ${tool} ${version} (${set.release}): exit ${run.status}${run.timedOut ? " (timed out)" : ""}`);
    console.log(run.output.trimEnd());
    console.log("-- ha-lint:");
    for (const f of comparison.findings) console.log(`${f.range.start.line + 1} ${f.severity} ${f.rule} ${f.message}`);
    console.log("-- disagreements:");
    for (const d of comparison.disagreements) console.log(`${d.cls}\n    ${d.detail}`);
  }
}

async function main(): Promise<number> {
  const shown = option("--show");
  if (shown) {
    await show(shown);
    return 0;
  }
  const exceptions = readExceptions();
  let last = 0;
  const run = await runDifferential({
    seed,
    variantsPerTool,
    tools,
    releases,
    corpus,
    checkBases,
    onProgress: (done, total) => {
      if (process.stderr.isTTY || done - last >= total / 20 || done === total) {
        process.stderr.write(
          `${process.stderr.isTTY ? "\r" : ""}${done}/${total} runs${process.stderr.isTTY ? "" : "\n"}`,
        );
        last = done;
      }
    },
  });
  process.stderr.write("\n");
  const reproductions = new Map<string, Reproduction>();
  if (minimizeClasses) {
    const interfaces = interfacesFor(baseConfigs("keepalived", { corpus }));
    let count = 0;
    await runPool(
      run.classes,
      2,
      async (entry) => {
        const outcome = smallestInstance(entry);
        const set = toolsets().find((s) => s.release === outcome.release)!;
        return minimize(entry.cls, outcome.variant, set, outcome.target, interfaces);
      },
      (entry, repro) => {
        if (repro) reproductions.set(entry.cls, repro);
        process.stderr.write(`minimised ${++count}/${run.classes.length}\r`);
      },
    );
    process.stderr.write("\n");
  }
  const reports = classReports(run, exceptions, reproductions);
  for (const t of run.targets)
    console.log(
      `${t.tool} ${t.version} (${t.release}): ${t.variants} variants, ${t.agree} agree, ${t.disagree} disagree, ` +
        `${t.skippedEnvironment} skipped (environment), ${t.timeouts} timeouts, ` +
        `binaries ${t.binarySeconds.toFixed(0)} s`,
    );
  const bugs = reports.filter((r) => !r.exception);
  console.log(
    `${reports.length} classes of disagreement, ${bugs.length} not in exceptions.tsv; ` +
      `wall ${run.wallSeconds.toFixed(0)} s`,
  );
  for (const r of reports)
    console.log(`  ${String(r.instances).padStart(6)}  ${r.exception ? "(exception) " : ""}${r.cls}`);
  const unused = exceptions.filter(
    (e) =>
      !run.classes.some((c) => c.instances.some((i) => exceptionFor([e], c.tool, i.outcome.target.version, c.cls))),
  );
  for (const e of unused) console.log(`exceptions.tsv line ${e.line} matched nothing in this run`);
  if (out) {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "REPORT.md"), markdownReport(run, reports, command));
    writeFileSync(join(out, "report.json"), `${JSON.stringify(jsonReport(run, reports, command), null, 1)}\n`);
    console.log(`report: ${join(out, "REPORT.md")}, ${join(out, "report.json")}`);
  }
  return bugs.length > 0 ? 1 : 0;
}

process.exitCode = await main();
