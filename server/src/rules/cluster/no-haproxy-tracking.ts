import { defineRule } from "../rule.js";
import { trackersOf } from "../../simulate/scenarios.js";
import { routers } from "./router-view.js";

export default defineRule({
  id: "HA011",
  name: "no-haproxy-tracking",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "A load-balancer node whose keepalived does not track HAProxy's health.",
    description:
      "For every VRRP instance on a node that runs HAProxy (the node has an haproxy.cfg), checks that some tracker " +
      "keepalived really uses watches HAProxy: a vrrp_script whose command or script file mentions haproxy, or a " +
      "vrrp_track_process for haproxy. Trackers dropped at start-up (undefined or late scripts, script security " +
      "without a user, weights removed in sync groups or on owners) do not count.",
    why:
      "keepalived moves the VIP when the node dies, not when HAProxy dies: without a tracker the VIP stays on a node " +
      "whose HAProxy has crashed or was stopped, and every request fails until someone intervenes.",
    sources: ["keepalived.conf(5) vrrp_script, track_script, vrrp_track_process", "SEMANTICS.md 1.2-1.3"],
    bad:
      "vrrp_instance VI_1 {\n    state MASTER\n    priority 120\n" +
      "    # no track_script: HAProxy dying does not move the VIP\n}\n",
    good:
      'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep -x haproxy"\n    weight -30\n}\nvrrp_instance VI_1 {\n' +
      "    track_script {\n        chk_haproxy\n    }\n}\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  messages: {
    checkDropped: (data: { node: string; instance: string; reason: string }) =>
      `${data.node} runs HAProxy but keepalived drops its HAProxy check for ${data.instance} (${data.reason}): when ` +
      `HAProxy dies the VIP stays on ${data.node}`,
    nothingTracked: (data: { node: string; instance: string }) =>
      `${data.node} runs HAProxy but ${data.instance} tracks nothing that watches it: when HAProxy dies the VIP ` +
      `stays on ${data.node}. Add a vrrp_script (e.g. "/usr/bin/pgrep -x haproxy" with a negative weight larger than ` +
      `the priority gap, or weight 0) and track it.`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      for (const m of view.members) {
        if (!m.node.haproxy) continue;
        const t = trackersOf(view.simulation.trackers, m);
        if (t.active.some((a) => a.watchesHaproxy)) continue;
        const dropped = t.dropped.filter((d) => d.watchesHaproxy);
        ctx.report({
          file: m.instance.nameLocation.file,
          range: m.instance.nameLocation.range,
          ...(dropped.length > 0
            ? {
                messageId: "checkDropped" as const,
                data: { node: m.node.name, instance: m.instance.name, reason: dropped[0].reason },
              }
            : { messageId: "nothingTracked" as const, data: { node: m.node.name, instance: m.instance.name } }),
        });
      }
    }
  },
});
