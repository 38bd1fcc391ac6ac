import { defineRule } from "../rule.js";
import { nodeBinds, nodeVips } from "./router-view.js";

export default defineRule({
  id: "HA014",
  name: "wildcard-bind-with-vip",
  severity: "warning",
  scope: "cluster",
  docs: {
    summary: "HAProxy listens on every address (`*:port`, `:port`, `0.0.0.0`, `::`) on a node that carries a VIP.",
    description: "Reports binds of frontends and listens on a wildcard address on nodes that have VRRP VIPs.",
    why:
      "A wildcard bind answers on the VIP but also on the node's own addresses, on both nodes at once: clients (and " +
      "monitoring) can bypass the VIP, reach the standby, and keep working against a node that is about to be taken " +
      "out; firewall rules are the only protection left. Binding the VIP itself (with net.ipv4.ip_nonlocal_bind=1) " +
      "serves only where the VIP is.",
    sources: [
      "HAProxy configuration manual 5.1 bind (':port', '*:port', '0.0.0.0' all mean any address)",
      "SEMANTICS.md 2.3",
    ],
    bad: "frontend postgres\n    bind *:5000\n",
    good: "frontend postgres\n    bind 192.0.2.100:5000   # the VIP, with net.ipv4.ip_nonlocal_bind=1\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  messages: {
    everyAddress: (data: { proxy: string; address: string; node: string; vips: string; target: string }) =>
      `'${data.proxy}' binds ${data.address}, every address of ${data.node}: it answers on the node's own addresses ` +
      `as well as on the VIP ${data.vips}, on both nodes at once, so clients can bypass the VIP. Bind ${data.target} ` +
      `instead (with net.ipv4.ip_nonlocal_bind=1).`,
  },
  check(ctx) {
    for (const cluster of ctx.clusters) {
      for (const node of cluster.nodes) {
        const vips = [...nodeVips(node)];
        if (vips.length === 0) continue;
        for (const { bind, proxy } of nodeBinds(node)) {
          for (const a of bind.addresses) {
            if (!a.wildcard || a.variables !== undefined || (a.family !== 4 && a.family !== 6)) continue;
            const sameFamily = vips.filter((v) => (v.includes(":") ? 6 : 4) === a.family || a.family === 6);
            const target = sameFamily.length === 1 ? `${sameFamily[0]}${a.port ? `:${a.port}` : ""}` : undefined;
            ctx.report({
              file: bind.location.file,
              range: bind.location.range,
              messageId: "everyAddress",
              data: {
                proxy,
                address: a.text,
                node: node.name,
                vips: sameFamily.join(", ") || vips.join(", "),
                target: target ?? "the VIP",
              },
              fixes:
                target && a.location
                  ? [
                      {
                        description: `Bind ${target}`,
                        safe: false,
                        edits: [{ file: a.location.file, range: a.location.range, newText: target }],
                      },
                    ]
                  : undefined,
            });
          }
        }
      }
    }
  },
});
