/** Every fixture cluster produces exactly the findings its expected.json lists, and the simulation outcomes it states. */
import { relative } from "node:path";
import { describe, expect, test } from "vitest";
import {
  analyzeFixture,
  findingKeys,
  fixtureDirs,
  fixturesDir,
  readExpectation,
  scenarioOf,
} from "./support/fixture-run.js";

const dirs = fixtureDirs();

test("there are fixture clusters with expectations", () => {
  expect(dirs.length).toBeGreaterThan(0);
});

describe("fixtures", () => {
  for (const dir of dirs) {
    const name = relative(fixturesDir, dir);
    test(name, () => {
      const expected = readExpectation(dir);
      const result = analyzeFixture(dir, expected.settings);
      expect(result.internalErrors).toEqual([]);
      const want = expected.findings.map((f) => `${f.rule} ${f.file}:${f.line}`).sort();
      expect(findingKeys(dir, result)).toEqual(want);
      for (const s of expected.simulation ?? []) {
        expect(scenarioOf(result, s.router, s.scenario), `${s.router} ${s.scenario}`).toEqual({
          holders: s.holders,
          verdict: s.verdict,
        });
      }
    });
  }
});
