import { defineRule } from "../rule.js";
import { syntaxIssues } from "../syntax-issues.js";

export default defineRule({
  id: "KA037",
  name: "missing-parameter",
  severity: "error",
  scope: "keepalived",
  docs: {
    summary: "A keyword without the value its handler needs: keepalived stops reading and does not start.",
    description:
      "Reports a keyword whose keepalived handler reads a value the line does not have: `state`, `priority`, " +
      "`interface`, `virtual_router_id`, `advert_int`, `auth_pass`, `unicast_src_ip`, the `notify*` lines, a " +
      "`vrrp_script` without its name and about 230 others (the table is generated from the real keepalived -t of " +
      "each version). The value may be missing because it was never written, because a `{` or `}` stands before it " +
      "(keepalived splits the line there: `priority {100}`), or because an unterminated double quote removed it.",
    why:
      "keepalived's handler asks for the missing word and the parser's null_strvec() prints the line and exits with " +
      "code 2 (KEEPALIVED_EXIT_CONFIG); when that happens in the VRRP process the parent terminates too ('exited with " +
      "permanent error CONFIG. Terminating'). No VRRP instance runs on this node, so it never holds its VIPs and its " +
      "peers never hear it. ha-lint's reading of the file stops at that line too, as keepalived's does.",
    sources: [
      "keepalived 2.2.7 lib/parser.c null_strvec() ('is missing a parameter after keyword ... at word position'), " +
        "lib/vector.c strvec_slot()",
      "keepalived 2.2.7 lib/scheduler.h KEEPALIVED_EXIT_CONFIG (2); lib/scheduler.c report_child_status() (a child " +
        "exiting with it: 'exited with permanent error CONFIG. Terminating')",
      "keepalived 2.2.7 keepalived/check/check_parser.c vsg_handler() (the line without the group's name, its first " +
        "slot empty, handed to lib/parser.c alloc_value_block())",
      "keepalived 2.2.7 lib/parser.c read_line() (the split at braces that can leave a keyword alone on its line)",
      "scripts/schema/keepalived-missing-parameter.ts: the keywords, probed with keepalived -t 2.2.7, 2.3.3 and 2.3.4",
    ],
    bad: "vrrp_instance VI_1 {\n    state\n    priority {100}\n}\n",
    good: "vrrp_instance VI_1 {\n    state BACKUP\n    priority 100\n}\n",
    realTool:
      "keepalived -t prints '*** Configuration line starting `state` is missing a parameter after keyword `state` " +
      "at word position 2' and exits 2; the daemon does not start.",
    reportedBy: "keepalived -t",
    versions:
      "The keywords differ slightly by version (2.3 adds snmp_rs_stats_update_interval and " +
      "snmp_vs_stats_update_interval); 2.4 uses the 2.3 table (no 2.4 binary was probed).",
  },
  messages: {
    missingValue: (data: { keyword: string; after: string; position: number }) =>
      `keepalived stops at this line and does not start (exit code 2): ${data.keyword} needs ` +
      `${data.position === 2 ? "a value" : `a value after '${data.after}'`} ('Configuration line starting ` +
      `\`${data.keyword}\` is missing a parameter after keyword \`${data.after}\` at word position ` +
      `${data.position}'), so this node runs no VRRP instance at all`,
    wordAfterName: (data: { keyword: string; word: string }) =>
      `keepalived stops at this line and does not start (exit code 2): a word after the name of ${data.keyword} ` +
      `('${data.word}') leaves the block reader an empty first word ('Configuration line starting \`***MISSING ***\` ` +
      `is missing a parameter at word position 1'), so this node runs nothing at all`,
    cutByBrace: (data: { keyword: string; after: string; position: number; brace: string }) =>
      `keepalived stops at this line and does not start (exit code 2): it splits the line at the '${data.brace}' ` +
      `that follows, so ${data.keyword} is left without ` +
      `${data.position === 2 ? "its value" : `a value after '${data.after}'`} ('Configuration line starting ` +
      `\`${data.keyword}\` is missing a parameter after keyword \`${data.after}\` at word position ` +
      `${data.position}'), and this node runs no VRRP instance at all`,
  },
  check(ctx) {
    for (const issue of syntaxIssues(ctx, "keepalived", ["missing-parameter"])) {
      const d = issue.data ?? {};
      const data = { keyword: String(d.keyword), after: String(d.after), position: Number(d.position) };
      const place = { file: issue.file, range: issue.range };
      if (d.word !== undefined)
        ctx.report({
          ...place,
          messageId: "wordAfterName",
          data: { keyword: String(d.keyword), word: String(d.word) },
        });
      else if (d.cutBy) ctx.report({ ...place, messageId: "cutByBrace", data: { ...data, brace: String(d.cutBy) } });
      else ctx.report({ ...place, messageId: "missingValue", data });
    }
  },
});
