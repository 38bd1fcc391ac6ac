import { defineRule } from "../rule.js";
import { readNumber } from "./keepalived-numbers.js";
import { valueStatements } from "./value-statements.js";

/** Handlers that take 0 and then print '... must be greater than 0, setting to 1', by block and keyword. */
const RAISED: Record<string, string> = {
  // "(NAME): " stands for the instance or script name keepalived puts first; the message leaves it out.
  "vrrp_script interval": "(NAME): vrrp script interval must be greater than 0, setting to 1",
  "vrrp_script timeout": "(NAME): vrrp script timeout must be greater than 0, setting to 1",
  "vrrp_instance garp_master_repeat": "(NAME): garp_master_repeat must be greater than 0, setting to 1",
  "vrrp_instance garp_master_refresh_repeat": "(NAME): garp_master_refresh_repeat must be greater than 0, setting to 1",
  "global_defs vrrp_garp_master_repeat": "vrrp_garp_master_repeat must be greater than 0, setting to 1",
  "global_defs vrrp_garp_master_refresh_repeat": "vrrp_garp_master_refresh_repeat must be greater than 0, setting to 1",
  "global_defs smtp_connect_timeout": "smtp_conect_timeout must be greater than 0, setting to 1",
};

export default defineRule({
  id: "KA103",
  name: "zero-raised-to-one",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A zero keepalived raises to 1 with a message: vrrp_script interval and timeout, garp_master_repeat, " +
      "garp_master_refresh_repeat and their global forms, smtp_connect_timeout.",
    description:
      "Reports these keywords when keepalived reads their value as 0: `0`, `00`, and also an empty quoted word " +
      '(`interval ""`), which the number reader takes as 0 without a word of its own. Values it cannot read at ' +
      "all are KA045's.",
    why:
      "keepalived accepts 0 only for compatibility with configurations older than 2.0.7 and uses 1 instead: a " +
      "vrrp_script then runs every second (or times out after one), however the file reads. Writing the value " +
      "keepalived uses makes the file say what runs.",
    sources: [
      "keepalived 2.2.7 keepalived/vrrp/vrrp_parser.c vrrp_vscript_interval_handler(), " +
        "vrrp_vscript_timeout_handler(), vrrp_garp_rep_handler(), vrrp_garp_refresh_rep_handler() ('... must be " +
        "greater than 0, setting to 1'); the same at v2.3.3 and v2.3.4",
      "keepalived 2.2.7 keepalived/core/global_parser.c smtpto_handler() ('smtp_conect_timeout must be greater " +
        "than 0'), vrrp_garp_rep_handler(), vrrp_garp_refresh_rep_handler()",
      "keepalived 2.2.7 lib/parser.c read_unsigned_func() (an empty word is 0)",
    ],
    bad: 'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep -x haproxy"\n    interval ""\n}\n',
    good: 'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep -x haproxy"\n    interval 2\n}\n',
    realTool:
      "keepalived -t prints '(chk_haproxy): vrrp script interval must be greater than 0, setting to 1' on the " +
      "line and goes on (exit 5); checked on 2.2.7, 2.3.3 and 2.3.4.",
    reportedBy: "keepalived -t",
  },
  messages: {
    raised: (data: { keyword: string; value: string; said: string }) =>
      `${data.keyword} ${data.value} is read as 0, which keepalived does not use: it reports '${data.said}' and uses 1`,
  },
  check(ctx) {
    for (const { statement, blockId, keyword, spec } of valueStatements(ctx)) {
      const said = RAISED[`${blockId} ${keyword}`];
      const read = spec.reads?.[0];
      const word = statement.args[0];
      if (!said || !read || !word) continue;
      const verdict = readNumber(word.value, read);
      if (!verdict.takenByTest || verdict.value !== 0n) continue;
      ctx.report({
        file: word.file,
        range: word.range,
        messageId: "raised",
        data: { keyword, value: word.quoted ? `"${word.value}"` : word.value, said: said.replace("(NAME): ", "") },
      });
    }
  },
});
