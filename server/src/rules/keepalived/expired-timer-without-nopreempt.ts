import { atLeast } from "../../schema/versions.js";
import { defineRule } from "../rule.js";
import { keepalivedUnits } from "./ka-model.js";
import { readLikeKeepalived } from "./statement-blocks.js";

const TIMER_KEYWORDS = new Set(["timer_expired_backup", "thread_timer_expired"]);

export default defineRule({
  id: "KA104",
  name: "expired-timer-without-nopreempt",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "timer_expired_backup in an instance that does not run with nopreempt: keepalived 2.3 resets it.",
    description:
      "Reports `timer_expired_backup` (or its alias `thread_timer_expired`) in a vrrp_instance whose nopreempt " +
      "does not hold when keepalived completes the instance: no `nopreempt`, or one keepalived clears first " +
      "(priority 255, initial state MASTER). keepalived 2.2 does not know the keyword (KA018 reports it there).",
    why:
      "The option lets a BACKUP take over when the master's adverts stop only if no higher-priority peer is " +
      "expected, which means something only without preemption. keepalived 2.3 reports it and sets it back to " +
      "off, so the node waits the normal master-down interval the file seems to shorten.",
    sources: [
      "keepalived 2.3.3 keepalived/vrrp/vrrp.c vrrp_complete_instance() ('(%s) expired_timer_backup requires " +
        "nopreempt - resetting', after nopreempt is cleared for priority 255 and state MASTER); the same at v2.3.4",
      "keepalived 2.3.3 keepalived/vrrp/vrrp_parser.c vrrp_timer_expired_backup_handler()",
    ],
    bad: "vrrp_instance VI_1 {\n    state BACKUP\n    priority 100\n    timer_expired_backup 1\n}\n",
    good: "vrrp_instance VI_1 {\n    state BACKUP\n    priority 100\n    nopreempt\n    timer_expired_backup 1\n}\n",
    realTool:
      "keepalived 2.3.3 and 2.3.4 -t print '(VI_1) expired_timer_backup requires nopreempt - resetting' for the " +
      "instance and go on (exit 5).",
    reportedBy: "keepalived -t",
    versions: "keepalived 2.3 and later; 2.2.7 has no such keyword (checked on the three binaries).",
  },
  messages: {
    reset: (data: { instance: string; keyword: string; why: string }) =>
      `${data.keyword} needs nopreempt, and ${data.instance} ${data.why}: keepalived reports '(${data.instance}) ` +
      `expired_timer_backup requires nopreempt - resetting' and waits the normal master-down interval`,
  },
  check(ctx) {
    if (!atLeast("keepalived", ctx.settings.keepalivedVersion, "2.3.0")) return;
    for (const { config } of keepalivedUnits(ctx)) {
      const placed = readLikeKeepalived(config.document.statements, ctx.keepalivedKeywords).statements;
      for (const { statement, blockId, parent } of placed) {
        if (blockId !== "vrrp_instance" || !TIMER_KEYWORDS.has(statement.keyword.value)) continue;
        const inst = config.instances.find((i) => i.name === parent?.args[0]?.value);
        if (!inst) continue;
        let why: string | undefined;
        if (!inst.nopreempt) why = "has no nopreempt";
        else if (inst.basePriority === 255) why = "has priority 255, for which keepalived clears nopreempt";
        else if (inst.initialState === "MASTER") why = "starts as MASTER, for which keepalived clears nopreempt";
        if (!why) continue;
        ctx.report({
          file: statement.file,
          range: statement.range,
          messageId: "reset",
          data: { instance: inst.name, keyword: statement.keyword.value, why },
        });
      }
    }
  },
});
