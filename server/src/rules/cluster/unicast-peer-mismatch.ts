import { sameAddress } from "../../model/ip-address.js";
import { isUnicast, sourceAddress, type Member } from "../../simulate/hearing.js";
import { defineRule } from "../rule.js";
import { related, routers } from "./router-view.js";

/** How ha-lint knows the address a member sends from: its unicast_src_ip, or the node's address from the manifest. */
function via(m: Member): string {
  return m.instance.unicastSrcIp ? "its unicast_src_ip" : "its interface's address, as the manifest gives it";
}

export default defineRule({
  id: "HA003",
  name: "unicast-peer-mismatch",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "A node's unicast_peer list lacks the address another node sends from (or check_unicast_src excludes it).",
    description:
      "For every pair of nodes of a virtual router that both use unicast, checks in both directions that the " +
      "sender's unicast_peer list contains the address the receiver sends from, and that a receiver that checks " +
      "unicast sources (check_unicast_src, or min_ttl/max_ttl on a peer) lists the sender's address. The address a " +
      "node sends from is its unicast_src_ip (keepalived drops a '/prefix' or '-range' from it); without one, " +
      "keepalived sends from the primary address of the instance's own interface, which ha-lint knows only from a " +
      ".ha-lint.yaml manifest: an address of another instance, perhaps on another interface, is not taken for it.",
    why:
      "A node sends its adverts only to the addresses in its unicast_peer list. If the list misses the other node, " +
      "that node never hears it, concludes the master is dead and takes the VIP too: split-brain. When only the " +
      "lower-priority node's list is wrong the pair looks healthy until that node becomes master, so both directions " +
      "must be checked.",
    sources: [
      "keepalived 2.2.7 keepalived/vrrp/vrrp.c vrrp_check_packet() ('not a unicast peer'), set_vrrp_src_addr() (the " +
        "source without unicast_src_ip: the instance's own interface)",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_data.c alloc_vrrp_unicast_peer() (min_ttl/max_ttl turn on the source " +
        "check)",
      "keepalived 2.2.7 lib/utils.c inet_stosockaddr() (the addresses as keepalived reads them)",
      "keepalived.conf(5) unicast_peer, check_unicast_src",
      "SEMANTICS.md 1.6 (verified live)",
    ],
    bad: "# lb01\nunicast_src_ip 198.51.100.11\nunicast_peer {\n    198.51.100.21   # typo: lb02 is 198.51.100.12\n}\n",
    good: "# lb01\nunicast_src_ip 198.51.100.11\nunicast_peer {\n    198.51.100.12\n}\n",
    realTool: "Neither tool: each file is valid on its own; only the running daemons diverge.",
    reportedBy: "none",
  },
  messages: {
    missingPeer: (data: { from: string; to: string; dest: string; via: string }) =>
      `${data.from}'s unicast_peer list does not contain ${data.dest}, the address ${data.to} sends from ` +
      `(${data.via}): ${data.from} sends its adverts only to the listed peers, so ${data.to} never hears it and ` +
      `takes the VIP as well when ${data.from} is master (split-brain). Add ${data.dest} to ${data.from}'s ` +
      `unicast_peer block.`,
    missingPeerTypo: (data: { from: string; to: string; dest: string; via: string; typo: string }) =>
      `${data.from}'s unicast_peer list does not contain ${data.dest}, the address ${data.to} sends from ` +
      `(${data.via}); it lists ${data.typo}, which is no node's address: ${data.to} never hears ${data.from} and ` +
      `takes the VIP as well when ${data.from} is master (split-brain). Replace ${data.typo} with ${data.dest}.`,
    sourceNotListed: (data: { from: string; to: string; src: string }) =>
      `${data.to} checks the sources of unicast adverts (check_unicast_src, or min_ttl/max_ttl on a peer) but its ` +
      `unicast_peer list lacks ${data.from}'s source ${data.src}: it drops ${data.from}'s adverts ('not a unicast ` +
      `peer') and takes the VIP as well (split-brain)`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      for (const from of view.members) {
        for (const to of view.members) {
          if (from.node === to.node || !isUnicast(from.instance) || !isUnicast(to.instance)) continue;
          const dest = sourceAddress(to);
          const peers = from.instance.unicastPeers;
          if (dest !== undefined && !peers.some((p) => sameAddress(p.address, dest))) {
            const where = from.instance.unicastBlock ?? from.instance.nameLocation;
            const srcLoc = to.instance.unicastSrcIp?.location ?? to.instance.nameLocation;
            // "No node's address" only when no node of the analysis has it: an address another instance of a node
            // sends from (that node's unicast_src_ip elsewhere) is that node's, and adverts sent there reach it.
            const known = [
              ...view.members.map((m) => sourceAddress(m)).filter((a): a is string => a !== undefined),
              ...ctx.clusters.flatMap((c) => c.nodes.flatMap((n) => n.addresses)),
            ];
            const strangers = peers.filter((p) => !known.some((a) => sameAddress(a, p.address)));
            const typo = strangers.length === 1 ? strangers[0] : undefined;
            const data = { from: from.node.name, to: to.node.name, dest, via: via(to) };
            const rel = [related(srcLoc, `${to.node.name} sends from ${dest}`)];
            if (typo)
              ctx.report({
                file: typo.location.file,
                range: typo.location.range,
                messageId: "missingPeerTypo",
                data: { ...data, typo: typo.address },
                related: rel,
                fixes: [
                  {
                    description: `Replace ${typo.address} with ${dest}`,
                    safe: true,
                    edits: [{ file: typo.location.file, range: typo.location.range, newText: dest }],
                  },
                ],
              });
            else ctx.report({ file: where.file, range: where.range, messageId: "missingPeer", data, related: rel });
          }
          const src = sourceAddress(from);
          if (
            to.instance.checkUnicastSrc &&
            src !== undefined &&
            !to.instance.unicastPeers.some((p) => sameAddress(p.address, src))
          ) {
            const where = to.instance.unicastBlock ?? to.instance.nameLocation;
            ctx.report({
              file: where.file,
              range: where.range,
              messageId: "sourceNotListed",
              data: { from: from.node.name, to: to.node.name, src },
              related: [
                related(
                  from.instance.unicastSrcIp?.location ?? from.instance.nameLocation,
                  `${from.node.name} sends from ${src}`,
                ),
              ],
            });
          }
        }
      }
    }
  },
});
