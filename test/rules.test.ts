/** Every rule's own table of valid and invalid cases. */
import { describe, expect, test } from "vitest";
import { allRules } from "../server/src/rules/index.js";
import { applyFixesInPasses } from "../server/src/cli/apply-fixes.js";
import { CASE_ROOT, relative, runCase } from "./support/run-case.js";

for (const rule of allRules) {
  describe(`${rule.id} ${rule.name}`, () => {
    for (const c of rule.cases.valid) {
      test(`valid: ${c.name}`, () => {
        const findings = runCase(rule, c);
        expect(findings.map((f) => `${relative(f.file)}:${f.range.start.line + 1} ${f.message}`)).toEqual([]);
      });
    }
    for (const c of rule.cases.invalid) {
      test(`invalid: ${c.name}`, () => {
        const findings = runCase(rule, c);
        const expected = c.expect ?? [];
        const remaining = [...findings];
        for (const e of expected) {
          const file = e.file ?? Object.keys(c.files)[0];
          const i = remaining.findIndex(
            (f) =>
              relative(f.file) === file &&
              f.range.start.line + 1 === e.line &&
              (!e.message || f.message.includes(e.message)) &&
              (!e.severity || f.severity === e.severity),
          );
          expect(
            i,
            `expected ${rule.id} at ${file}:${e.line}${e.message ? ` with "${e.message}"` : ""}; got ${JSON.stringify(findings.map((f) => `${relative(f.file)}:${f.range.start.line + 1} ${f.severity} ${f.message}`))}`,
          ).toBeGreaterThanOrEqual(0);
          remaining.splice(i, 1);
        }
        expect(
          remaining.map((f) => `${relative(f.file)}:${f.range.start.line + 1} ${f.message}`),
          "unexpected findings",
        ).toEqual([]);
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
