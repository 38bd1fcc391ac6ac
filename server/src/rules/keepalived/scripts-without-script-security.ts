import type { Location } from "../../syntax/source.js";
import { disabledBySymlinkPath } from "../../simulate/trackers.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";
import { readLikeKeepalived } from "./statement-blocks.js";

/** The checker's scripts check_check_script_security() looks at (check_data.c at v2.2.7, v2.3.3, v2.3.4). */
const CHECK_SCRIPTS: Record<string, string> = {
  "virtual_server/real_server/MISC_CHECK misc_path": "misc_path",
  "virtual_server quorum_up": "quorum_up",
  "virtual_server quorum_down": "quorum_down",
  "virtual_server/real_server notify_up": "notify_up",
  "virtual_server/real_server notify_down": "notify_down",
  "global_defs lvs_notify_fifo_script": "lvs_notify_fifo_script",
};

export default defineRule({
  id: "KA004",
  name: "scripts-without-script-security",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "vrrp_script, notify, checker scripts (MISC_CHECK, real_server notify) or startup/shutdown scripts are " +
      "configured but global_defs lacks enable_script_security.",
    description:
      "Reports the first vrrp_script or notify script of a file with a vrrp_instance when global_defs does not " +
      "contain `enable_script_security`, naming how many scripts are affected. Checks of the form `</path` are left " +
      "out (keepalived opens the file, runs nothing), and so are root-run scripts written as `/bin/...` under " +
      "keepalived 2.3 and later, which keepalived disables before this check (KA073). In a file with a " +
      "virtual_server, reports the first checker script as well (MISC_CHECK misc_path, quorum_up/quorum_down, a " +
      "real_server's notify_up/notify_down, lvs_notify_fifo_script), which the checker process checks on its own. " +
      "A global `startup_script` or `shutdown_script` is reported too, in any file: keepalived_main() checks them " +
      "itself ('SECURITY VIOLATION - start/shutdown scripts ...').",
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
      "keepalived keepalived/check/check_data.c check_check_script_security() at v2.2.7 (the same at v2.3.3, " +
        "v2.3.4): with a virtual_server, MISC_CHECK misc_path, quorum_up/quorum_down, a real_server's " +
        "notify_up/notify_down and lvs_notify_fifo_script ('SECURITY VIOLATION - check scripts are being executed')",
      "keepalived keepalived/core/main.c keepalived_main() at v2.2.7 (the same at v2.3.3, v2.3.4): a global " +
        "startup_script or shutdown_script that exists (SC_ISSCRIPT) without script_security: 'SECURITY " +
        "VIOLATION - start/shutdown scripts are being executed but script_security not enabled.'",
      "keepalived lib/scheduler.h KEEPALIVED_EXIT_CONFIG_TEST_SECURITY (exit code 6)",
      "keepalived.conf(5) global_defs enable_script_security, script_user",
    ],
    bad: 'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\n',
    good:
      "global_defs {\n    enable_script_security\n    script_user keepalived_script\n}\nvrrp_script chk_haproxy {\n" +
      '    script "/usr/bin/pgrep haproxy"\n}\n',
    realTool:
      "keepalived -t prints 'SECURITY VIOLATION - scripts are being executed but script_security not enabled.' (on " +
      "no line) and exits with 6, when the file has a vrrp_instance and one of the scripts exists on the host; for " +
      "the checker's scripts 'SECURITY VIOLATION - check scripts are being executed ...', when it has a " +
      "virtual_server.",
    reportedBy: "keepalived -t",
    severityNote:
      "warning, kept although it fires on about half of real files (see below): keepalived itself reports 'SECURITY " +
      "VIOLATION' for the same files and keepalived -t then exits with 6, which fails any deployment step that " +
      "checks the configuration; two lines in global_defs silence both.",
  },
  messages: {
    startStopWithoutSecurity: (data: { keyword: string }) =>
      `${data.keyword} runs without enable_script_security: keepalived runs it as root (or as keepalived_script ` +
      `where that user exists) and reports 'SECURITY VIOLATION - start/shutdown scripts are being executed but ` +
      `script_security not enabled' (keepalived -t exits with 6 where the script exists) (add ` +
      `enable_script_security to global_defs)`,
    checkWithoutSecurity: (data: { what: string }) =>
      `${data.what} runs without enable_script_security: keepalived's checker runs it as root (or as ` +
      `keepalived_script where that user exists) and reports 'SECURITY VIOLATION - check scripts are being executed ` +
      `but script_security not enabled' (keepalived -t exits with 6 where the script exists) (add ` +
      `enable_script_security and script_user to global_defs)`,
    withoutSecurity: (data: { what: string; run: string; them: string }) =>
      `${data.what} ${data.run} without enable_script_security: keepalived runs ${data.them} as root (or as ` +
      `keepalived_script where that user exists) even when others can write the files, and reports 'SECURITY ` +
      `VIOLATION' (keepalived -t exits with 6 where the scripts exist) (add enable_script_security and script_user ` +
      `to global_defs)`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      if (config.enableScriptSecurity) continue;
      const placed = readLikeKeepalived(config.document.statements, ctx.keepalivedKeywords).statements;
      // keepalived_main() checks startup_script and shutdown_script whatever else the file holds
      const startStop = placed.find(
        (p) =>
          p.blockId === "global_defs" &&
          (p.statement.keyword.value === "startup_script" || p.statement.keyword.value === "shutdown_script") &&
          p.statement.args.length > 0 &&
          p.statement.args[0].value.trim() !== "" &&
          !/^<\s*\//.test(p.statement.args[0].value),
      );
      if (startStop) {
        const data = { keyword: `${startStop.statement.keyword.value} '${startStop.statement.args[0].value}'` };
        ctx.report({ ...at(startStop.statement), messageId: "startStopWithoutSecurity", data });
      }
      // check_check_script_security() returns at once when there is no virtual_server
      if (!placed.some((p) => p.blockId === "root" && p.statement.keyword.value === "virtual_server")) continue;
      const first = placed.find(
        (p) => CHECK_SCRIPTS[`${p.blockId} ${p.statement.keyword.value}`] && p.statement.args.length > 0,
      );
      if (!first) continue;
      const what = `${CHECK_SCRIPTS[`${first.blockId} ${first.statement.keyword.value}`]} '${first.statement.args[0].value}'`;
      ctx.report({
        file: first.statement.file,
        range: first.statement.range,
        messageId: "checkWithoutSecurity",
        data: { what },
      });
    }
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
