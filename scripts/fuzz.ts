/**
 * One fuzz worker (scripts/fuzz-run.mjs bundles it and runs one per CPU for `npm run fuzz`): 10,000 cases,
 * `--long` for 1,000,000, or
 * `--cases N`, `--minutes M` (stop when the time is up), `--seed S`, `--report FILE` (JSON summary), `--trace`
 * (a line per chunk: generator, seed, heap), `--compare-every N` (the comparisons of fuzz-agreement.ts on every Nth
 * case, default 10), `--keep DIR` (save each case that is the first to fire a rule, and each failure, as replay
 * cases: test/hardening/replay/ is the corpus CI replays).
 * Cases rotate over three generators: grammar-aware keepalived+HAProxy pairs (sometimes mutated), byte-level
 * mutations of the shared corpus, and noise over the lexers' alphabet. Every case runs all the properties of
 * test/hardening/fuzz-core.ts. A failing chunk is shrunk, recorded and the run goes on with the next seed.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parentPort } from "node:worker_threads";
import fc from "fast-check";
import {
  checkCase,
  corpusCases,
  corpusFiles,
  grammarCases,
  noiseCases,
  type Case,
} from "../test/hardening/fuzz-core.js";

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const long = args.includes("--long");
const total = Number(opt("--cases") ?? (long ? 1_000_000 : 10_000));
const minutes = opt("--minutes") !== undefined ? Number(opt("--minutes")) : Infinity;
let seed = Number(opt("--seed") ?? Date.now() % 2_147_483_647);
const reportFile = opt("--report");
const trace = args.includes("--trace");
const compareEvery = Math.max(1, Number(opt("--compare-every") ?? 10));
const keepDir = opt("--keep");
/** Cases larger than this are not kept: the replay corpus is committed. */
const KEEP_MAX_CHARS = 24_000;
const CHUNK = 100;

// Corpus files that nest ~SEQ on one line expand to tens of thousands of VRRP instances and take minutes to analyse
// (reported as a core performance bug); they are left out of the mutation pool so one case cannot eat the run.
const all = corpusFiles();
const corpus = all.filter((f) => !/~SEQ[^\n]*~SEQ/.test(f.text));
const generators: { name: string; arb: fc.Arbitrary<Case>; weight: number }[] = [
  { name: "grammar", arb: grammarCases(), weight: 4 },
  ...(corpus.length ? [{ name: "corpus-mutation", arb: corpusCases(corpus), weight: 4 }] : []),
  { name: "noise", arb: noiseCases, weight: 2 },
];
const schedule = generators.flatMap((g) => Array<typeof g>(g.weight).fill(g));

interface FailureRecord {
  generator: string;
  seed: number;
  path?: string;
  message: string;
  counterexample: Case;
}
const counts: Record<string, { cases: number; failures: number }> = Object.fromEntries(
  generators.map((g) => [g.name, { cases: 0, failures: 0 }]),
);
const failures: FailureRecord[] = [];
const seen = new Set<string>();
let fixes = 0;
let formatted = 0;
let findings = 0;
let slowest = 0;
let compared = 0;
let kept = 0;
let caseIndex = 0;
const rulesSeen = new Set<string>();

/** Saves a replay case (test/hardening/fuzz-replay.test.ts runs every file of the folder). */
function keepCase(name: string, generator: string, why: string, c: Case): void {
  if (!keepDir) return;
  const size = c.ka1.length + c.ka2.length + c.hp1.length + c.hp2.length + c.inc.length;
  const file = join(keepDir, `${name}.json`);
  if (size > KEEP_MAX_CHARS || existsSync(file)) return;
  mkdirSync(keepDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify({ generator, why, case: c }, null, 1)}\n`);
  kept++;
}
const started = Date.now();
const deadline = started + minutes * 60_000;
// Ctrl-C (or the parallel runner ending its workers) stops after the current chunk; the report is still written.
let stopped = false;
process.on("SIGINT", () => (stopped = true));
process.on("SIGTERM", () => (stopped = true));
// In a worker thread of scripts/fuzz-run.mjs, the runner asks to stop with a message.
parentPort?.on("message", (m) => {
  if (m === "stop") stopped = true;
});
parentPort?.unref();
const done = (): number => Object.values(counts).reduce((n, c) => n + c.cases, 0);

console.log(
  `ha-lint fuzz: ${total.toLocaleString("en")} cases${Number.isFinite(minutes) ? ` or ${minutes} min` : ""}, seed ${seed}, corpus files ${corpus.length} (${all.length - corpus.length} nested-~SEQ files left out)`,
);
for (let chunk = 0; done() < total && Date.now() < deadline && !stopped; chunk++) {
  const g = schedule[chunk % schedule.length];
  const runs = Math.min(CHUNK, total - done());
  const result = fc.check(
    fc.property(g.arb, (c) => {
      const s = checkCase(c, 20_000, caseIndex++ % compareEvery === 0);
      if (s.compared) compared++;
      for (const rule of s.rules)
        if (!rulesSeen.has(rule)) {
          rulesSeen.add(rule);
          keepCase(`first-${rule}`, g.name, `the first case of the run to fire ${rule}`, c);
        }
      fixes += s.fixesApplied;
      formatted += s.formatted;
      findings += s.findings;
      slowest = Math.max(slowest, s.ms);
    }),
    // Corpus cases are big: no shrinking (the seed and path reproduce them); grammar and noise cases shrink.
    { numRuns: runs, seed, interruptAfterTimeLimit: 120_000, endOnFailure: g.name === "corpus-mutation" },
  );
  counts[g.name].cases += result.numRuns;
  if (trace)
    console.log(
      `  chunk ${chunk} ${g.name} seed ${seed}: ${result.numRuns} cases, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
    );
  if (result.failed) {
    counts[g.name].failures++;
    const message = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    // One record per distinct message shape (numbers and paths vary between counterexamples).
    const key = `${g.name} ${message.replace(/\d+/g, "N").slice(0, 160)}`;
    if (!seen.has(key)) {
      seen.add(key);
      failures.push({
        generator: g.name,
        seed,
        path: result.counterexamplePath ?? undefined,
        message: message.split("\n")[0],
        counterexample: result.counterexample?.[0] as Case,
      });
      console.log(`  FAIL [${g.name}] seed ${seed}: ${message.split("\n")[0]}`);
      const failing = result.counterexample?.[0] as Case | undefined;
      if (failing) keepCase(`failure-${g.name}-${seed}`, g.name, message.split("\n")[0], failing);
    }
  }
  seed = (seed * 48_271 + 11) % 2_147_483_647;
  // Let signal handlers run between chunks (the cases themselves are synchronous).
  await new Promise((resolve) => setImmediate(resolve));
  if (chunk % 30 === 0) {
    const s = (Date.now() - started) / 1000;
    console.log(
      `  ${done().toLocaleString("en")} cases in ${s.toFixed(0)} s (${(done() / s).toFixed(0)}/s), ${failures.length} distinct failures, slowest case ${slowest.toFixed(0)} ms`,
    );
  }
}

const summary = {
  cases: done(),
  seconds: Math.round((Date.now() - started) / 1000),
  byGenerator: counts,
  distinctFailures: failures.length,
  fixesApplied: fixes,
  formattedChanges: formatted,
  findings,
  slowestCaseMs: Math.round(slowest),
  compared,
  kept,
  rulesFired: rulesSeen.size,
  failures,
};
console.log(
  `done: ${summary.cases.toLocaleString("en")} cases in ${summary.seconds} s; ${failures.length} distinct failures; ${fixes} fixes applied and re-checked; slowest case ${summary.slowestCaseMs} ms`,
);
for (const [name, c] of Object.entries(counts))
  console.log(`  ${name}: ${c.cases.toLocaleString("en")} cases, ${c.failures} failing chunks`);
if (reportFile) writeFileSync(reportFile, JSON.stringify(summary, null, 2));
process.exitCode = failures.length ? 1 : 0;
