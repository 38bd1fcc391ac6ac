import type { Location } from "../../syntax/source.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA004",
  name: "scripts-without-script-security",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "vrrp_script or notify scripts are configured but global_defs lacks enable_script_security.",
    description:
      "Reports the first vrrp_script or notify script of a file when global_defs does not contain `enable_script_security`, naming how many scripts are affected.",
    why: "Without script security keepalived runs every script as root and does not check that the script and its directories are writable only by root. It logs 'SECURITY VIOLATION - scripts are being executed but script_security not enabled', and `keepalived -t` exits with code 6, which breaks configuration checks in deployment pipelines.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c check_vrrp_script_security() 'SECURITY VIOLATION'",
      "keepalived lib/scheduler.h KEEPALIVED_EXIT_CONFIG_TEST_SECURITY (exit code 6)",
      "keepalived.conf(5) global_defs enable_script_security, script_user",
    ],
    bad: 'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\n',
    good: 'global_defs {\n    enable_script_security\n    script_user keepalived_script\n}\nvrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\n',
    realTool:
      "keepalived -t prints 'SECURITY VIOLATION - scripts are being executed but script_security not enabled.' and exits with 6 (for scripts that exist on the host).",
    reportedBy: "keepalived -t",
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      if (config.enableScriptSecurity) continue;
      const places: { what: string; location: Location }[] = [];
      for (const s of config.scripts.values())
        if (s.command && s.command.args.length > 0)
          places.push({ what: `vrrp_script '${s.name}'`, location: s.command.location });
      for (const i of config.instances)
        for (const n of i.notify) places.push({ what: `${n.kind} of ${i.name}`, location: n.command.location });
      for (const g of config.syncGroups)
        for (const n of g.notify) places.push({ what: `${n.kind} of ${g.name}`, location: n.command.location });
      if (places.length === 0) continue;
      places.sort((a, b) =>
        a.location.file === b.location.file ? a.location.range.start.line - b.location.range.start.line : 0,
      );
      const first = places[0];
      ctx.report({
        ...at(first.location),
        message: `${places.length === 1 ? first.what : `${first.what} and ${places.length - 1} other script${places.length > 2 ? "s" : ""}`} run${places.length === 1 ? "s" : ""} without enable_script_security: keepalived executes ${places.length === 1 ? "it" : "them"} as root without checking who can write the files, logs 'SECURITY VIOLATION' ('keepalived -t' exits with 6 where the scripts exist) (add enable_script_security and script_user to global_defs)`,
      });
    }
  },
  cases: {
    valid: [
      {
        name: "security enabled",
        files: {
          "keepalived.conf":
            'global_defs {\n  enable_script_security\n  script_user root\n}\nvrrp_script chk {\n  script "/usr/bin/pgrep haproxy"\n}\n',
        },
      },
      {
        name: "no scripts",
        files: {
          "keepalived.conf":
            "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n",
        },
      },
    ],
    invalid: [
      {
        name: "check script without security",
        files: {
          "keepalived.conf":
            'global_defs {\n  router_id lb01\n}\nvrrp_script chk_haproxy {\n  script "/usr/bin/pgrep haproxy"\n  interval 2\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n  track_script {\n    chk_haproxy\n  }\n  notify_master "/bin/true"\n}\n',
        },
        realTool: "SECURITY VIOLATION - scripts are being executed but script_security not enabled",
        expect: [{ line: 5, message: "and 1 other script" }],
      },
    ],
  },
});
