import type { KeepalivedConfig, VrrpScript } from "../../model/types.js";
import { atLeast } from "../../schema/versions.js";
import type { Location } from "../../syntax/source.js";
import { walkStatements } from "../../syntax/keepalived/tree.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

/** The `timeout` line of a vrrp_script block, read from the syntax tree. */
function timeoutLine(config: KeepalivedConfig, script: VrrpScript): Location | undefined {
  for (const { statement } of walkStatements(config.document.statements)) {
    if (statement.keyword.value !== "vrrp_script" || statement.args[0]?.value !== script.name) continue;
    if (statement.file !== script.location.file) continue;
    if (statement.range.start.line !== script.location.range.start.line) continue;
    const line = statement.block?.statements.filter((s) => s.keyword.value === "timeout").pop();
    if (line) return { file: line.file, range: line.range };
  }
  return undefined;
}

export default defineRule({
  id: "KA082",
  name: "script-timeout-over-interval",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A vrrp_script `timeout` longer than its `interval`: a hung check is declared failed late, and before 2.3.3 " +
      "copies pile up.",
    description:
      "Compares each vrrp_script's `timeout` with its `interval` (both in seconds; `interval` defaults to 1, an " +
      "unset `timeout` means the interval). Reported when the timeout is longer.",
    why:
      "keepalived starts the script every `interval` and gives each run `timeout` seconds, or the interval when no " +
      "timeout is set (vrrp_scheduler.c vrrp_script_thread() hands system_call_script() the timeout, or the interval " +
      "when the timeout is 0); a run still going at its deadline is killed and counts as a failure ('timed_out'). " +
      "With a timeout longer than the interval, a check that hangs is declared failed only after `timeout` seconds, " +
      "and only then does the `fall` count start. Until 2.3.2, vrrp_script_thread() logs 'Track script X is already " +
      "running, expect idle - skipping run' and starts another copy anyway (no return after the message): a hung " +
      "check piles up one process per interval. From 2.3.3 the run is skipped (commit 94d40e3b, Skip running not idle " +
      "vrrp scripts).",
    sources: [
      "keepalived keepalived/vrrp/vrrp_scheduler.c vrrp_script_thread() at v2.2.7 (no return after 'skipping run') " +
        "and v2.3.3, v2.3.4 (return)",
      "keepalived keepalived/vrrp/vrrp_data.c alloc_vrrp_script() and keepalived/include/vrrp_track.h " +
        "VRRP_SCRIPT_DT 0 (no timeout: the interval applies)",
      "keepalived#946 ('Track script chk_sfnode is being timed out, expect idle - skipping run'), keepalived#535 " +
        "(no failover while the script hangs), keepalived#2304 (a 20 s script with interval 60)",
    ],
    bad:
      'vrrp_script chk_api {\n    script "/etc/keepalived/check_api.sh"\n    interval 2\n    timeout 10\n    fall 2\n' +
      "}\n",
    good:
      'vrrp_script chk_api {\n    script "/etc/keepalived/check_api.sh"\n    interval 2\n    timeout 2\n    fall 2\n' +
      "}\n",
    realTool:
      'keepalived -t accepts it. At run time with `script "/bin/sleep 30"` `interval 2` `timeout 10`, keepalived ' +
      "2.2.7 logs 'already running, expect idle - skipping run' every 2 s and had 5 sleep processes after 9 s; " +
      "2.3.3 and 2.3.4 log the same and keep one.",
    reportedBy: "none",
    versions: "Before 2.3.3 a run that is still going does not stop the next one from starting; from 2.3.3 it does.",
  },
  messages: {
    pilesUp: (data: { script: string; timeout: number; interval: number; version: string }) =>
      `vrrp_script '${data.script}' has timeout ${data.timeout} s, longer than its interval ${data.interval} s: a ` +
      `hung check counts as failed only after ${data.timeout} s, and keepalived ${data.version} starts another copy ` +
      `every ${data.interval} s while one hangs (it says 'skipping run' but runs it before 2.3.3). Keep timeout at ` +
      `most the interval`,
    skipped: (data: { script: string; timeout: number; interval: number; version: string }) =>
      `vrrp_script '${data.script}' has timeout ${data.timeout} s, longer than its interval ${data.interval} s: a ` +
      `hung check counts as failed only after ${data.timeout} s, and keepalived ${data.version} skips the runs in ` +
      `between, so the VIP moves ${data.timeout} s late at least. Keep timeout at most the interval`,
  },
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      const version = node.keepalivedVersion ?? ctx.settings.keepalivedVersion;
      for (const script of config.scripts.values()) {
        if (script.timeout === undefined || !(script.timeout > script.interval)) continue;
        const where = timeoutLine(config, script) ?? script.location;
        const data = { script: script.name, timeout: script.timeout, interval: script.interval, version };
        const messageId = atLeast("keepalived", version, "2.3.3") ? "skipped" : "pilesUp";
        ctx.report({ ...at(where), messageId, data });
      }
    }
  },
});
