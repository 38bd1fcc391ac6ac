/** --fix in passes: fixes that only become possible after others, cycles and the pass limit. */
import { describe, expect, test } from "vitest";
import { applyFixesInPasses } from "../../server/src/cli/apply-fixes.js";
import type { Finding } from "../../server/src/rules/finding.js";

const FILE = "/x/haproxy.cfg";
const whole = (text: string) => ({ start: { line: 0, character: 0 }, end: { line: 0, character: text.length } });

/** An analyser with one rewrite rule per text: `from` -> `to`. */
function analyser(rewrites: Record<string, string>) {
  return (texts: ReadonlyMap<string, string>): Finding[] => {
    const text = texts.get(FILE)!;
    const to = rewrites[text];
    if (to === undefined) return [];
    return [
      {
        rule: "HP017",
        name: "n",
        severity: "error",
        message: `rewrite ${text}`,
        file: FILE,
        range: whole(text),
        fixes: [{ description: "d", safe: true, edits: [{ file: FILE, range: whole(text), newText: to }] }],
      },
    ];
  };
}

describe("applyFixesInPasses", () => {
  test("a fix offered only after another one was applied is applied in the next pass", () => {
    const analyze = analyser({ a: "b", b: "c" });
    const sources = new Map([[FILE, "a"]]);
    const r = applyFixesInPasses(analyze(sources), sources, false, analyze);
    expect(r.changed.get(FILE)).toBe("c");
    expect(r.passes).toBe(2);
    expect(r.applied.map((a) => a.finding.message)).toEqual(["rewrite a", "rewrite b"]);
    expect(r.remaining).toEqual([]);
    expect(r.skipped).toBe(0);
  });

  test("two fixes on one line go in two passes: the second sees the first applied", () => {
    const at = (_text: string, from: number, to: number, newText: string, message: string): Finding => ({
      rule: "HP017",
      name: "n",
      severity: "error",
      message,
      file: FILE,
      range: { start: { line: 0, character: from }, end: { line: 0, character: to } },
      fixes: [
        {
          description: "d",
          safe: true,
          edits: [
            { file: FILE, range: { start: { line: 0, character: from }, end: { line: 0, character: to } }, newText },
          ],
        },
      ],
    });
    const seen: string[] = [];
    const analyze = (texts: ReadonlyMap<string, string>): Finding[] => {
      const t = texts.get(FILE)!;
      seen.push(t);
      return [
        ...(t.startsWith("a") ? [at(t, 0, 1, "A", "first")] : []),
        ...(t.endsWith("b") ? [at(t, 2, 3, "B", "second")] : []),
      ];
    };
    const sources = new Map([[FILE, "a b"]]);
    const r = applyFixesInPasses(analyze(sources), sources, false, analyze);
    expect(seen).toEqual(["a b", "A b", "A B"]);
    expect(r.changed.get(FILE)).toBe("A B");
    expect(r.passes).toBe(2);
  });

  test("fixes that undo each other stop when a text comes back, and count as not applied", () => {
    const analyze = analyser({ a: "b", b: "a" });
    const sources = new Map([[FILE, "a"]]);
    const r = applyFixesInPasses(analyze(sources), sources, false, analyze);
    expect(r.passes).toBe(2);
    expect(r.changed.size).toBe(0);
    expect(r.skipped).toBe(1);
  });

  test("never more than the pass limit", () => {
    const rewrites: Record<string, string> = {};
    for (let n = 1; n < 50; n++) rewrites["a".repeat(n)] = "a".repeat(n + 1);
    const analyze = analyser(rewrites);
    const sources = new Map([[FILE, "a"]]);
    const r = applyFixesInPasses(analyze(sources), sources, false, analyze, 10);
    expect(r.passes).toBe(10);
    expect(r.changed.get(FILE)).toBe("a".repeat(11));
    expect(r.skipped).toBe(1);
  });
});
