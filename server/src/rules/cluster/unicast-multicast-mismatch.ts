import { sameAddress } from "../../model/ip-address.js";
import { DEFAULT_MCAST, isUnicast } from "../../simulate/hearing.js";
import { defineRule } from "../rule.js";
import { examplePair } from "./example-pair.js";
import { memberPairs, related, routers } from "./router-view.js";

export default defineRule({
  id: "HA004",
  name: "unicast-multicast-mismatch",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "One node of a virtual router uses unicast, another multicast (or another multicast group).",
    description:
      "Compares the advert mode of every pair of nodes of a virtual router: unicast (a non-empty unicast_peer list) against multicast, and the multicast group (mcast_dst_ip, default 224.0.0.18) between multicast nodes.",
    why: "A node expecting unicast drops multicast adverts ('Expected unicast packet but received multicast packet') and the other way round; nodes in different multicast groups never hear each other. Each then believes it is alone and takes the VIP: split-brain.",
    sources: [
      "keepalived vrrp/vrrp.c vrrp_check_packet()",
      "keepalived.conf(5) unicast_peer, mcast_dst_ip",
      "SEMANTICS.md 1.5 (verified live)",
    ],
    bad: "# lb01: unicast_peer { 198.51.100.12 }\n# lb02: no unicast_peer (multicast)\n",
    good: "# both nodes: unicast_src_ip + unicast_peer pointing at each other\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      for (const [a, b] of memberPairs(view.members)) {
        const ua = isUnicast(a.instance);
        const ub = isUnicast(b.instance);
        if (ua !== ub) {
          const multi = ua ? b : a;
          const uni = ua ? a : b;
          ctx.report({
            file: multi.instance.nameLocation.file,
            range: multi.instance.nameLocation.range,
            message: `${multi.node.name} sends and expects multicast adverts for ${multi.instance.name} but ${uni.node.name} uses unicast: each drops the other's adverts and both take the VIP (split-brain). Give ${multi.node.name} unicast_src_ip and a unicast_peer block too.`,
            related: [
              related(uni.instance.unicastBlock ?? uni.instance.nameLocation, `${uni.node.name} uses unicast here`),
            ],
          });
        } else if (!ua) {
          const ma = a.instance.mcastDstIp?.value ?? DEFAULT_MCAST;
          const mb = b.instance.mcastDstIp?.value ?? DEFAULT_MCAST;
          if (!sameAddress(ma, mb)) {
            const where = b.instance.mcastDstIp?.location ?? b.instance.nameLocation;
            ctx.report({
              file: where.file,
              range: where.range,
              message: `${b.node.name} sends adverts to multicast group ${mb} but ${a.node.name} to ${ma}: they never hear each other and both take the VIP (split-brain)`,
              related: [
                related(a.instance.mcastDstIp?.location ?? a.instance.nameLocation, `${a.node.name} uses ${ma}`),
              ],
            });
          }
        }
      }
    }
  },
  cases: {
    valid: [
      { name: "both unicast", files: examplePair() },
      { name: "both multicast", files: examplePair({ multicast: true }, { multicast: true }) },
    ],
    invalid: [
      {
        name: "unicast and multicast",
        files: examplePair({}, { multicast: true }),
        expect: [{ line: 14, file: "lb02/keepalived.conf", message: "multicast" }],
      },
      {
        name: "different multicast groups",
        files: examplePair({ multicast: true }, { multicast: true, instanceExtra: ["mcast_dst_ip 224.0.0.19"] }),
        expect: [{ line: 30, file: "lb02/keepalived.conf", message: "224.0.0.19" }],
      },
    ],
  },
});
