import { normaliseAddress, parseIpAddress, sameAddress } from "../../model/ip-address.js";
import { defineRule } from "../rule.js";
import { clusterVips, isLoopback, nodeBinds } from "./router-view.js";

export default defineRule({
  id: "HA015",
  name: "bind-address-unknown",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "HAProxy binds an address that is neither an address of the node nor a VIP of the cluster.",
    description:
      "Compares each specific bind address of a node's haproxy.cfg with the cluster's VIPs and the node's known " +
      "addresses (its unicast_src_ip values, and the addresses a .ha-lint.yaml manifest gives). Runs only when the " +
      "node's addresses are known.",
    why:
      "Usually a typo (192.0.2.10 for the VIP 192.0.2.100) or a config copied from another cluster: the bind fails at " +
      "start-up ('Cannot assign requested address') or, with ip_nonlocal_bind=1, succeeds silently and serves an " +
      "address nobody routes to this node.",
    sources: ["HAProxy configuration manual 5.1 bind", "SEMANTICS.md 2.3"],
    bad: "frontend web\n    bind 192.0.2.10:80     # the VIP is 192.0.2.100\n",
    good: "frontend web\n    bind 192.0.2.100:80\n",
    realTool: "haproxy -c does not bind; HAProxy fails at start or serves nothing.",
    reportedBy: "runtime",
  },
  messages: {
    unknownAddress: (data: { proxy: string; address: string; node: string; addresses: string; vips: string }) =>
      `'${data.proxy}' binds ${data.address}, which is neither an address of ${data.node} (${data.addresses}) nor a ` +
      `VIP of the cluster (${data.vips}): HAProxy fails to start with 'Cannot assign requested address', or serves ` +
      `an address nobody routes here`,
  },
  check(ctx) {
    for (const cluster of ctx.clusters) {
      const vips = clusterVips(cluster);
      for (const node of cluster.nodes) {
        if (node.addresses.length === 0) continue;
        for (const { bind, proxy } of nodeBinds(node)) {
          for (const a of bind.addresses) {
            if (a.wildcard || !parseIpAddress(a.host) || isLoopback(a.host)) continue;
            if (vips.has(normaliseAddress(a.host)) || node.addresses.some((n) => sameAddress(n, a.host))) continue;
            ctx.report({
              file: bind.location.file,
              range: bind.location.range,
              messageId: "unknownAddress",
              data: {
                proxy,
                address: a.host,
                node: node.name,
                addresses: node.addresses.join(", "),
                vips: [...vips].slice(0, 8).join(", ") || "none",
              },
            });
          }
        }
      }
    }
  },
});
