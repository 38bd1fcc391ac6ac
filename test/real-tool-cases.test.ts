/**
 * Every case of every rule whose docs say `haproxy -c` or `keepalived -t` reports it, run through the binaries of the
 * case's target version (where this machine has them) and through ha-lint's rules of that tool, set to each binary's
 * release: verdicts and lines must agree (test/support/tool-parity.ts). Which binaries a case runs on
 * (toolsetsFor()): a case that names a version runs on every binary of it (`2.3`: 2.3.3 and 2.3.4; `2.3.3`: that
 * one); a case without one runs on every binary (haproxy 2.6.12, 3.0.11, 3.2.26; keepalived 2.2.7, 2.3.3, 2.3.4),
 * except for version-dependent rules (docs.versions), whose cases without a version are about the default target.
 */
import { describe, expect, test } from "vitest";
import { languageFromName } from "../server/src/language.js";
import type { Rule, RuleCase } from "../server/src/rules/rule.js";
import { casesOf } from "./support/rule-cases.js";
import { parityOf, reportedByName, toolRules, toolsetsFor } from "./support/tool-parity.js";
import type { Tool } from "./support/real-tool-messages.js";

function rootOf(c: RuleCase, tool: Tool): string | undefined {
  return Object.keys(c.files).find((name) => languageFromName(name) === tool) ?? Object.keys(c.files)[0];
}

function describeRule(rule: Rule, tool: Tool): void {
  const table = casesOf(rule);
  for (const c of [...table.valid, ...table.invalid]) {
    const root = rootOf(c, tool);
    const sets = root === undefined ? [] : toolsetsFor(tool, c.settings, rule);
    if (sets.length === 0) test.skip(`${rule.id} ${c.name} (no binary of its version here)`, () => {});
    for (const toolset of sets)
      test(`${rule.id} ${c.name} [${tool} ${toolset[tool]}]`, () => {
        const result = parityOf({ tool, files: c.files, root: root!, settings: c.settings, toolset })!;
        const said = result.verdict.messages.map((m) => `${m.line ?? "-"}: ${m.level} ${m.text}`);
        expect(result.disagreements, `${reportedByName[tool]} said: ${JSON.stringify(said, null, 1)}`).toEqual([]);
        if (c.realTool) {
          const text = result.verdict.messages.map((m) => m.text).join("\n");
          expect(text).toMatch(new RegExp(c.realTool));
        }
      });
  }
}

for (const tool of ["haproxy", "keepalived"] as const) {
  describe(`${reportedByName[tool]} agrees with the rules that say it reports them`, () => {
    for (const rule of toolRules(tool)) describeRule(rule, tool);
  });
}
