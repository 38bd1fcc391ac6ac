import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA011",
  name: "track-own-interface",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "track_interface lists the instance's own interface; keepalived ignores the entry, weight included.",
    description: "Reports a `track_interface` entry naming the same interface as the instance's `interface` line.",
    why:
      "keepalived already tracks the instance's own interface (it goes to FAULT when it is down, unless " +
      "dont_track_primary), so it ignores a track_interface entry for it, and with it any weight written there. A " +
      "`weight -50` meant to move the VIP when the link drops therefore does nothing; the link loss acts through " +
      "FAULT instead.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() 'Ignoring track_interface %s since own interface'",
      "keepalived.conf(5) track_interface, dont_track_primary",
    ],
    bad: "vrrp_instance VI_1 {\n    interface eth0\n    track_interface {\n        eth0 weight -50\n    }\n}\n",
    good: "vrrp_instance VI_1 {\n    interface eth0\n    track_interface {\n        eth1 weight -50\n    }\n}\n",
    realTool: "keepalived -t reports 'Ignoring track_interface eth0 since own interface' (rc 5).",
    reportedBy: "keepalived -t",
  },
  messages: {
    ownInterface: (data: { interface: string; instance: string; weight: number | undefined; own: string }) =>
      `track_interface '${data.interface}' is ${data.instance}'s own interface; keepalived ignores this ` +
      `entry${data.weight !== undefined ? ` and its weight ${data.weight}` : ""} (it already goes to FAULT when ` +
      `${data.own} is down): remove the line`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const own = inst.interface?.value;
        if (!own) continue;
        for (const ti of inst.trackInterfaces) {
          if (ti.name !== own) continue;
          ctx.report({
            ...at(ti.location),
            messageId: "ownInterface",
            data: {
              interface: ti.name,
              instance: inst.name,
              weight: ti.writtenWeight?.value,
              own,
            },
            fixes: [
              {
                description: `Remove the ignored track_interface entry '${ti.name}'`,
                safe: true,
                edits: [{ file: ti.location.file, range: ti.location.range, newText: "" }],
              },
            ],
          });
        }
      }
    }
  },
});
