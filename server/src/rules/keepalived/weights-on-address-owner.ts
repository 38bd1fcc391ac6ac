import { sharedTrackers } from "../../simulation.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA009",
  name: "weights-on-address-owner",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "Weighted trackers on an address owner (priority 255, or state MASTER with no priority): keepalived removes them.",
    description:
      "For an instance whose base priority is 255 (written, or implied by `state MASTER` without `priority`), " +
      "reports every track_script and track_interface entry with a non-zero weight: keepalived removes both.",
    why:
      "An address owner always advertises priority 255, so keepalived discards weights on it: a weighted HAProxy " +
      "check on the owner never lowers its priority and the VIP never leaves it while HAProxy is down. The implicit " +
      "case is the surprising one: `state MASTER` with the priority line forgotten makes the node an owner.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() at v2.2.7: 'ignoring tracked script %s with " +
        "weights due to address_owner' (free_track_script()), 'ignoring %s tracked interface due to address owner' " +
        "(free_track_if())",
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() at v2.2.7: 'If no priority has been set, derive " +
        "it from the initial state' (state MASTER -> 255)",
    ],
    bad: "vrrp_instance VI_1 {\n    state MASTER\n    track_script {\n        chk_haproxy weight -30\n    }\n}\n",
    good:
      "vrrp_instance VI_1 {\n    state MASTER\n    priority 150\n    track_script {\n        chk_haproxy weight -30\n" +
      "    }\n}\n",
    realTool:
      "keepalived -t reports '(VI_1) ignoring tracked script X with weights due to address_owner' and '(VI_1) " +
      "ignoring X tracked interface due to address owner' (no line: the instance's block; exit 5).",
    reportedBy: "keepalived -t",
  },
  messages: {
    scriptRemoved: (data: { instance: string; why: string; name: string; advice: string }) =>
      `${data.instance}: ${data.why}, so keepalived removes the weighted track_script '${data.name}': its failures ` +
      `never lower the priority or move the VIP (${data.advice})`,
    interfaceRemoved: (data: { instance: string; why: string; name: string; advice: string }) =>
      `${data.instance}: ${data.why}, so keepalived stops tracking the weighted track_interface '${data.name}': the ` +
      `interface going down no longer affects the instance (${data.advice})`,
  },
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        if (inst.basePriority !== 255) continue;
        const why = inst.priority
          ? "priority 255 makes it the address owner"
          : "state MASTER with no priority makes it the address owner (priority 255)";
        const advice = inst.priority
          ? "lower the priority below 255, or use weight 0 to put the owner in FAULT"
          : "add an explicit priority below 255, e.g. priority 150";
        for (const d of sharedTrackers(ctx.simulations, node, inst)?.dropped ?? []) {
          if (d.rule !== "KA009" || d.kind !== "script") continue;
          const data = { instance: inst.name, why, name: d.name, advice };
          ctx.report({ ...at(d.location), messageId: "scriptRemoved", data });
        }
        for (const ti of inst.trackInterfaces) {
          if (ti.weight === 0 || ti.name === inst.interface?.value) continue;
          const data = { instance: inst.name, why, name: ti.name, advice };
          ctx.report({ ...at(ti.location), messageId: "interfaceRemoved", data });
        }
      }
    }
  },
});
