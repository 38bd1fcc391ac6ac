import { defineRule } from "../rule.js";
import { reportSyntaxIssues } from "../syntax-issues.js";

export default defineRule({
  id: "KA020",
  name: "trailing-backslash",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "A line ends with '\\' but is not part of a $NAME= definition.",
    description:
      "Reports a trailing backslash on an ordinary keyword line. keepalived continues lines only inside multi-line `$NAME=` definitions.",
    why: "keepalived keeps the backslash as part of the last word and reads the next line on its own: `priority \\` becomes the unknown keyword `priority\\` and the value on the next line becomes another unknown keyword, so the priority silently stays at its default.",
    sources: [
      "keepalived lib/parser.c decomment() keeps the trailing '\\'",
      "keepalived lib/parser.c check_definition() multi-line definitions",
    ],
    bad: "vrrp_instance VI_1 {\n    priority \\\n        150\n}\n",
    good: "vrrp_instance VI_1 {\n    priority 150\n}\n",
    realTool: "keepalived -t reports the resulting words as unknown keywords (rc 5), not the backslash itself.",
    reportedBy: "keepalived -t",
  },
  check(ctx) {
    reportSyntaxIssues(ctx, "keepalived", ["trailing-backslash"]);
  },
  cases: {
    valid: [
      {
        name: "multi-line definition",
        files: {
          "keepalived.conf":
            "$ADDRS=192.0.2.1 \\\n192.0.2.2\nvrrp_instance VI_1 {\n  virtual_ipaddress {\n    $ADDRS\n  }\n}\n",
        },
      },
      { name: "escaped backslash pair", files: { "keepalived.conf": "global_defs {\n  router_id a\\\\\n}\n" } },
    ],
    invalid: [
      {
        name: "continued keyword line",
        files: { "keepalived.conf": "vrrp_instance VI_1 {\n  priority \\\n  150\n}\n" },
        realTool: "Unknown keyword 'priority",
        expect: [{ line: 2 }],
      },
    ],
  },
});
