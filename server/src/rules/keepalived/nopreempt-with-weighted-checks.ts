import { sharedTrackers } from "../../simulation.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA030",
  name: "nopreempt-with-weighted-checks",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "nopreempt while every HAProxy tracker is weighted: an HAProxy failure can never move the VIP.",
    description:
      "For a vrrp_instance whose `nopreempt` keepalived keeps (state BACKUP, priority below 255), looks at the " +
      "trackers keepalived keeps that watch HAProxy (a vrrp_script or track_process mentioning haproxy). Reports " +
      "when there is at least one and all of them have a non-zero weight.",
    why:
      "A node with nopreempt never takes over from a master that is still advertising, whatever the priorities. " +
      "Weighted trackers only change priorities, so when HAProxy dies on the master it keeps advertising (with a " +
      "lower priority) and keeps the VIP. Only FAULT (a weight-0 tracker), a stopped keepalived or a dead node moves " +
      "the VIP. keepalived's maintainer recommends removing the weight so that the instance goes to FAULT.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_state_backup() (nopreempt: a backup does not preempt a live master)",
      "acassen/keepalived issues #2599 and #2483 (remove the weight so that the instance goes to FAULT)",
      "aledbf/kube-keepalived-vip issue #72",
    ],
    bad:
      "vrrp_instance VI_1 {\n    state BACKUP\n    nopreempt\n    track_script {\n        chk_haproxy weight -30\n" +
      "    }\n}\n",
    good:
      "vrrp_instance VI_1 {\n    state BACKUP\n    nopreempt\n    track_script {\n" +
      "        chk_haproxy weight 0   # failure => FAULT => the VIP moves\n    }\n}\n",
    realTool:
      "Nothing reports it; verified live with keepalived 2.2.7: A 120 -> 90 after the failure, B 100 with " +
      "nopreempt, A kept the VIP.",
    reportedBy: "none",
  },
  messages: {
    weightedChecks: (data: { instance: string; count: number; checks: string }) =>
      `${data.instance} has nopreempt and its HAProxy check${data.count > 1 ? "s" : ""} ${data.checks} ` +
      `${data.count > 1 ? "are" : "is"} weighted: a backup with nopreempt never takes over from a live master, so an ` +
      `HAProxy failure on the master only lowers its priority and the VIP stays there (use weight 0 for the ` +
      `HAProxy check so that the failure means FAULT, or remove nopreempt)`,
  },
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        if (!inst.nopreempt) continue;
        const tr = sharedTrackers(ctx.simulations, node, inst);
        if (!tr?.nopreempt) continue;
        const hp = tr.active.filter((t) => t.watchesHaproxy);
        if (hp.length === 0 || hp.some((t) => t.weight === 0)) continue;
        const list = hp
          .map((t) => `${t.kind === "process" ? "track_process" : ""}'${t.name}' (weight ${t.weight})`)
          .join(", ");
        ctx.report({
          ...at(inst.nopreempt),
          messageId: "weightedChecks",
          data: { instance: inst.name, count: hp.length, checks: list },
          related: hp.map((t) => ({
            file: t.location.file,
            range: t.location.range,
            message: `weighted HAProxy tracker '${t.name}'`,
          })),
        });
      }
    }
  },
});
