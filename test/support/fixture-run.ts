/** Runs the whole analysis on a fixture folder through the workspace layer the CLI and the server use. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { AnalysisResult } from "../../server/src/analyze.js";
import { analyzeWorkspace } from "../../server/src/workspace/analyze-workspace.js";
import { findConfig, loadConfig } from "../../server/src/workspace/config-file.js";
import { diskFileSystem } from "../../server/src/workspace/file-system.js";
import { repoRoot } from "./corpus-parity.js";

export const fixturesDir = join(repoRoot, "fixtures");

export interface ExpectedFinding {
  rule: string;
  file: string;
  line: number;
}

export interface ExpectedScenario {
  router: string;
  scenario: string;
  holders: string[];
  verdict: string;
}

export interface FixtureExpectation {
  description: string;
  findings: ExpectedFinding[];
  simulation?: ExpectedScenario[];
  settings?: { haproxyVersion?: string; keepalivedVersion?: string };
}

/** Fixture folders (any depth) that hold an expected.json. */
export function fixtureDirs(dir = fixturesDir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (!statSync(p).isDirectory()) continue;
    try {
      statSync(join(p, "expected.json"));
      out.push(p);
    } catch {
      out.push(...fixtureDirs(p));
    }
  }
  return out;
}

export function readExpectation(dir: string): FixtureExpectation {
  return JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as FixtureExpectation;
}

export function analyzeFixture(dir: string, settings?: FixtureExpectation["settings"]): AnalysisResult {
  const workspace = analyzeWorkspace({
    paths: [dir],
    fs: diskFileSystem,
    config: loadConfig(findConfig(dir)),
    configDirFallback: dir,
    ...(settings ? { choices: { flags: settings } } : {}),
  });
  return workspace.result;
}

export function findingKeys(dir: string, result: AnalysisResult): string[] {
  return result.findings.map((f) => `${f.rule} ${relative(dir, f.file)}:${f.range.start.line + 1}`).sort();
}

export function scenarioOf(
  result: AnalysisResult,
  router: string,
  scenario: string,
): { holders: string[]; verdict: string } | undefined {
  for (const c of result.input.simulations) {
    for (const r of c.routers) {
      if (r.router.name !== router) continue;
      const o = [r.baseline, ...r.failures, ...r.recoveries].find((s) => s.id === scenario);
      if (o) return { holders: o.holders, verdict: o.verdict };
    }
  }
  return undefined;
}
