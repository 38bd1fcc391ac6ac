#!/usr/bin/env node
/**
 * `npm run fuzz`: bundles scripts/fuzz.ts with esbuild (no TypeScript loader in the loop, a few times faster per
 * case) and runs it in `--jobs` worker threads of this one process (default: one per CPU; no process start per
 * case or per worker), each with its own share of the cases and its own seed; then merges their reports.
 *
 *   npm run fuzz                      10,000 cases
 *   npm run fuzz -- --long            1,000,000 cases
 *   npm run fuzz -- --cases N --minutes M --seed S --jobs J --report FILE
 *   npm run fuzz -- --compare-every N   CLI/server and alone/cluster comparisons on every Nth case (default 10)
 *   npm run fuzz -- --keep DIR          write each case that first fires a rule, and each failure, to DIR
 *                                       (test/hardening/replay/ is the replay corpus CI runs)
 */
import { Worker } from "node:worker_threads";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const long = args.includes("--long");
const total = Number(opt("--cases") ?? (long ? 1_000_000 : 10_000));
const jobs = Math.max(1, Number(opt("--jobs") ?? availableParallelism()));
const seed = Number(opt("--seed") ?? Date.now() % 2_147_483_647);
const minutes = opt("--minutes");
const reportFile = opt("--report");
const compareEvery = opt("--compare-every");
const keep = opt("--keep");
if (!Number.isInteger(total) || total < 1 || !Number.isInteger(jobs)) {
  console.error("fuzz: --cases and --jobs take whole numbers");
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), "ha-lint-fuzz-"));
const stop = () => rmSync(work, { recursive: true, force: true });
try {
  await build({
    entryPoints: [join(root, "scripts/fuzz.ts")],
    outfile: join(work, "fuzz.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    banner: {
      js: 'import { createRequire as __fuzzRequire } from "node:module"; const require = __fuzzRequire(import.meta.url);',
    },
  });
} catch (e) {
  stop();
  console.error(`fuzz: could not bundle the runner: ${e instanceof Error ? e.message : e}`);
  process.exit(2);
}

console.log(
  `ha-lint fuzz: ${total.toLocaleString("en")} cases in ${jobs} worker${jobs === 1 ? "" : "s"}, seed ${seed}${minutes ? `, at most ${minutes} min` : ""}`,
);
const started = Date.now();
const workers = [];
// Ctrl-C: ask the workers to stop after their current chunk, then merge what they reported.
process.on("SIGINT", () => {
  for (const w of workers) w.postMessage("stop");
});
const results = await Promise.all(
  Array.from({ length: jobs }, (_, i) => {
    const share = Math.floor(total / jobs) + (i < total % jobs ? 1 : 0);
    const report = join(work, `report-${i}.json`);
    const workerArgs = [
      join(work, "fuzz.mjs"),
      "--cases",
      String(share),
      "--seed",
      String((seed + i * 7919) % 2_147_483_647),
      "--report",
      report,
    ];
    if (minutes) workerArgs.push("--minutes", minutes);
    if (compareEvery) workerArgs.push("--compare-every", compareEvery);
    if (keep) workerArgs.push("--keep", resolve(keep), "--worker", String(i));
    return new Promise((done) => {
      const worker = new Worker(workerArgs[0], {
        argv: workerArgs.slice(1),
        stdout: true,
        env: { ...process.env, HA_LINT_CORPUS: process.env.HA_LINT_CORPUS ?? resolve(root, "../shared/corpus") },
        // A young generation larger than the default: the cases allocate many short-lived strings and arrays.
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
      });
      workers.push(worker);
      let buffered = "";
      worker.stdout.on("data", (d) => {
        buffered += d.toString();
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const l of lines) console.log(jobs > 1 ? `[w${i}] ${l}` : l);
      });
      worker.on("error", (e) => console.error(`[w${i}] worker failed: ${e instanceof Error ? e.stack : e}`));
      worker.on("exit", (code) => {
        let r;
        try {
          r = JSON.parse(readFileSync(report, "utf8"));
        } catch {
          r = undefined;
        }
        done({ code, report: r });
      });
    });
  }),
);

const reports = results.map((r) => r.report).filter(Boolean);
const summary = {
  cases: reports.reduce((n, r) => n + r.cases, 0),
  seconds: Math.round((Date.now() - started) / 1000),
  jobs,
  seed,
  byGenerator: {},
  distinctFailures: 0,
  fixesApplied: reports.reduce((n, r) => n + r.fixesApplied, 0),
  formattedChanges: reports.reduce((n, r) => n + r.formattedChanges, 0),
  findings: reports.reduce((n, r) => n + r.findings, 0),
  slowestCaseMs: Math.max(0, ...reports.map((r) => r.slowestCaseMs)),
  compared: reports.reduce((n, r) => n + (r.compared ?? 0), 0),
  kept: reports.reduce((n, r) => n + (r.kept ?? 0), 0),
  failures: reports.flatMap((r) => r.failures),
  workersFailed: results.filter((r) => !r.report).length,
};
for (const r of reports) {
  for (const [g, c] of Object.entries(r.byGenerator)) {
    const s = (summary.byGenerator[g] ??= { cases: 0, failures: 0 });
    s.cases += c.cases;
    s.failures += c.failures;
  }
}
summary.distinctFailures = summary.failures.length;
console.log(
  `fuzz done: ${summary.cases.toLocaleString("en")} cases in ${summary.seconds} s (${(summary.cases / Math.max(1, summary.seconds)).toFixed(0)}/s), ${summary.distinctFailures} distinct failures, ${summary.fixesApplied.toLocaleString("en")} fixes applied and re-checked, ${summary.findings.toLocaleString("en")} findings, ${summary.compared.toLocaleString("en")} cases compared (CLI/server, alone/cluster), slowest case ${summary.slowestCaseMs} ms${keep ? `, ${summary.kept} cases kept in ${keep}` : ""}`,
);
for (const [g, c] of Object.entries(summary.byGenerator))
  console.log(`  ${g}: ${c.cases.toLocaleString("en")} cases, ${c.failures} failing chunks`);
if (summary.workersFailed) console.log(`  ${summary.workersFailed} worker(s) ended without a report`);
if (reportFile) writeFileSync(reportFile, JSON.stringify(summary, null, 2));
stop();
process.exitCode = summary.failures.length || summary.workersFailed ? 1 : 0;
