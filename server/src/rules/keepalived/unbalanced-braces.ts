import { defineRule } from "../rule.js";
import { reportSyntaxIssues } from "../syntax-issues.js";

export default defineRule({
  id: "KA019",
  name: "unbalanced-braces",
  severity: "error",
  scope: "keepalived",
  docs: {
    summary: "A '}' closes no block, or a '{' is never closed.",
    description:
      "Counts the braces of keepalived.conf the way keepalived's reader does (braces inside double quotes do not count) and reports a '}' with no open block and every '{' left open at the end of the file.",
    why: "keepalived does not stop on unbalanced braces: an extra '}' ends the enclosing block early, so the keywords after it are read in the wrong block (or reported as unknown), and a missing '}' pulls everything after it into the open block. The instance that results is not the one you wrote.",
    sources: [
      "keepalived lib/parser.c read_line() 'Extra '}' found'",
      "keepalived lib/parser.c process_stream()/init_data() 'There are N missing '}'s'",
    ],
    bad: "vrrp_instance VI_1 {\n    state MASTER\n    virtual_ipaddress {\n        192.0.2.10/24\n}\n",
    good: "vrrp_instance VI_1 {\n    state MASTER\n    virtual_ipaddress {\n        192.0.2.10/24\n    }\n}\n",
    realTool: "keepalived -t reports it (\"Extra '}' found\" / \"There are N missing '}'s\").",
    reportedBy: "keepalived -t",
  },
  check(ctx) {
    reportSyntaxIssues(ctx, "keepalived", ["unbalanced-brace"]);
  },
  cases: {
    valid: [
      {
        name: "balanced blocks, inline and on the next line",
        files: { "keepalived.conf": "vrrp_instance VI_1\n{\n  virtual_ipaddress { 192.0.2.1 }\n}\n" },
      },
      {
        name: "brace inside double quotes",
        files: { "keepalived.conf": "vrrp_script chk {\n  script \"/bin/sh -c 'test {'\"\n}\n" },
      },
    ],
    invalid: [
      {
        name: "block never closed",
        files: { "keepalived.conf": "vrrp_instance VI_1 {\n  state MASTER\n" },
        expect: [{ line: 1, message: "never closed" }],
      },
      {
        name: "extra closing brace",
        files: { "keepalived.conf": "global_defs {\n}\n}\n" },
        realTool: "Extra '\\}' found",
        expect: [{ line: 3, message: "extra '}'" }],
      },
    ],
  },
});
