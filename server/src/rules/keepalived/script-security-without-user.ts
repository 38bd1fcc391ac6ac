import { scriptsRemovedBySecurity } from "../../simulate/trackers.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA003",
  name: "script-security-without-user",
  severity: "error",
  scope: "keepalived",
  docs: {
    summary:
      "enable_script_security is set but no script_user (global) or user (per script) says whom to run scripts as.",
    description:
      "Reports `enable_script_security` when global_defs has no `script_user` and at least one vrrp_script has neither a `user` keyword nor a user word on its `script` line. Names the vrrp_scripts affected.",
    why: "With script security enabled and no script_user, keepalived runs scripts as the default user `keepalived_script`, never as root. Distributions do not create that user; when it is missing keepalived logs 'Unable to set default user keepalived_script' and removes every such vrrp_script, and every track_script that named it is then 'not found, ignoring': all script tracking is lost, and the VIP no longer follows HAProxy.",
    sources: [
      "keepalived lib/notify.c get_default_script_user()",
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_vscript_end_handler() 'Unable to set default user for vrrp script %s - removing'",
      "acassen/keepalived issue #2184 and PR #2185 (with security enabled the default user is keepalived_script, never root)",
    ],
    bad: 'global_defs {\n    enable_script_security\n}\nvrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\n',
    good: 'global_defs {\n    enable_script_security\n    script_user keepalived_script   # a user that exists on the node (useradd -r keepalived_script)\n}\nvrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\n',
    realTool:
      "keepalived -t reports it when the host lacks the keepalived_script user: 'Unable to set default user keepalived_script for script' and '... vrrp script X - removing', then 'track script X not found'. On a host that has the user, nothing is reported.",
    reportedBy: "keepalived -t",
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      if (!config.enableScriptSecurity || config.scriptUser) continue;
      const affected = [...config.scripts.values()]
        .filter((s) => s.command && s.command.args.length > 0 && scriptsRemovedBySecurity(config, s))
        .map((s) => s.name);
      if (affected.length === 0) continue;
      const list =
        affected
          .slice(0, 4)
          .map((n) => `'${n}'`)
          .join(", ") + (affected.length > 4 ? ` and ${affected.length - 4} more` : "");
      ctx.report({
        ...at(config.enableScriptSecurity),
        message: `enable_script_security without script_user: keepalived runs ${list} as the user 'keepalived_script', and where that user does not exist it removes ${affected.length === 1 ? "the script and every track_script naming it" : "these scripts and every track_script naming them"} (add 'script_user <user>' to global_defs, or 'user <user>' to each vrrp_script)`,
      });
    }
  },
  cases: {
    valid: [
      {
        name: "script_user given",
        files: {
          "keepalived.conf":
            'global_defs {\n  enable_script_security\n  script_user root\n}\nvrrp_script chk {\n  script "/usr/bin/pgrep haproxy"\n}\n',
        },
      },
      {
        name: "user per script",
        files: {
          "keepalived.conf":
            'global_defs {\n  enable_script_security\n}\nvrrp_script chk {\n  script "/usr/bin/pgrep haproxy"\n  user nobody\n}\nvrrp_script chk2 {\n  script "/usr/bin/pgrep nginx" nobody\n}\n',
        },
      },
    ],
    invalid: [
      {
        name: "no user at all",
        files: {
          "keepalived.conf":
            'global_defs {\n  router_id lb01\n  enable_script_security\n}\nvrrp_script chk_haproxy {\n  script "/usr/bin/pgrep haproxy"\n  interval 2\n  weight -30\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n  track_script {\n    chk_haproxy\n  }\n}\n',
        },
        realTool: "Unable to set default user keepalived_script",
        expect: [{ line: 3, message: "'chk_haproxy'" }],
      },
    ],
  },
});
