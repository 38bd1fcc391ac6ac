import { defineRule } from "../rule.js";

/**
 * The findings of this rule are made by analyze() (applySuppressions()), which knows which suppressions were used and
 * reports them with this rule's messages; check() has nothing to do.
 */
export default defineRule({
  id: "HL001",
  name: "unused-suppression",
  severity: "warning",
  scope: "meta",
  docs: {
    summary: "A `# ha-lint disable...` comment that suppresses nothing.",
    description:
      "Reports suppression comments (`disable-next-line`, `disable-line`, `disable-file`) whose rules report " +
      "nothing where the comment applies, and comments that name a rule ha-lint does not know. Only rules that ran " +
      "are considered, so `--select` does not make other suppressions look unused.",
    why:
      "A stale suppression hides nothing today but will hide the next real problem at that place, and it misleads " +
      "the reader into thinking the line needs one. Fixing the config is better than keeping the comment.",
    sources: ["ESLint --report-unused-disable-directives, ruff RUF100 (the same idea)"],
    bad: "# ha-lint disable-next-line HA014 -- binds the VIP now\nbind 192.0.2.100:80\n",
    good: "bind 192.0.2.100:80\n",
    realTool: "Not applicable: these comments are ha-lint's own.",
    reportedBy: "none",
  },
  messages: {
    unknownRule: (data: { rule: string }) =>
      `unknown rule '${data.rule}' in this suppression comment (see 'ha-lint rules')`,
    suppressesNothing: (data: { kind: string; rules: string }) =>
      `this 'ha-lint disable-${data.kind}' comment for ${data.rules} suppresses nothing; remove it`,
  },
  check() {
    // Produced by analyze() after the other rules have run.
  },
});
