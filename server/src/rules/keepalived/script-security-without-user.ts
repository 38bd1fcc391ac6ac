import { defineRule } from "../rule.js";
import { closingBrace } from "./block-close.js";
import { runsAsDefaultUser } from "./default-script-user.js";
import { keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA003",
  name: "script-security-without-user",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "enable_script_security is set but neither script_user (global) nor a user of the vrrp_script says whom to " +
      "run it as.",
    description:
      "Reports each vrrp_script without a `user` keyword, when global_defs has `enable_script_security` and no " +
      "`script_user`. A user word after the command on the `script` line does not count (keepalived reads it only " +
      "on notify lines). The finding is on the block's closing line, where keepalived reports it.",
    why:
      "With script security enabled and no script_user, keepalived runs scripts as the default user " +
      "`keepalived_script`, never as root. Where that user does not exist (Debian's keepalived package does not " +
      "create it), get_default_script_user() fails, vrrp_vscript_end_handler() removes the vrrp_script, and every " +
      "track_script that named it is then 'not found, ignoring': script tracking is lost and the VIP no longer " +
      "follows HAProxy.",
    sources: [
      "keepalived lib/notify.c get_default_script_user() at v2.2.7 ('Unable to set default user %s for script')",
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_vscript_end_handler() at v2.2.7 ('Unable to set default user " +
        "for vrrp script %s - removing', free_vscript())",
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_vscript_script_handler() at v2.2.7 and v2.3.4 (only the " +
        "command of the script line is read: set_script_params_array())",
      "acassen/keepalived issue #2184 and PR #2185 (with security enabled the default user is keepalived_script, " +
        "never root)",
    ],
    bad:
      'global_defs {\n    enable_script_security\n}\nvrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n' +
      "}\n",
    good:
      "global_defs {\n    enable_script_security\n" +
      "    script_user keepalived_script   # a user that exists on the node (useradd -r keepalived_script)\n}\n" +
      'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\n',
    realTool:
      "keepalived -t reports it when the host lacks the keepalived_script user: 'Unable to set default user " +
      "keepalived_script for script' and 'Unable to set default user for vrrp script X - removing' on the script's " +
      "closing line, then 'track script X not found'. On a host that has the user, nothing is reported.",
    reportedBy: "keepalived -t",
  },
  messages: {
    scriptRemoved: (data: { name: string }) =>
      `vrrp_script '${data.name}' has no user and global_defs has enable_script_security without script_user: ` +
      `keepalived runs it as 'keepalived_script', and where that user does not exist it removes the script ` +
      `('Unable to set default user for vrrp script ${data.name} - removing') and every track_script naming it (add ` +
      `'script_user <user>' to global_defs, or 'user <user>' to the vrrp_script)`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      if (!config.enableScriptSecurity || config.scriptUser) continue;
      for (const script of config.scripts.values()) {
        if (!script.command || script.command.args.length === 0 || !runsAsDefaultUser(config, script)) continue;
        ctx.report({ ...closingBrace(script.location), messageId: "scriptRemoved", data: { name: script.name } });
      }
    }
  },
});
