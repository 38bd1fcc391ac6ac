import { instanceTrackers } from "../../simulate/trackers.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA010",
  name: "weights-in-sync-group",
  severity: "error",
  scope: "keepalived",
  docs: {
    summary:
      "Weighted trackers in a vrrp_sync_group member without sync_group_tracking_weight: keepalived removes or neutralises them.",
    description:
      "For every vrrp_instance that belongs to a vrrp_sync_group lacking `sync_group_tracking_weight`, reports weighted track_script entries (removed), weighted track_interface entries (set to weight 0, so the interface becomes a FAULT trigger) and track_file entries (default weight set to 0, explicit weights removed).",
    why: "Members of a sync group must change state together, so keepalived refuses floating priorities in them unless told otherwise. A `weight -30` HAProxy check in a sync-group member is removed at start-up: HAProxy failing never moves the VIP, and the daemon even logs the script as unused. The man page says weights are 'set to zero'; the source removes weighted scripts.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() 'ignoring tracked script %s with weights due to SYNC group'",
      "keepalived.conf(5) vrrp_sync_group sync_group_tracking_weight",
    ],
    bad: "vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n    }\n}\nvrrp_instance VI_1 {\n    track_script {\n        chk_haproxy weight -30\n    }\n}\n",
    good: "vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n    }\n    sync_group_tracking_weight\n}\nvrrp_instance VI_1 {\n    track_script {\n        chk_haproxy weight -30\n    }\n}\n",
    realTool:
      "keepalived -t reports 'ignoring tracked script X with weights due to SYNC group' and 'ignoring IF tracked interface weight due to SYNC group' (rc 5); the daemon starts without the weights.",
    reportedBy: "keepalived -t",
  },
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const group = inst.syncGroup ? config.syncGroups.find((g) => g.name === inst.syncGroup) : undefined;
        if (!group || group.trackingWeight) continue;
        const fix = `add sync_group_tracking_weight to vrrp_sync_group ${group.name}, or use weight 0`;
        const own = new Set(inst.trackScripts.map((t) => t.location));
        for (const d of instanceTrackers(node, inst).dropped) {
          if (d.rule !== "KA010" || d.kind !== "script" || !own.has(d.location)) continue;
          ctx.report({
            ...at(d.location),
            message: `${inst.name} is in vrrp_sync_group ${group.name} without sync_group_tracking_weight, so keepalived removes the weighted track_script '${d.name}': its failures never change the priority or move the VIP (${fix})`,
          });
        }
        for (const ti of inst.trackInterfaces) {
          if (ti.weight === 0 || ti.name === inst.interface?.value) continue;
          ctx.report({
            ...at(ti.location),
            message: `${inst.name} is in vrrp_sync_group ${group.name} without sync_group_tracking_weight, so keepalived sets the weight of track_interface '${ti.name}' to 0: the interface going down puts the whole group in FAULT instead of lowering the priority (${fix})`,
          });
        }
        for (const tf of inst.trackFiles) {
          if (tf.weight === 0) continue;
          ctx.report({
            ...at(tf.location),
            message:
              tf.weight === undefined || tf.weight === 1
                ? `${inst.name} is in vrrp_sync_group ${group.name} without sync_group_tracking_weight, so keepalived sets the weight of track_file '${tf.name}' to 0: a non-zero value in the file puts the group in FAULT (${fix}; write 'weight 0' to make it explicit)`
                : `${inst.name} is in vrrp_sync_group ${group.name} without sync_group_tracking_weight, so keepalived removes track_file '${tf.name}' (weight ${tf.weight}) (${fix})`,
          });
        }
      }
    }
  },
  cases: {
    valid: [
      {
        name: "sync_group_tracking_weight set",
        files: {
          "keepalived.conf":
            'vrrp_script chk {\n  script "/usr/bin/pgrep haproxy"\n  weight -30\n}\nvrrp_sync_group G1 {\n  group {\n    VI_1\n    VI_2\n  }\n  sync_group_tracking_weight\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority 120\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n  track_script {\n    chk\n  }\n}\nvrrp_instance VI_2 {\n  interface eth0\n  virtual_router_id 52\n  priority 120\n  virtual_ipaddress {\n    192.0.2.11/24\n  }\n}\n',
        },
      },
      {
        name: "weight-0 check in a sync group",
        files: {
          "keepalived.conf":
            'vrrp_script chk {\n  script "/usr/bin/pgrep haproxy"\n}\nvrrp_sync_group G1 {\n  group {\n    VI_1\n  }\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority 120\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n  track_script {\n    chk\n  }\n}\n',
        },
      },
    ],
    invalid: [
      {
        name: "weighted script and interface in a sync group",
        files: {
          "keepalived.conf":
            'global_defs {\n  script_user root\n  enable_script_security\n}\nvrrp_script chk_haproxy {\n  script "/usr/bin/pgrep haproxy"\n  weight -30\n}\nvrrp_sync_group G1 {\n  group {\n    VI_1\n    VI_2\n  }\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority 120\n  track_script {\n    chk_haproxy\n  }\n  track_interface {\n    ifb0 weight 10\n  }\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\nvrrp_instance VI_2 {\n  interface eth0\n  virtual_router_id 52\n  priority 120\n  virtual_ipaddress {\n    192.0.2.11/24\n  }\n}\n',
        },
        realTool: "ignoring tracked script chk_haproxy with weights due to SYNC group",
        expect: [
          { line: 20, message: "removes the weighted track_script 'chk_haproxy'" },
          { line: 23, message: "sets the weight of track_interface 'ifb0' to 0" },
        ],
      },
    ],
  },
});
