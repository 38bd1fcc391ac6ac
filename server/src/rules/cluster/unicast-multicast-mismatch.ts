import { sameAddress } from "../../model/ip-address.js";
import { DEFAULT_MCAST, isUnicast, type Member } from "../../simulate/hearing.js";
import { defineRule } from "../rule.js";
import { memberPairs, related, routers } from "./router-view.js";

/** An instance with unicast_fault_no_peer and no peer keepalived can use stays in FAULT: it sends nothing. */
function sendsNothing(m: Member): boolean {
  return m.instance.unicastFaultNoPeer && m.instance.unicastPeers.length === 0;
}

export default defineRule({
  id: "HA004",
  name: "unicast-multicast-mismatch",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "One node of a virtual router uses unicast, another multicast (or another multicast group).",
    description:
      "Compares the advert mode of every pair of nodes of a virtual router: unicast (at least one unicast_peer " +
      "entry keepalived can read) against multicast (none: keepalived falls back to multicast, unless " +
      "unicast_fault_no_peer keeps the instance in FAULT), and the multicast group between multicast nodes " +
      "(mcast_dst_ip when keepalived accepts it as a group, else 224.0.0.18).",
    why:
      "A node expecting unicast drops multicast adverts and the other way round ('Expected unicast packet but " +
      "received multicast packet'); nodes in different multicast groups do not hear each other. Each then believes it " +
      "is alone and takes the VIP: split-brain.",
    sources: [
      "keepalived 2.2.7 keepalived/vrrp/vrrp.c vrrp_check_packet() ('Expected %sicast packet but received %sicast " +
        "packet'), vrrp_complete_instance() (unicast only with peers)",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_parser.c vrrp_mcast_dstip_handler()",
      "keepalived.conf(5) unicast_peer, mcast_dst_ip",
      "SEMANTICS.md 1.5 (verified live)",
    ],
    bad: "# lb01: unicast_peer { 198.51.100.12 }\n# lb02: no unicast_peer (multicast)\n",
    good: "# both nodes: unicast_src_ip + unicast_peer pointing at each other\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  messages: {
    modeMismatch: (data: { multicast: string; unicast: string; instance: string; why: string }) =>
      `${data.multicast} sends and expects multicast adverts for ${data.instance}${data.why} but ${data.unicast} ` +
      `uses unicast: each drops the other's adverts ('Expected unicast packet but received multicast packet') and ` +
      `both take the VIP (split-brain). Give ${data.multicast} unicast_src_ip and a unicast_peer block too.`,
    groupMismatch: (data: { node: string; group: string; other: string; otherGroup: string }) =>
      `${data.node} sends adverts to multicast group ${data.group} but ${data.other} to ${data.otherGroup}: they do ` +
      `not hear each other and both take the VIP (split-brain)`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      for (const [a, b] of memberPairs(view.members)) {
        if (sendsNothing(a) || sendsNothing(b)) continue;
        const ua = isUnicast(a.instance);
        const ub = isUnicast(b.instance);
        if (ua !== ub) {
          const multi = ua ? b : a;
          const uni = ua ? a : b;
          const why = multi.instance.unicastBlock
            ? " (none of its unicast peers is an address keepalived can use, so it falls back to multicast)"
            : "";
          ctx.report({
            file: multi.instance.nameLocation.file,
            range: multi.instance.nameLocation.range,
            messageId: "modeMismatch",
            data: { multicast: multi.node.name, unicast: uni.node.name, instance: multi.instance.name, why },
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
              messageId: "groupMismatch",
              data: { node: b.node.name, group: mb, other: a.node.name, otherGroup: ma },
              related: [
                related(a.instance.mcastDstIp?.location ?? a.instance.nameLocation, `${a.node.name} uses ${ma}`),
              ],
            });
          }
        }
      }
    }
  },
});
