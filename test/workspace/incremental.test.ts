/**
 * Incremental analysis in the server: a cluster none of whose files changed keeps its models and its simulation
 * (the very objects), a cluster with an edited file gets new ones, and either way the findings are those of a fresh
 * analysis (the CLI's).
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "vitest";
import { analyze, ANALYSIS_PHASES, type AnalysisPhase } from "../../server/src/analyze.js";
import { runAnalysis } from "../../server/src/cli/run-analysis.js";
import { Analyzer } from "../../server/src/lsp/analyzer.js";
import type { Finding } from "../../server/src/rules/finding.js";
import { fixturesDir } from "../support/fixture-run.js";

const dir = join(fixturesDir, "ha005-vrid-reused-two-pairs");
const keys = (findings: readonly Finding[]): string[] =>
  findings.map((f) => `${f.rule} ${relative(dir, f.file)}:${f.range.start.line + 1} ${f.message}`).sort();

test("an edit re-simulates only the edited cluster, and the findings stay those of a fresh analysis", () => {
  const analyzer = new Analyzer();
  analyzer.setFolders([dir]);
  const edited = join(dir, "lb01", "haproxy.cfg");
  const original = readFileSync(edited, "utf8");
  analyzer.open(edited, original, 1);
  analyzer.update(edited);
  const first = analyzer.analysisFor(edited).result.input;
  expect(first.clusters.length).toBeGreaterThanOrEqual(2);
  const simOf = (input: typeof first, node: string) =>
    input.simulations.find((cs) => cs.cluster.nodes.some((n) => n.name === node));

  // A change that is not one of content (the same text again): nothing is recomputed.
  analyzer.change(edited, original, 2);
  analyzer.update(edited);
  const same = analyzer.analysisFor(edited).result.input;
  expect(simOf(same, "lb01")).toBe(simOf(first, "lb01"));
  expect(simOf(same, "db01")).toBe(simOf(first, "db01"));

  // A real edit of lb01's haproxy.cfg: lb's cluster is simulated again, db's is kept.
  const changed = original.replace(/\n/, "\n# an edit\n");
  analyzer.change(edited, changed, 3);
  const published = analyzer.update(edited);
  const after = analyzer.analysisFor(edited).result.input;
  expect(simOf(after, "lb01")).not.toBe(simOf(first, "lb01"));
  expect(simOf(after, "db01")).toBe(simOf(first, "db01"));
  const fresh = runAnalysis([dir], { overlay: new Map([[edited, changed]]) });
  expect(keys(published.flatMap((p) => p.findings))).toEqual(keys(fresh.result.findings));
});

test("analyze() runs its named phases in order and reports each", () => {
  const seen: AnalysisPhase[] = [];
  const text = readFileSync(join(dir, "lb01", "keepalived.conf"), "utf8");
  analyze({ files: [{ path: "/x/keepalived.conf", text }], onPhase: (phase, ms) => (seen.push(phase), ms) });
  expect(seen).toEqual([...ANALYSIS_PHASES]);
});

test("a change to the same content re-analyses nothing and republishes the findings at the new version", () => {
  const analyzer = new Analyzer();
  analyzer.setFolders([dir]);
  const edited = join(dir, "lb01", "keepalived.conf");
  const original = readFileSync(edited, "utf8");
  analyzer.open(edited, original, 1);
  const first = analyzer.update(edited).find((p) => p.file === edited);
  const count = analyzer.analysisCount;
  analyzer.change(edited, original, 2);
  const again = analyzer.update(edited).find((p) => p.file === edited);
  expect(analyzer.analysisCount).toBe(count);
  expect(again?.version).toBe(2);
  expect(again?.findings).toEqual(first?.findings);
  analyzer.change(edited, original.replace(/\n/, "\n# an edit\n"), 3);
  analyzer.update(edited);
  expect(analyzer.analysisCount).toBe(count + 1);
});
