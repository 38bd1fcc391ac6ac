import { defineRule } from "../rule.js";
import { syntaxIssues } from "../syntax-issues.js";

export default defineRule({
  id: "KA020",
  name: "trailing-backslash",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "A line ends with '\\' but is not part of a $NAME= definition.",
    description:
      "Reports a trailing backslash on an ordinary keyword line. keepalived continues lines only inside multi-line " +
      "`$NAME=` definitions.",
    why:
      "keepalived keeps the backslash as part of the last word and reads the next line on its own: `priority \\` " +
      "becomes the unknown keyword `priority\\` and the value on the next line becomes another unknown keyword, so " +
      "the priority silently stays at its default; `router_id lb01\\` is the router id `lb01\\`.",
    sources: [
      "keepalived 2.2.7 lib/parser.c decomment() (a trailing '\\' is kept after the last word)",
      "keepalived 2.2.7 lib/parser.c read_line() / check_definition() (only multi-line definitions continue)",
    ],
    bad: "vrrp_instance VI_1 {\n    priority \\\n        150\n}\n",
    good: "vrrp_instance VI_1 {\n    priority 150\n}\n",
    realTool:
      "keepalived -t reports the words that result ('Unknown keyword 'priority\\'', 'Unknown keyword '150'') and " +
      "exits 5, not the backslash itself: on `router_id lb01 \\` it prints nothing (checked on 2.2.7, 2.3.3, 2.3.4).",
    reportedBy: "keepalived -t",
    unreported: ["trailingBackslash"],
  },
  messages: {
    trailingBackslash: () =>
      "a trailing '\\' continues only a $NAME= definition: here keepalived keeps it as part of the last word and reads the next line on its own",
  },
  check(ctx) {
    for (const issue of syntaxIssues(ctx, "keepalived", ["trailing-backslash"]))
      ctx.report({ file: issue.file, range: issue.range, messageId: "trailingBackslash" });
  },
});
