/**
 * The fuzz replay corpus: every case in test/hardening/replay/ runs through all the fuzz properties, comparisons
 * included (test/hardening/fuzz-core.ts checkCase). The corpus holds, for each rule, the first case of a long run
 * that fired it (`npm run fuzz -- --long --keep test/hardening/replay`), and the counterexamples of failures found
 * so far, so that every rule's findings, fixes and formatting are re-checked on fuzzed input in CI.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { checkCase, type Case } from "./fuzz-core.js";

const dir = join(import.meta.dirname, "replay");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();

interface ReplayCase {
  generator: string;
  why: string;
  case: Case;
}

const fired = new Set<string>();

describe("fuzz replay corpus", () => {
  test.each(files)("%s", (file) => {
    const replay = JSON.parse(readFileSync(join(dir, file), "utf8")) as ReplayCase;
    for (const rule of checkCase(replay.case, 30_000, true).rules) fired.add(rule);
  });

  // Rules change, and a kept case may stop firing the rule it was kept for; the corpus as a whole must still reach
  // most rules (regenerate it with the --keep run above when this drops).
  test("the replayed cases fire at least 80 distinct rules", () => {
    expect(fired.size).toBeGreaterThanOrEqual(80);
  });
});
