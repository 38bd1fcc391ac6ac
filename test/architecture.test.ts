/** The core (syntax, schema, model, simulate, rules, config, analyze) stays pure: no file system, process, network or editor imports. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "vitest";
import { repoRoot } from "./support/corpus-parity.js";

const core = ["syntax", "schema", "model", "simulate", "rules", "config"].map((d) => join(repoRoot, "server/src", d));
const coreFiles = ["analyze.ts", "analyze-rules.ts", "simulation.ts", "language.ts"].map((f) =>
  join(repoRoot, "server/src", f),
);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
  });
}

test("the core imports no fs, process, child_process, network or vscode module and does not touch process", () => {
  const offenders: string[] = [];
  for (const file of [...core.flatMap(walk), ...coreFiles]) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(
      /from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g,
    )) {
      const mod = m[1] ?? m[2] ?? m[3];
      if (
        /^(node:)?(fs|fs\/promises|process|child_process|net|http|https|dgram|dns|tls|worker_threads)$/.test(mod) ||
        /^vscode/.test(mod)
      )
        offenders.push(`${relative(repoRoot, file)} imports ${mod}`);
      if (/\/cli\/|\/lsp\//.test(mod)) offenders.push(`${relative(repoRoot, file)} imports the shell module ${mod}`);
    }
    if (/\bprocess\.(env|exit|cwd|argv|stdout|stderr)/.test(text))
      offenders.push(`${relative(repoRoot, file)} uses process`);
  }
  expect(offenders).toEqual([]);
});

test("rules neither parse text nor read files: they import no parser", () => {
  const offenders: string[] = [];
  for (const file of walk(join(repoRoot, "server/src/rules"))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/from\s+["']([^"']+)["']/g)) {
      if (/syntax\/(haproxy|keepalived)\/(parse|parser|line-reader|tokens)\.js$/.test(m[1]))
        offenders.push(`${relative(repoRoot, file)} imports ${m[1]}`);
    }
  }
  expect(offenders).toEqual([]);
});

/**
 * The simulation is computed in one place: server/src/simulate/ (cluster-simulation.ts, once per cluster, called by
 * analyze.ts) and read everywhere else. Rules, the lab, the editor features and the CLI neither build a simulation
 * context nor compute trackers, standings (priorities) or elections; they read ClusterSimulation / RouterSimulation
 * and re-run scenarios only in a router's shared context (simulation.ts rerunScenario, resimulateFrom).
 */
const SIMULATION_INTERNALS = [
  "instanceTrackers",
  "simulationContext",
  "simulateCluster",
  "simulateRouter",
  "standingOf",
  "runScenario",
  "failureFaults",
  "weightsThatWork",
  "elect",
];
const simulationReaders = ["rules", "lab", "lsp", "cli"].map((d) => join(repoRoot, "server/src", d));

test("no rule, lab module, editor feature or CLI file computes a simulation, trackers or priorities", () => {
  const called = new RegExp(`\\b(${SIMULATION_INTERNALS.join("|")})\\b`);
  const offenders: string[] = [];
  for (const file of simulationReaders.flatMap(walk)) {
    const lines = readFileSync(file, "utf8").split("\n");
    lines.forEach((line, i) => {
      const internalImport = /from\s+["'][^"']*simulate\/(election|scenarios|cluster-simulation|weight-fixes)\.js["']/;
      const valueImport = internalImport.test(line) && !/^import type\b/.test(line.trim());
      if (called.test(line) || valueImport) offenders.push(`${relative(repoRoot, file)}:${i + 1}: ${line.trim()}`);
    });
  }
  expect(offenders).toEqual([]);
});

test("the shared simulation's entry point exports no way to build a context of one's own", async () => {
  const facade = (await import("../server/src/simulation.js")) as Record<string, unknown>;
  expect(Object.keys(facade).filter((name) => SIMULATION_INTERNALS.includes(name))).toEqual([]);
});
