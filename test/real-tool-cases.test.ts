/**
 * Every case of every rule whose docs say `haproxy -c` or `keepalived -t` reports it, run through that binary (of the
 * case's target version, where this machine has it) and through ha-lint's rules of that tool: verdicts and lines
 * must agree (test/support/tool-parity.ts).
 */
import { describe, expect, test } from "vitest";
import { languageFromName } from "../server/src/language.js";
import type { Rule, RuleCase } from "../server/src/rules/rule.js";
import { casesOf } from "./support/rule-cases.js";
import { parityOf, reportedByName, toolRules, toolsetOf } from "./support/tool-parity.js";
import type { Tool } from "./support/real-tool-messages.js";

function rootOf(c: RuleCase, tool: Tool): string | undefined {
  return Object.keys(c.files).find((name) => languageFromName(name) === tool) ?? Object.keys(c.files)[0];
}

function describeRule(rule: Rule, tool: Tool): void {
  const table = casesOf(rule);
  for (const c of [...table.valid, ...table.invalid]) {
    const root = rootOf(c, tool);
    const available = root !== undefined && toolsetOf(tool, c.settings) !== undefined;
    test.runIf(available)(`${rule.id} ${c.name}`, () => {
      const result = parityOf({ tool, files: c.files, root: root!, settings: c.settings })!;
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
