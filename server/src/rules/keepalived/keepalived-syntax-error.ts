import { defineRule } from "../rule.js";
import { syntaxIssues } from "../syntax-issues.js";

export default defineRule({
  id: "KA034",
  name: "keepalived-syntax-error",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "Text keepalived's reader does not take as written (unterminated quote, bad ~SEQ, include cycle), and the " +
      "places where ha-lint's own reading limits stop it.",
    description:
      "Reports an unterminated double quote, an invalid `~SEQ(...)`, an include that reads a file already being " +
      "read, a multi-line definition that contains itself, and, as information, where ha-lint's own reading limits " +
      "stop it (includes nested more than 16 deep or more than 1000 files, expansions beyond its limits, `~LST` " +
      "lists it does not evaluate): keepalived has none of these limits. Past its expansion limit (200,000 logical " +
      "lines, e.g. nested `~SEQ` lines that make tens of thousands of instances), ha-lint skips what is left of " +
      "each expansion but still reads the lines written in the files, so what keepalived reports on them after the " +
      "expansion (an unknown keyword on a later line) is still reported.",
    why:
      "keepalived reads on after these, but not what the file says: an unterminated quote makes keepalived drop the " +
      "quoted word and the rest of the line (decomment() reports 'Unterminated quote', alloc_strvec_r() 'Unmatched " +
      "quote'; a keyword left without its value then stops keepalived, see KA037); a bad ~SEQ line produces nothing, " +
      "not even its braces; an include cycle is followed until keepalived runs out of file descriptors; a multi-line " +
      "definition that contains itself never finishes expanding.",
    sources: [
      "keepalived 2.2.7 lib/parser.c decomment() 'Unterminated quote', alloc_strvec_r() 'Unmatched quote'",
      "keepalived 2.2.7 lib/parser.c read_line() / add_seq() 'Invalid ~SEQ specification'",
      "keepalived 2.2.7 lib/parser.c open_conf_file() 'open problem (Too many open files) - skipping'",
      "keepalived 2.2.7 lib/parser.c replace_param() ('would exceed maximum line length') and the multi-line " +
        "definitions",
    ],
    bad: 'vrrp_instance VI_1 {\n    auth_pass "secret\n}\n',
    good: 'vrrp_instance VI_1 {\n    auth_pass "secret"\n}\n',
    realTool:
      "keepalived -t prints 'Unterminated quote', 'Invalid ~SEQ specification' and the include open problem and " +
      "exits 5 (0 for the include cycle); on a multi-line definition that contains itself it does not finish. " +
      "ha-lint's own limits are not keepalived's: it prints nothing there.",
    reportedBy: "keepalived -t",
    unreported: ["readerLimit"],
    severityNote:
      "Error for a multi-line definition that contains itself (keepalived -t does not finish); info where " +
      "ha-lint's own reading limit is reached (not a problem of the file); warning otherwise, since keepalived " +
      "reads on.",
  },
  messages: {
    unterminatedQuote: () =>
      "unterminated double quote: keepalived drops this word and the rest of the line ('Unterminated quote', " +
      "'Unmatched quote'); on a script line it drops the whole command",
    invalidSeq: (data: { detail: string }) =>
      `invalid ~SEQ (${data.detail}): keepalived reports 'Invalid ~SEQ specification' and the line produces nothing, ` +
      `not even its braces`,
    includeCycle: (data: { pattern: string; file: string }) =>
      `include '${data.pattern}' reads '${data.file}', which is already being read: keepalived follows the cycle ` +
      `until it runs out of file descriptors ('open problem (Too many open files) - skipping'), so it reads these ` +
      `files hundreds of times (ha-lint reads them once)`,
    definitionLoop: (data: { name: string }) =>
      `multi-line definition $${data.name} contains itself: keepalived expands it without end (keepalived -t does ` +
      `not finish); ha-lint skips the line`,
    readerLimit: (data: { detail: string; limit: string }) =>
      `ha-lint's own reading limit, not a keepalived problem: ${data.detail}`,
  },
  check(ctx) {
    for (const issue of syntaxIssues(ctx, "keepalived", ["syntax-error", "include-cycle", "reader-limit"])) {
      const place = { file: issue.file, range: issue.range };
      const d = issue.data ?? {};
      if (issue.kind === "reader-limit")
        ctx.report({
          ...place,
          severity: "info",
          messageId: "readerLimit",
          data: { detail: issue.message, limit: issue.code },
        });
      else if (issue.kind === "include-cycle")
        ctx.report({
          ...place,
          messageId: "includeCycle",
          data: { pattern: String(d.pattern), file: String(d.file) },
        });
      else if (issue.code === "unterminated-quote") ctx.report({ ...place, messageId: "unterminatedQuote" });
      else if (issue.code === "invalid-seq")
        ctx.report({ ...place, messageId: "invalidSeq", data: { detail: String(d.why) } });
      else if (issue.code === "definition-loop")
        ctx.report({ ...place, severity: "error", messageId: "definitionLoop", data: { name: String(d.name) } });
    }
  },
});
