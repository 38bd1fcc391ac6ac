import { scriptExitFacts } from "../../model/script-exit.js";
import { defineRule } from "../rule.js";
import { at, shellChecks } from "./ka-model.js";

export default defineRule({
  id: "KA081",
  name: "check-restarts-haproxy",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "A vrrp_script that starts or restarts HAProxy itself instead of only reporting whether it runs.",
    description:
      "Reads the shell code a vrrp_script runs (the script file of the node's tree, or the string after `sh -c`) " +
      "for commands that start HAProxy: `systemctl start|restart|try-restart|reload-or-restart haproxy`, `service " +
      "haproxy start|restart`, `/etc/init.d/haproxy start|restart` or `haproxy -f ...`.",
    why:
      "keepalived runs the check every `interval` and moves the VIP only on a non-zero exit status (vrrp_scheduler.c " +
      "vrrp_script_child_thread(), v2.2.7 and v2.3.4). A check that restarts HAProxy when it finds it down repairs " +
      "the very failure it should report: it exits 0 after the restart, so a crash-looping or mis-configured HAProxy " +
      "keeps the VIP on the broken node, restarted every interval, and the peer never takes over. Restarting is the " +
      "service manager's job (systemd `Restart=on-failure`); the check should only observe.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_scheduler.c vrrp_script_thread() and vrrp_script_child_thread() at v2.2.7 " +
        "and v2.3.4",
      "keepalived#1152 (the check runs `haproxy -f ...` when it finds no process, then exits 0)",
      "systemd.service(5) Restart=",
    ],
    bad:
      "#!/bin/bash\n# /etc/keepalived/check_haproxy.sh\nif ! pidof haproxy >/dev/null; then\n" +
      "    systemctl restart haproxy\n    sleep 2\nfi\npidof haproxy >/dev/null || exit 1\n",
    good:
      "#!/bin/bash\n# /etc/keepalived/check_haproxy.sh (HAProxy's unit has Restart=on-failure)\n" +
      "pidof haproxy >/dev/null || exit 1\n",
    realTool: "Nothing reports it: keepalived -t does not read script files.",
    reportedBy: "none",
  },
  messages: {
    restarts: (data: { script: string; file: string; line: number; command: string }) =>
      `vrrp_script '${data.script}' starts HAProxy itself ('${data.command}', line ${data.line} of ${data.file}): ` +
      `the check repairs the failure it should report, so a crash-looping HAProxy keeps the VIP here. Let the ` +
      `service manager restart HAProxy (Restart=on-failure) and make the check only observe`,
  },
  check(ctx) {
    for (const { script, command, text, file } of shellChecks(ctx)) {
      for (const restart of scriptExitFacts(text).restartsHaproxy) {
        const restartText = restart.words.map((w) => w.text).join(" ");
        const data = { script: script.name, file, line: restart.line + 1, command: restartText };
        ctx.report({ ...at(command.location), messageId: "restarts", data });
      }
    }
  },
});
