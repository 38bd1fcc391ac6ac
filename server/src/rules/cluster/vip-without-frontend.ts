import { sameAddress } from "../../model/ip-address.js";
import { defineRule } from "../rule.js";
import { nodeBinds } from "./router-view.js";

export default defineRule({
  id: "HA016",
  name: "vip-without-frontend",
  severity: "warning",
  scope: "cluster",
  docs: {
    summary: "A VIP that no HAProxy frontend of the node listens on.",
    description:
      "For every VIP of a node that runs HAProxy, looks for a frontend or listen bound to that address or to a " +
      "wildcard of its family.",
    why:
      "The VIP moves between nodes so that clients reach HAProxy through it; a VIP nothing listens on answers pings " +
      "but refuses connections, which usually means a frontend was bound to a wrong or old address.",
    sources: ["HAProxy configuration manual 5.1 bind", "keepalived.conf(5) virtual_ipaddress"],
    bad: "# keepalived: virtual_ipaddress { 192.0.2.100/24 }\nfrontend web\n    bind 192.0.2.200:80\n",
    good: "frontend web\n    bind 192.0.2.100:80\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  messages: {
    noFrontend: (data: { name: string; address: string }) =>
      `no frontend of ${data.name}'s haproxy.cfg listens on the VIP ${data.address}: clients reaching it get ` +
      `connection refused. Bind it in a frontend (bind ${data.address}:PORT).`,
  },
  check(ctx) {
    for (const cluster of ctx.clusters) {
      for (const node of cluster.nodes) {
        if (!node.haproxy) continue;
        const binds = [...nodeBinds(node)];
        for (const inst of node.keepalived?.instances ?? []) {
          for (const vip of inst.vips) {
            const served = binds.some(({ bind }) =>
              bind.addresses.some(
                (a) => (a.wildcard && (a.family === vip.family || a.family === 6)) || sameAddress(a.host, vip.address),
              ),
            );
            if (served) continue;
            ctx.report({
              file: vip.location.file,
              range: vip.location.range,
              messageId: "noFrontend",
              data: { name: node.name, address: vip.address },
              related: [
                {
                  file: node.haproxy.file,
                  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                  message: `${node.name}'s haproxy.cfg`,
                },
              ],
            });
          }
        }
      }
    }
  },
});
