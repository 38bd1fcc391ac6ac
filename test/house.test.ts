/**
 * The house rules of issue 17 that no linter checks: at most 1% of the hand-written lines of server/ and client/
 * over the print width (generated data aside), no function over 120 lines, and the share of one- and two-letter local
 * names held under its bound. The counting is the one of scripts/house/line-lengths.ts, function-lengths.ts and
 * short-names.ts, so the test and the scripts agree.
 */
import { describe, expect, test } from "vitest";
import { allFunctionLengths } from "../scripts/house/function-lengths.js";
import { BOUND_PERCENT, longLineShare } from "../scripts/house/line-lengths.js";
import { SHORT_NAME_BOUND_PERCENT, shortNameShare } from "../scripts/house/short-names.js";

const PRINT_WIDTH = 120;
const MAX_FUNCTION_LINES = 120;

describe("house rules", () => {
  test(`at most ${BOUND_PERCENT}% of the lines of server/ and client/ exceed ${PRINT_WIDTH} characters`, () => {
    const share = longLineShare(PRINT_WIDTH);
    expect(share.total).toBeGreaterThan(10_000);
    const worst = share.counts
      .filter((count) => count.long > 0)
      .sort((a, b) => b.long - a.long)
      .slice(0, 10)
      .map((count) => `${count.long} ${count.file}`);
    expect(share.percent, `${share.long} of ${share.total} lines; most in: ${worst.join(", ")}`).toBeLessThanOrEqual(
      BOUND_PERCENT,
    );
  }, 60_000);

  test(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
    const all = allFunctionLengths();
    expect(all.length).toBeGreaterThan(1000);
    const over = all
      .filter((entry) => entry.lines > MAX_FUNCTION_LINES)
      .map((entry) => `${entry.file}:${entry.line} ${entry.name} (${entry.lines} lines)`);
    expect(over).toEqual([]);
  }, 180_000);

  test(`at most ${SHORT_NAME_BOUND_PERCENT}% of the locals of server/src and client/src have one- or two-letter names`, () => {
    const share = shortNameShare();
    expect(share.locals).toBeGreaterThan(5000);
    const worst = [...share.counts]
      .sort((a, b) => b.short.length - a.short.length)
      .slice(0, 10)
      .map((count) => `${count.short.length} ${count.file}`);
    expect(share.percent, `${share.short} of ${share.locals} locals; most in: ${worst.join(", ")}`).toBeLessThanOrEqual(
      SHORT_NAME_BOUND_PERCENT,
    );
  }, 120_000);
});
