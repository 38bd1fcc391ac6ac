import { scriptExitFacts } from "../../model/script-exit.js";
import { defineRule } from "../rule.js";
import { at, shellChecks } from "./ka-model.js";

export default defineRule({
  id: "KA080",
  name: "check-script-never-fails",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "A vrrp_script whose shell code exits 0 on every path, so keepalived never sees the check fail.",
    description:
      "Reads the shell code a vrrp_script runs (the script file of the node's tree when it is a shell script, or " +
      "the string after `sh -c`) and follows every way out of it: the last command of the script, of each branch of " +
      "a trailing `if`, of called functions, and every `exit`/`return`. When no path can end with a non-zero " +
      "status, the check can never fail. Two shapes are told apart: the result is printed (`echo 1`, `echo $?`, " +
      "`echo down`) instead of being the exit status, or a command that always succeeds (`sleep`, `true`, `exit 0`, " +
      "`... || true`, `logger`) ends the script after the real check. It also reports `$?` read right after a " +
      "command that always succeeds (`ssh ...; sleep 10; if [ $? -eq 0 ]`), which tests that command instead of the " +
      "check. Scripts with `set -e`, a `trap`, an `exit` other than `exit 0`, or a loop or `case` at the end are " +
      "left alone.",
    why:
      "keepalived only looks at the script's exit status: vrrp_scheduler.c vrrp_script_child_thread() (v2.2.7, " +
      "v2.3.4) counts status 0 as success and anything else, or death by a signal, as failure; what the script prints " +
      "is not read. A check that always exits 0 keeps its weight (or keeps the instance out of FAULT) while HAProxy " +
      "is down, and the VIP stays on the broken node.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_scheduler.c vrrp_script_child_thread() at v2.2.7 and v2.3.4 (WEXITSTATUS 0 = " +
        "success)",
      "POSIX sh: the status of a list is that of its last command; of `a || b` that of b when a fails; of an `if` " +
        "without a taken branch 0",
      "keepalived#2103 (2.2.7: `echo 0` / `echo 5` instead of an exit status; the VIP never moved), keepalived#1197 " +
        "(`echo 0` / `echo 1`, the maintainer's answer: exit with the code)",
      "keepalived#2485 (`sleep 10` between the check and the `$?` test: the test always sees 0)",
      "lab proof (test/lab/proofs.test.ts, docs/lab.md 'Proofs', fixtures/ka080-check-never-fails): HAProxy killed " +
        "on lb01, the fixture's check_haproxy.sh prints 1 and exits 0; keepalived 2.2.7 and 2.3.4 never log " +
        "'VRRP_Script(chk_haproxy) failed' and the VIP stays on lb01",
      "keepalived#1675 (a script relying on the status of a trailing `if`)",
    ],
    bad:
      "#!/bin/bash\n# /etc/keepalived/check_haproxy.sh\nif pidof haproxy >/dev/null; then\n    echo 0\nelse\n" +
      "    echo 1\nfi\n",
    good: "#!/bin/bash\n# /etc/keepalived/check_haproxy.sh\npidof haproxy >/dev/null || exit 1\nexit 0\n",
    realTool:
      "Nothing reports it: keepalived -t does not read script files, and at run time keepalived logs " +
      "'VRRP_Script(x) succeeded' once and nothing more.",
    reportedBy: "none",
  },
  messages: {
    echoedResult: (data: { script: string; file: string; line: number; text: string }) =>
      `vrrp_script '${data.script}' can never fail: every way out of ${data.file} prints its result ('${data.text}', ` +
      `line ${data.line}) and exits 0, and keepalived reads only the exit status. Exit non-zero on failure (exit 1)`,
    maskedResult: (data: { script: string; file: string; line: number; text: string }) =>
      `vrrp_script '${data.script}' can never fail: '${data.text}' (line ${data.line} of ${data.file}) always ` +
      `succeeds and ends the script after the check, so keepalived always sees exit 0. Make the check's own status ` +
      `the last one (or 'exit 1' when it fails)`,
    staleStatus: (data: { script: string; file: string; line: number; previous: string }) =>
      `vrrp_script '${data.script}': '$?' on line ${data.line} of ${data.file} is the status of '${data.previous}', ` +
      `which always succeeds, not that of the check before it. Test the check's status directly (if ! check; then ` +
      `exit 1; fi)`,
  },
  check(ctx) {
    for (const { script, command, text, file } of shellChecks(ctx)) {
      const facts = scriptExitFacts(text);
      for (const stale of facts.staleStatus) {
        const previous = stale.previous.words.map((w) => w.text).join(" ");
        const data = { script: script.name, file, line: stale.command.line + 1, previous };
        ctx.report({ ...at(command.location), messageId: "staleStatus", data });
      }
      const verdict = facts.neverFails;
      if (!verdict) continue;
      const data = { script: script.name, file, line: verdict.line + 1, text: verdict.text || "the last command" };
      ctx.report({
        ...at(command.location),
        messageId: verdict.kind === "echoed" ? "echoedResult" : "maskedResult",
        data,
      });
    }
  },
});
