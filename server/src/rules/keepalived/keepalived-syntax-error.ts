import { defineRule } from "../rule.js";
import { reportSyntaxIssues } from "../syntax-issues.js";

export default defineRule({
  id: "KA034",
  name: "keepalived-syntax-error",
  severity: "error",
  scope: "keepalived",
  docs: {
    summary: "keepalived.conf text that keepalived's reader cannot take as written.",
    description:
      "Reports lexical problems of keepalived.conf: an unterminated double quote, an invalid `~SEQ(...)`, an include cycle, includes nested too deeply or too many, definitions that expand forever, blocks nested absurdly deep, and a `{` with no keyword before it.",
    why: "keepalived reads on after these problems, but what it reads is not what the file says: an unterminated quote swallows the rest of the line, a bad ~SEQ produces no lines at all, an include cycle repeats configuration.",
    sources: [
      "keepalived lib/parser.c decomment() 'Unterminated quote'",
      "keepalived lib/parser.c add_seq() 'Invalid ~SEQ'",
      "keepalived lib/parser.c check_include()",
    ],
    bad: 'vrrp_instance VI_1 {\n    auth_pass "secret\n}\n',
    good: 'vrrp_instance VI_1 {\n    auth_pass "secret"\n}\n',
    realTool: "keepalived -t reports most of these as configuration errors (rc 5).",
    reportedBy: "keepalived -t",
  },
  check(ctx) {
    reportSyntaxIssues(ctx, "keepalived", ["syntax-error", "include-cycle", "include-limit"]);
  },
  cases: {
    valid: [
      {
        name: "quotes closed, valid ~SEQ",
        files: { "keepalived.conf": 'global_defs {\n  router_id "lb 01"\n}\n~SEQ(N, 1, 2) $X$N=1\n' },
      },
    ],
    invalid: [
      {
        name: "unterminated quote",
        files: { "keepalived.conf": 'global_defs {\n  router_id "lb01\n}\n' },
        realTool: "Unterminated quote",
        expect: [{ line: 2, message: "unterminated" }],
      },
      {
        name: "bad ~SEQ",
        files: { "keepalived.conf": "~SEQ(N, 1, -1, 5) global_defs {\n}\n" },
        expect: [{ line: 1, message: "~SEQ" }],
      },
      {
        name: "include cycle",
        files: { "keepalived.conf": "include a.conf\n", "a.conf": "include keepalived.conf\n" },
        expect: [{ line: 1, file: "a.conf", message: "cycle" }],
      },
    ],
  },
});
