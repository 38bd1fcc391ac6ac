import { normaliseAddress, sameAddress } from "../../model/ip-address.js";
import type { Node } from "../../model/types.js";
import { atLeast, DEFAULT_VERSIONS } from "../../schema/versions.js";
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
      "keepalived binds its VRRP socket to unicast_src_ip. Before 2.3.3 an address the node does not have makes the " +
      "bind fail and the instance stays in FAULT ('entering FAULT state (src address not configured)'), so that node " +
      "never takes the VIP. From 2.3.3 the socket is opened with IP_FREEBIND and the bind succeeds: the node sends " +
      "from the address and listens on it, where its peers do not send, so it hears no adverts and stays MASTER " +
      "whenever another node should be (the lab shows both on 2.2.7 and 2.3.4: test/lab/clusters.ts " +
      "unicast-src-not-on-node). A copied address is dropped by the node that has it (a packet from one of its own " +
      "addresses). A VIP as source is such an address on every node that does not hold the VIP yet. Where the " +
      "node's addresses are given (.ha-lint.yaml `addresses`, `ip -j addr` host facts), a source outside them is " +
      "reported too.",
    sources: [
      "keepalived 2.2.7 keepalived/vrrp/vrrp.c open_sockpool_socket() / open_vrrp_read_socket() ('entering FAULT " +
        "state (src address not configured)')",
      "keepalived 2.3.3 keepalived/vrrp/vrrp.c open_vrrp_send_socket() / open_vrrp_read_socket() (IP_FREEBIND, " +
        "commit b48f005a)",
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
    sourceIsVip: (data: { src: string; node: string; consequence: string }) =>
      `unicast_src_ip ${data.src} of ${data.node} is a VIP, an address ${data.node} has only while it holds the VIP: ` +
      `${data.consequence}. Use the node's own address.`,
    copiedSource: (data: { src: string; wrong: string; right: string; consequence: string }) =>
      `unicast_src_ip ${data.src} of ${data.wrong} is ${data.right}'s address (${data.wrong} lists it as its peer): ` +
      `${data.consequence}. Set ${data.wrong}'s own address.`,
    sharedSource: (data: { src: string; wrong: string; right: string }) =>
      `${data.wrong} and ${data.right} both send from unicast_src_ip ${data.src} (a copied configuration?): at most ` +
      `one of them has that address. Set each node's own address.`,
    undeclaredSource: (data: { src: string; node: string; declaredBy: string; consequence: string }) =>
      `unicast_src_ip ${data.src} is not an address of ${data.node} (${data.declaredBy} gives its addresses): ` +
      `${data.consequence}. Set ${data.node}'s own address.`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      const vips = clusterVips(view.cluster);
      for (const m of view.members) {
        const src = m.instance.unicastSrcIp;
        if (!src) continue;
        const consequence = notOwnSource(m.node, false);
        if (vips.has(normaliseAddress(src.value)))
          ctx.report({
            file: src.location.file,
            range: src.location.range,
            messageId: "sourceIsVip",
            data: { src: src.value, node: m.node.name, consequence },
          });
        else if (m.instance.unicastSrcUndeclared)
          ctx.report({
            file: src.location.file,
            range: src.location.range,
            messageId: "undeclaredSource",
            data: { src: src.value, node: m.node.name, declaredBy: m.instance.unicastSrcUndeclared, consequence },
          });
      }
      for (const [a, b] of memberPairs(view.members)) {
        const sa = a.instance.unicastSrcIp;
        const sb = b.instance.unicastSrcIp;
        if (!sa || !sb || !sameAddress(sa.value, sb.value)) continue;
        const [wrong, right, ws, rs] = a.instance.unicastSrcConflict ? [a, b, sa, sb] : [b, a, sb, sa];
        const copied = wrong.instance.unicastSrcConflict !== undefined && !wrong.instance.unicastSrcUndeclared;
        const data = { src: ws.value, wrong: wrong.node.name, right: right.node.name };
        ctx.report({
          file: ws.location.file,
          range: ws.location.range,
          ...(copied
            ? { messageId: "copiedSource" as const, data: { ...data, consequence: notOwnSource(wrong.node, true) } }
            : { messageId: "sharedSource" as const, data }),
          related: [related(rs.location, `${right.node.name}'s unicast_src_ip`)],
        });
      }
    }
  },
});

/** What keepalived on the node does with a unicast_src_ip it does not have, at the node's version. */
function notOwnSource(node: Node, copied: boolean): string {
  const version = node.keepalivedVersion ?? DEFAULT_VERSIONS.keepalived;
  if (!atLeast("keepalived", version, "2.3.3"))
    return (
      `keepalived ${version} on ${node.name} cannot bind its VRRP socket to it and the instance stays in FAULT ` +
      `('src address not configured'), so ${node.name} never takes the VIP`
    );
  const heard = copied
    ? "the node that has the address drops adverts sent from it, and"
    : "its peers send their adverts to its real address, so";
  return (
    `keepalived ${version} on ${node.name} binds it anyway (IP_FREEBIND) and listens on it: ${heard} ` +
    `${node.name} hears none and stays MASTER whenever another node should be (split brain)`
  );
}
