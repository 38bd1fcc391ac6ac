import { sameAddress } from "../../model/ip-address.js";
import { isUnicast, sourceAddress } from "../../simulate/hearing.js";
import { defineRule } from "../rule.js";
import { examplePair } from "./example-pair.js";
import { related, routers } from "./router-view.js";

export default defineRule({
  id: "HA003",
  name: "unicast-peer-mismatch",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "A node's unicast_peer list lacks the address of another node (or check_unicast_src excludes it).",
    description:
      "For every pair of nodes of a virtual router that both use unicast, checks in both directions that the sender's unicast_peer list contains the receiver's unicast_src_ip, and that a receiver with check_unicast_src lists the sender's source address.",
    why: "A node sends its adverts only to the addresses in its unicast_peer list. If the list misses the other node, that node never hears it, concludes the master is dead and takes the VIP too: split-brain. When only the lower-priority node's list is wrong the pair looks healthy until that node becomes master, so both directions must be checked.",
    sources: [
      "keepalived vrrp/vrrp.c vrrp_check_packet() ('not a unicast peer')",
      "keepalived.conf(5) unicast_peer, check_unicast_src",
      "SEMANTICS.md 1.6 (verified live)",
    ],
    bad: "# lb01\nunicast_src_ip 198.51.100.11\nunicast_peer {\n    198.51.100.21   # typo: lb02 is 198.51.100.12\n}\n",
    good: "# lb01\nunicast_src_ip 198.51.100.11\nunicast_peer {\n    198.51.100.12\n}\n",
    realTool: "Neither tool: each file is valid on its own; only the running daemons diverge.",
    reportedBy: "none",
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
            const strangers = peers.filter(
              (p) => !view.members.some((m) => sameAddress(m.instance.unicastSrcIp?.value ?? "", p.address)),
            );
            const typo = strangers.length === 1 ? strangers[0] : undefined;
            ctx.report({
              file: where.file,
              range: typo ? typo.location.range : where.range,
              message: `${from.node.name}'s unicast_peer list does not contain ${dest}, the unicast_src_ip of ${to.node.name}${typo ? ` (it lists ${typo.address}, which is no node's address)` : ""}: ${to.node.name} never receives ${from.node.name}'s adverts and takes the VIP as well when ${from.node.name} is master (split-brain). Add ${dest} to ${from.node.name}'s unicast_peer block.`,
              related: [related(srcLoc, `${to.node.name}'s unicast_src_ip ${dest}`)],
              fixes: typo
                ? [
                    {
                      description: `Replace ${typo.address} with ${dest}`,
                      safe: true,
                      edits: [{ file: typo.location.file, range: typo.location.range, newText: dest }],
                    },
                  ]
                : undefined,
            });
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
              message: `${to.node.name} has check_unicast_src but its unicast_peer list lacks ${from.node.name}'s source ${src}: it drops ${from.node.name}'s adverts ('not a unicast peer') and takes the VIP as well (split-brain)`,
              related: [
                related(
                  from.instance.unicastSrcIp?.location ?? from.instance.nameLocation,
                  `${from.node.name}'s unicast_src_ip`,
                ),
              ],
            });
          }
        }
      }
    }
  },
  cases: {
    valid: [{ name: "peers point at each other", files: examplePair() }],
    invalid: [
      {
        name: "typo in the master's list",
        files: examplePair({ peers: ["198.51.100.21"] }),
        expect: [{ line: 26, file: "lb01/keepalived.conf", message: "does not contain 198.51.100.12" }],
      },
      {
        name: "typo in the backup's list",
        files: examplePair({}, { peers: ["198.51.100.111"] }),
        expect: [{ line: 26, file: "lb02/keepalived.conf", message: "does not contain 198.51.100.11" }],
      },
      {
        name: "check_unicast_src with a missing source",
        files: examplePair(
          { peers: ["198.51.100.12"] },
          { peers: ["198.51.100.12", "198.51.100.13"], instanceExtra: ["check_unicast_src"] },
        ),
        expect: [
          { line: 25, file: "lb02/keepalived.conf", message: "check_unicast_src" },
          { line: 27, file: "lb02/keepalived.conf", message: "does not contain 198.51.100.11" },
        ],
      },
    ],
  },
});
