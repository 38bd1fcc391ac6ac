/** Every rule's own table of valid and invalid cases. */
import { describe, expect, test } from "vitest";
import { allRules } from "../server/src/rules/index.js";
import { applyFixesInPasses } from "../server/src/cli/apply-fixes.js";
import type { Finding } from "../server/src/rules/finding.js";
import type { CaseExpectation } from "../server/src/rules/rule.js";
import { casesOf } from "./support/rule-cases.js";
import { CASE_ROOT, relative, runCase } from "./support/run-case.js";

/** One finding as the failure messages show it: place, severity, message id. */
function shown(f: Finding): string {
  const id = f.messageId ? ` [${f.messageId}]` : "";
  return `${relative(f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity}${id} ${f.message}`;
}

function matches(f: Finding, e: CaseExpectation, file: string): boolean {
  if (relative(f.file) !== file || f.range.start.line + 1 !== e.line) return false;
  if (e.column !== undefined && f.range.start.character + 1 !== e.column) return false;
  if (f.messageId !== e.messageId) return false;
  return e.severity === undefined || f.severity === e.severity;
}

for (const rule of allRules) {
  describe(`${rule.id} ${rule.name}`, () => {
    for (const c of casesOf(rule).valid) {
      test(`valid: ${c.name}`, () => {
        const findings = runCase(rule, c);
        expect(findings.map((f) => `${relative(f.file)}:${f.range.start.line + 1} ${f.message}`)).toEqual([]);
      });
    }
    for (const c of casesOf(rule).invalid) {
      test(`invalid: ${c.name}`, () => {
        const findings = runCase(rule, c);
        const expected = c.expect ?? [];
        const remaining = [...findings];
        for (const e of expected) {
          const file = e.file ?? Object.keys(c.files)[0];
          const i = remaining.findIndex((f) => matches(f, e, file));
          const wanted = `${file}:${e.line}${e.column ? `:${e.column}` : ""} ${e.messageId}`;
          expect(
            i,
            `expected ${rule.id} at ${wanted}; got ${JSON.stringify(findings.map(shown))}`,
          ).toBeGreaterThanOrEqual(0);
          remaining.splice(i, 1);
        }
        expect(remaining.map(shown), "unexpected findings").toEqual([]);
        // A finding's data holds its message's placeholders as strings, numbers and booleans (Finding.data's type).
        const notFlat = findings.flatMap((f) =>
          Object.entries(f.data ?? {})
            .filter(([, value]) => !["string", "number", "boolean", "undefined"].includes(typeof value))
            .map(([key]) => `${f.messageId ?? "?"}.${key}`),
        );
        expect(notFlat, "placeholders that are not strings, numbers or booleans").toEqual([]);
        if (c.fixed) {
          const sources = new Map(Object.entries(c.files).map(([name, text]) => [`${CASE_ROOT}/${name}`, text]));
          // In passes, as --fix runs them (one fix per line and pass).
          const withTexts = (texts: ReadonlyMap<string, string>) =>
            runCase(rule, { ...c, files: Object.fromEntries([...texts].map(([f, t]) => [relative(f), t])) });
          const { changed, applied } = applyFixesInPasses(findings, sources, true, withTexts);
          expect(Object.fromEntries([...changed].map(([f, t]) => [relative(f), t]))).toEqual(c.fixed);
          const again = runCase(rule, { ...c, files: { ...c.files, ...c.fixed } });
          // Each fixed finding is gone: fewer findings with its message by the number of fixes applied for it.
          const count = (list: readonly { message: string }[], m: string) => list.filter((f) => f.message === m).length;
          for (const { finding } of applied) {
            const fixedHere = applied.filter((a) => a.finding.message === finding.message).length;
            expect(
              count(again, finding.message),
              `a fixed finding is still there: ${finding.message}`,
            ).toBeLessThanOrEqual(count(findings, finding.message) - fixedHere);
          }
        }
      });
    }
  });
}
