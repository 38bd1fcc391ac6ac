import type { Location } from "../../syntax/source.js";
import { disabledBySymlinkPath } from "../../simulate/trackers.js";
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
      "Reports the first vrrp_script or notify script of a file with a vrrp_instance when global_defs does not " +
      "contain `enable_script_security`, naming how many scripts are affected. Checks of the form `</path` are left " +
      "out (keepalived opens the file, runs nothing), and so are root-run scripts written as `/bin/...` under " +
      "keepalived 2.3 and later, which keepalived disables before this check (KA073).",
    why:
      "Without script security keepalived runs the scripts as root (as keepalived_script where that user exists) and, " +
      "while it reports scripts that others can write, runs them anyway. It reports 'SECURITY VIOLATION - scripts are " +
      "being executed but script_security not enabled', and `keepalived -t` exits with code 6, which breaks " +
      "configuration checks in deployment pipelines. keepalived checks the scripts only when the file has a " +
      "vrrp_instance, and counts only scripts it finds on the machine.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c check_vrrp_script_security() at v2.2.7: returns at once without " +
        "vrrp_instance; 'SECURITY VIOLATION' when a checked script exists (SC_ISSCRIPT) and script_security is off",
      "keepalived lib/notify.c check_script_secure() and get_default_script_user() at v2.2.7 ('</file' checks are " +
        "SC_SYSTEM; root unless the user keepalived_script exists)",
      "keepalived lib/scheduler.h KEEPALIVED_EXIT_CONFIG_TEST_SECURITY (exit code 6)",
      "keepalived.conf(5) global_defs enable_script_security, script_user",
    ],
    bad: 'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\n',
    good:
      "global_defs {\n    enable_script_security\n    script_user keepalived_script\n}\nvrrp_script chk_haproxy {\n" +
      '    script "/usr/bin/pgrep haproxy"\n}\n',
    realTool:
      "keepalived -t prints 'SECURITY VIOLATION - scripts are being executed but script_security not enabled.' (on " +
      "no line) and exits with 6, when the file has a vrrp_instance and one of the scripts exists on the host.",
    reportedBy: "keepalived -t",
    severityNote:
      "warning, kept although it fires on about half of real files (see below): keepalived itself reports 'SECURITY " +
      "VIOLATION' for the same files and keepalived -t then exits with 6, which fails any deployment step that " +
      "checks the configuration; two lines in global_defs silence both.",
  },
  messages: {
    withoutSecurity: (p: { what: string; run: string; them: string }) =>
      `${p.what} ${p.run} without enable_script_security: keepalived runs ${p.them} as root (or as ` +
      `keepalived_script where that user exists) even when others can write the files, and reports 'SECURITY ` +
      `VIOLATION' (keepalived -t exits with 6 where the scripts exist) (add enable_script_security and script_user ` +
      `to global_defs)`,
  },
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      // check_vrrp_script_security() returns at once when there is no vrrp_instance
      if (config.enableScriptSecurity || config.instances.length === 0) continue;
      const places: { what: string; location: Location }[] = [];
      for (const s of config.scripts.values())
        // a script keepalived 2.3+ disables for its /bin-style path (KA073) is never run nor counted
        if (
          s.command &&
          s.command.args.length > 0 &&
          !/^<\s*\//.test(s.command.args[0]) &&
          !disabledBySymlinkPath(node, config, s)
        )
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
      const what =
        places.length === 1
          ? first.what
          : `${first.what} and ${places.length - 1} other script${places.length > 2 ? "s" : ""}`;
      const data = { what, run: places.length === 1 ? "runs" : "run", them: places.length === 1 ? "it" : "them" };
      ctx.report({ ...at(first.location), messageId: "withoutSecurity", data });
    }
  },
});
