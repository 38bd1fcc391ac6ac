import { instanceTrackers } from "../../simulate/trackers.js";
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
      "For an instance whose base priority is 255 (written, or implied by `state MASTER` without `priority`), reports every track_script and track_interface entry with a non-zero weight: keepalived removes both.",
    why: "An address owner always advertises priority 255, so keepalived discards weights on it: a weighted HAProxy check on the owner never lowers its priority and the VIP never leaves it while HAProxy is down. The implicit case is the surprising one: `state MASTER` with the priority line forgotten makes the node an owner.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() 'ignoring tracked script %s with weights due to address_owner'",
      "keepalived keepalived/vrrp/vrrp.c: 'If no priority has been set, derive it from the initial state'",
    ],
    bad: "vrrp_instance VI_1 {\n    state MASTER\n    track_script {\n        chk_haproxy weight -30\n    }\n}\n",
    good: "vrrp_instance VI_1 {\n    state MASTER\n    priority 150\n    track_script {\n        chk_haproxy weight -30\n    }\n}\n",
    realTool:
      "keepalived -t reports 'ignoring tracked script X with weights due to address_owner' (a message only; the configuration is otherwise accepted).",
    reportedBy: "keepalived -t",
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
        for (const d of instanceTrackers(node, inst).dropped) {
          if (d.rule !== "KA009" || d.kind !== "script") continue;
          ctx.report({
            ...at(d.location),
            message: `${inst.name}: ${why}, so keepalived removes the weighted track_script '${d.name}': its failures never lower the priority or move the VIP (${advice})`,
          });
        }
        for (const ti of inst.trackInterfaces) {
          if (ti.weight === 0 || ti.name === inst.interface?.value) continue;
          ctx.report({
            ...at(ti.location),
            message: `${inst.name}: ${why}, so keepalived stops tracking the weighted track_interface '${ti.name}': the interface going down no longer affects the instance (${advice})`,
          });
        }
      }
    }
  },
  cases: {
    valid: [
      {
        name: "explicit priority below 255",
        files: {
          "keepalived.conf":
            'vrrp_script chk {\n  script "/usr/bin/pgrep haproxy"\n}\nvrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 150\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n  track_script {\n    chk weight -30\n  }\n}\n',
        },
      },
      {
        name: "owner with a weight-0 check",
        files: {
          "keepalived.conf":
            'vrrp_script chk {\n  script "/usr/bin/pgrep haproxy"\n}\nvrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 255\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n  track_script {\n    chk\n  }\n}\n',
        },
      },
    ],
    invalid: [
      {
        name: "state MASTER without priority",
        files: {
          "keepalived.conf":
            'global_defs {\n  enable_script_security\n  script_user root\n}\nvrrp_script chk_haproxy {\n  script "/usr/bin/pgrep haproxy"\n  weight -30\n}\nvrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n  track_script {\n    chk_haproxy\n  }\n}\n',
        },
        realTool: "ignoring tracked script chk_haproxy with weights due to address_owner",
        expect: [{ line: 17, message: "state MASTER with no priority" }],
      },
      {
        name: "priority 255 with a weighted interface",
        files: {
          "keepalived.conf":
            "vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 255\n  track_interface {\n    eth1 weight -20\n  }\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n",
        },
        expect: [{ line: 7, message: "stops tracking the weighted track_interface 'eth1'" }],
      },
    ],
  },
});
