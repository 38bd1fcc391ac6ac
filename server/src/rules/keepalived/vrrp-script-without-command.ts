import { defineRule } from "../rule.js";
import { closingBrace } from "./block-close.js";
import { keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA049",
  name: "vrrp-script-without-command",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "A vrrp_script block without a `script` line (or with an empty one): keepalived removes it.",
    description:
      "Reports a vrrp_script whose block has no `script` keyword, or one without a command, on the block's closing " +
      "line, where keepalived reports it.",
    why:
      "vrrp_vscript_end_handler() finds no command, reports 'No script set for vrrp_script X - removing' and frees " +
      "the script: every track_script naming it then gets 'not found' (KA001), and the instances run without the " +
      "check. A `script` line lost to a conditional `@node` prefix or a comment character in the wrong place does " +
      "this on one node only.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_vscript_end_handler() at v2.2.7 ('No script set for " +
        "vrrp_script %s - removing', free_vscript())",
    ],
    bad: "vrrp_script chk_haproxy {\n    interval 2\n    weight -30\n}\n",
    good: 'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n    interval 2\n    weight -30\n}\n',
    realTool:
      "keepalived -t prints 'No script set for vrrp_script chk_haproxy - removing' on the closing line of the block " +
      "(exit 5).",
    reportedBy: "keepalived -t",
  },
  messages: {
    noCommand: (data: { name: string }) =>
      `vrrp_script '${data.name}' has no command: keepalived removes it ('No script set for vrrp_script ${data.name} ` +
      `- removing'), and every track_script naming it is ignored (add a 'script' line)`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const script of config.scripts.values()) {
        if (script.command && script.command.args.length > 0) continue;
        ctx.report({ ...closingBrace(script.location), messageId: "noCommand", data: { name: script.name } });
      }
    }
  },
});
