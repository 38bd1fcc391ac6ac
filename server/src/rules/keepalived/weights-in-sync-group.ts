import { sharedTrackers } from "../../simulation.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA010",
  name: "weights-in-sync-group",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "Weighted trackers in a vrrp_sync_group member without sync_group_tracking_weight: keepalived removes or " +
      "neutralises them.",
    description:
      "For every vrrp_instance that belongs to a vrrp_sync_group lacking `sync_group_tracking_weight`, reports " +
      "weighted track_script entries (removed), weighted track_interface entries (set to weight 0, so the interface " +
      "becomes a FAULT trigger) and track_file entries (default weight set to 0, explicit weights removed).",
    why:
      "Members of a sync group must change state together, so keepalived refuses floating priorities in them unless " +
      "told otherwise. A `weight -30` HAProxy check in a sync-group member is removed at start-up: HAProxy failing " +
      "never moves the VIP, and the daemon even logs the script as unused. The man page says weights are 'set to " +
      "zero'; the source removes weighted scripts.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() at v2.2.7: 'ignoring tracked script %s with " +
        "weights due to SYNC group' (free_track_script()), 'ignoring %s tracked interface weight due to SYNC group' " +
        "(weight 0), 'ignoring weight from tracked file %s due to SYNC group. specify weight 0' (default weight 1 -> " +
        "0), 'ignoring tracked file %s with weight %d due to SYNC group' (free_track_file_monitor())",
      "keepalived.conf(5) vrrp_sync_group sync_group_tracking_weight",
    ],
    bad:
      "vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n    }\n}\nvrrp_instance VI_1 {\n" +
      "    track_script {\n        chk_haproxy weight -30\n    }\n}\n",
    good:
      "vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n    }\n    sync_group_tracking_weight\n}\n" +
      "vrrp_instance VI_1 {\n    track_script {\n        chk_haproxy weight -30\n    }\n}\n",
    realTool:
      "keepalived -t reports 'ignoring tracked script X with weights due to SYNC group' and 'ignoring IF tracked " +
      "interface weight due to SYNC group' (rc 5); the daemon starts without the weights.",
    reportedBy: "keepalived -t",
  },
  messages: {
    scriptRemoved: (data: { instance: string; group: string; name: string; fix: string }) =>
      `${data.instance} is in vrrp_sync_group ${data.group} without sync_group_tracking_weight, so keepalived ` +
      `removes the weighted track_script '${data.name}': its failures never change the priority or move the VIP ` +
      `(${data.fix})`,
    interfaceZeroed: (data: { instance: string; group: string; name: string; fix: string }) =>
      `${data.instance} is in vrrp_sync_group ${data.group} without sync_group_tracking_weight, so keepalived sets ` +
      `the weight of track_interface '${data.name}' to 0: the interface going down puts the whole group in FAULT ` +
      `instead of lowering the priority (${data.fix})`,
    fileZeroed: (data: { instance: string; group: string; name: string; fix: string }) =>
      `${data.instance} is in vrrp_sync_group ${data.group} without sync_group_tracking_weight, so keepalived sets ` +
      `the weight of track_file '${data.name}' to 0: a non-zero value in the file puts the group in FAULT ` +
      `(${data.fix}; write 'weight 0' to make it explicit)`,
    fileRemoved: (data: { instance: string; group: string; name: string; fix: string; weight: number }) =>
      `${data.instance} is in vrrp_sync_group ${data.group} without sync_group_tracking_weight, so keepalived ` +
      `removes track_file '${data.name}' (weight ${data.weight}) (${data.fix})`,
  },
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const group = inst.syncGroup ? config.syncGroups.find((g) => g.name === inst.syncGroup) : undefined;
        if (!group || group.trackingWeight) continue;
        const fix = `add sync_group_tracking_weight to vrrp_sync_group ${group.name}, or use weight 0`;
        const own = new Set(inst.trackScripts.map((t) => t.location));
        for (const d of sharedTrackers(ctx.simulations, node, inst)?.dropped ?? []) {
          if (d.rule !== "KA010" || d.kind !== "script" || !own.has(d.location)) continue;
          const data = { instance: inst.name, group: group.name, name: d.name, fix };
          ctx.report({ ...at(d.location), messageId: "scriptRemoved", data });
        }
        for (const ti of inst.trackInterfaces) {
          if (ti.weight === 0 || ti.name === inst.interface?.value) continue;
          const data = { instance: inst.name, group: group.name, name: ti.name, fix };
          ctx.report({ ...at(ti.location), messageId: "interfaceZeroed", data });
        }
        for (const tf of inst.trackFiles) {
          if (tf.weight === 0) continue;
          const data = { instance: inst.name, group: group.name, name: tf.name, fix };
          if (tf.weight === undefined || tf.weight === 1)
            ctx.report({ ...at(tf.location), messageId: "fileZeroed", data });
          else ctx.report({ ...at(tf.location), messageId: "fileRemoved", data: { ...data, weight: tf.weight } });
        }
      }
    }
  },
});
