import { shellText } from "../../simulate/script-text.js";
import { trackersOf } from "../../simulate/scenarios.js";
import { defineRule } from "../rule.js";
import { routers } from "./router-view.js";

export default defineRule({
  id: "HA020",
  name: "check-depends-on-vip",
  severity: "warning",
  scope: "cluster",
  docs: {
    summary:
      "The HAProxy check probes the VIP (or looks for it on the node), so its result depends on who holds the VIP.",
    description:
      "Looks for the router's VIP addresses in the command and script file of every tracked vrrp_script (`curl " +
      "http://VIP/`, `ip addr | grep VIP`).",
    why:
      "On the backup the VIP is elsewhere, so a check through the VIP tests the other node (or always fails): the " +
      "backup's priority drops or it goes to FAULT exactly when it should be ready, failback never happens or the " +
      "pair flaps.",
    sources: ["keepalived.conf(5) vrrp_script", "SEMANTICS.md 1.2"],
    bad: 'vrrp_script chk_haproxy {\n    script "/usr/bin/curl -sf http://192.0.2.100/health"\n}\n',
    good: 'vrrp_script chk_haproxy {\n    script "/usr/bin/curl -sf http://127.0.0.1:8404/health"\n}\n',
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  messages: {
    checkUsesVip: (data: { check: string; node: string; vip: string; inFile: string }) =>
      `the check '${data.check}' on ${data.node} uses the VIP ${data.vip}${data.inFile}: on the backup the VIP is on ` +
      `another node, so the check tests the wrong node or fails there. Probe the local HAProxy (127.0.0.1 or the ` +
      `node's own address) instead.`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      for (const m of view.members) {
        const vips = m.instance.vips.map((v) => v.address);
        for (const t of trackersOf(view.simulation.trackers, m).active) {
          const cmd = t.script?.command;
          if (!cmd) continue;
          const text = `${cmd.args.join(" ")}\n${shellText(cmd.fileText ?? "")}`;
          const vip = vips.find((v) =>
            new RegExp(`(^|[^0-9.])${v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^0-9]|$)`).test(text),
          );
          if (!vip) continue;
          ctx.report({
            file: cmd.location.file,
            range: cmd.location.range,
            messageId: "checkUsesVip",
            data: {
              check: t.name,
              node: m.node.name,
              vip,
              inFile: cmd.fileText && !cmd.args.join(" ").includes(vip) ? ` (in ${cmd.args[0]})` : "",
            },
          });
        }
      }
    }
  },
});
