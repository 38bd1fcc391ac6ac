import { normaliseAddress, sameAddress } from "../../model/ip-address.js";
import { defineRule } from "../rule.js";
import { clusterVips, memberPairs, related, routers } from "./router-view.js";

export default defineRule({
  id: "HA024",
  name: "unicast-src-not-node-address",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "unicast_src_ip is not an address of the node: one of the cluster's VIPs, or the address of another node.",
    description:
      "Checks each unicast_src_ip, as keepalived reads it (a '/prefix' or '-range' dropped), against the cluster: " +
      "it must not be one of the cluster's VIPs, and two nodes must not use the same one (a configuration copied " +
      "from the other node: the copy lists the address as its peer too).",
    why:
      "keepalived binds its VRRP socket to unicast_src_ip. An address the node does not have makes the bind fail and " +
      "the instance stays in FAULT ('entering FAULT state (src address not configured)'), so that node never takes " +
      "the VIP. A VIP as source is such an address on every node that does not hold the VIP yet, and two nodes with " +
      "the same source address look like one node to their peers.",
    sources: [
      "keepalived 2.2.7 keepalived/vrrp/vrrp.c open_sockpool_socket() / open_vrrp_read_socket() ('entering FAULT " +
        "state (src address not configured)')",
      "keepalived 2.2.7 lib/utils.c inet_stosockaddr() (the address as keepalived reads it)",
      "keepalived.conf(5) unicast_src_ip",
      "SEMANTICS.md 1.6",
    ],
    bad: "# lb02 (copied from lb01)\nunicast_src_ip 198.51.100.11\n",
    good: "# lb02\nunicast_src_ip 198.51.100.12\n",
    realTool: "Neither tool; the running daemon logs the FAULT.",
    reportedBy: "runtime",
  },
  messages: {
    sourceIsVip: (p: { src: string; node: string }) =>
      `unicast_src_ip ${p.src} of ${p.node} is a VIP: while ${p.node} does not hold it, keepalived cannot bind its ` +
      `VRRP socket to it and the instance stays in FAULT ('src address not configured'), so it never takes the ` +
      `VIP. Use the node's own address.`,
    copiedSource: (p: { src: string; wrong: string; right: string }) =>
      `unicast_src_ip ${p.src} of ${p.wrong} is ${p.right}'s address (${p.wrong} lists it as its peer): keepalived ` +
      `on ${p.wrong} cannot bind to it and the instance stays in FAULT ('src address not configured'), so ` +
      `${p.wrong} can never take the VIP. Set ${p.wrong}'s own address.`,
    sharedSource: (p: { src: string; wrong: string; right: string }) =>
      `${p.wrong} and ${p.right} both send from unicast_src_ip ${p.src} (a copied configuration?): at most one of ` +
      `them has that address. Set each node's own address.`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      const vips = clusterVips(view.cluster);
      for (const m of view.members) {
        const src = m.instance.unicastSrcIp;
        if (src && vips.has(normaliseAddress(src.value)))
          ctx.report({
            file: src.location.file,
            range: src.location.range,
            messageId: "sourceIsVip",
            data: { src: src.value, node: m.node.name },
          });
      }
      for (const [a, b] of memberPairs(view.members)) {
        const sa = a.instance.unicastSrcIp;
        const sb = b.instance.unicastSrcIp;
        if (!sa || !sb || !sameAddress(sa.value, sb.value)) continue;
        const [wrong, right, ws, rs] = a.instance.unicastSrcConflict ? [a, b, sa, sb] : [b, a, sb, sa];
        ctx.report({
          file: ws.location.file,
          range: ws.location.range,
          messageId: wrong.instance.unicastSrcConflict ? "copiedSource" : "sharedSource",
          data: { src: ws.value, wrong: wrong.node.name, right: right.node.name },
          related: [related(rs.location, `${right.node.name}'s unicast_src_ip`)],
        });
      }
    }
  },
});
