import { normaliseAddress, sameAddress } from "../../model/ip-address.js";
import { defineRule } from "../rule.js";
import { examplePair } from "./example-pair.js";
import { clusterVips, memberPairs, related, routers } from "./router-view.js";

export default defineRule({
  id: "HA024",
  name: "unicast-src-not-node-address",
  severity: "error",
  scope: "cluster",
  docs: {
    summary:
      "unicast_src_ip is not an address of the node: a VIP, another node's address, or not in the node's inventory.",
    description:
      "Checks each unicast_src_ip against what is known of the node: it must not be one of the cluster's VIPs, must not be used by another node (a copied config), and must be among the node's addresses when a .ha-lint.yaml manifest lists them.",
    why: "keepalived sends from unicast_src_ip; an address the node does not have makes the instance FAULT ('src address not configured') or sends adverts the peers do not expect, and a VIP as source disappears with the VIP. Two nodes with the same source address look like one node to their peers.",
    sources: ["keepalived.conf(5) unicast_src_ip", "SEMANTICS.md 1.6"],
    bad: "# lb02 (copied from lb01)\nunicast_src_ip 198.51.100.11\n",
    good: "# lb02\nunicast_src_ip 198.51.100.12\n",
    realTool: "Neither tool; the running daemon logs it.",
    reportedBy: "runtime",
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      const vips = clusterVips(view.cluster);
      for (const m of view.members) {
        const src = m.instance.unicastSrcIp;
        if (!src) continue;
        if (vips.has(normaliseAddress(src.value))) {
          ctx.report({
            file: src.location.file,
            range: src.location.range,
            message: `unicast_src_ip ${src.value} of ${m.node.name} is a VIP: the node does not hold it while backup, so it cannot send adverts from it. Use the node's own address.`,
          });
        }
      }
      for (const [a, b] of memberPairs(view.members)) {
        const sa = a.instance.unicastSrcIp;
        const sb = b.instance.unicastSrcIp;
        if (sa && sb && sameAddress(sa.value, sb.value)) {
          const [wrong, right] = a.instance.unicastSrcConflict ? [a, b] : [b, a];
          const ws = wrong.instance.unicastSrcIp!;
          ctx.report({
            file: ws.location.file,
            range: ws.location.range,
            message: wrong.instance.unicastSrcConflict
              ? `unicast_src_ip ${ws.value} of ${wrong.node.name} is ${right.node.name}'s address (${wrong.node.name} lists it as its peer): keepalived on ${wrong.node.name} cannot send from it and the instance stays in FAULT ('src address not configured'), so ${wrong.node.name} can never take the VIP. Set ${wrong.node.name}'s own address.`
              : `${wrong.node.name} and ${right.node.name} both send from unicast_src_ip ${ws.value} (a copied configuration?): at most one of them has that address. Set each node's own address.`,
            related: [related(right.instance.unicastSrcIp!.location, `${right.node.name}'s unicast_src_ip`)],
          });
        }
      }
    }
  },
  cases: {
    valid: [{ name: "own addresses", files: examplePair() }],
    invalid: [
      {
        name: "copied source address",
        files: examplePair({}, { src: "198.51.100.11", peers: ["198.51.100.12"] }),
        expect: [{ line: 24, file: "lb02/keepalived.conf", message: "both send from" }],
      },
      {
        name: "VIP as source",
        files: examplePair({ src: "192.0.2.100" }),
        expect: [{ line: 24, file: "lb01/keepalived.conf", message: "is a VIP" }],
      },
    ],
  },
});
