import { defineRule } from "../rule.js";
import { at, keepalivedUnits, lineOf } from "./ka-model.js";

export default defineRule({
  id: "KA036",
  name: "address-family-mismatch",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "An address of the other family than the instance's: keepalived skips it (a source address, a unicast peer, a " +
      "multicast group, or a VIP after one of those).",
    description:
      "keepalived gives each vrrp_instance one address family, from the first address it reads in the instance, in " +
      "file order: unicast_src_ip or mcast_src_ip, mcast_dst_ip, a unicast_peer entry, a virtual_ipaddress entry " +
      "(or native_ipv6). Reports every later source address, peer and multicast group of the other family, and " +
      "every virtual address of the other family when the family was set by one of those keywords (KA027 reports " +
      "virtual addresses against the first virtual address).",
    why:
      "keepalived skips each of them with a configuration error and runs without it: a peer of the other family gets " +
      "no adverts (with no peer left the instance falls back to multicast), a source address of the other family " +
      "leaves adverts going out from the interface's primary address, and a VIP of the other family is never " +
      "configured. An IPv6 peer in an IPv4 instance, written to reach the other node over IPv6, does not do that.",
    sources: [
      "keepalived 2.2.7 keepalived/vrrp/vrrp_data.c alloc_vrrp_unicast_peer() ('and unicast peer address[%s] MUST " +
        "be of the same family !!! Skipping...')",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_parser.c vrrp_srcip_handler() ('and src address[%s] MUST be of the " +
        "same family'), vrrp_mcast_dstip_handler() ('MUST match VRRP instance family')",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_data.c alloc_vrrp_vip() ('address family must match VRRP instance [%s] " +
        "- ignoring')",
      "keepalived 2.2.7 keepalived/vrrp/vrrp.c vrrp_complete_instance() (an instance without a family is IPv4)",
    ],
    bad:
      "vrrp_instance VI_1 {\n    unicast_src_ip 192.0.2.11\n    unicast_peer {\n        192.0.2.12\n" +
      "        2001:db8::12\n    }\n}\n",
    good:
      "vrrp_instance VI_1 {\n    unicast_src_ip 192.0.2.11\n    unicast_peer {\n        192.0.2.12\n    }\n}\n" +
      "vrrp_instance VI_6 {\n    unicast_src_ip 2001:db8::11\n    unicast_peer {\n        2001:db8::12\n    }\n}\n",
    realTool:
      "keepalived -t prints 'Configuration error: VRRP instance[VI_1] and unicast peer address[2001:db8::12] MUST " +
      "be of the same family !!! Skipping...' (and the matching lines for source addresses, multicast groups and " +
      "VIPs) and exits 5; the daemon starts without the address.",
    reportedBy: "keepalived -t",
  },
  messages: {
    peer: (data: { text: string; instance: string; family: number; own: number; source: string; line: number }) =>
      `unicast_peer ${data.text} is IPv${data.family}, but ${data.instance} is an IPv${data.own} instance (its ` +
      `family comes from ${data.source} on line ${data.line}): keepalived reports 'unicast peer ` +
      `address[${data.text}] MUST be of the same family' and sends no adverts there`,
    lastPeer: (data: { text: string; instance: string; family: number; own: number; source: string; line: number }) =>
      `unicast_peer ${data.text} is IPv${data.family}, but ${data.instance} is an IPv${data.own} instance (its ` +
      `family comes from ${data.source} on line ${data.line}): keepalived skips it ('MUST be of the same family') ` +
      `and, with no peer left, uses multicast`,
    source: (data: {
      keyword: string;
      text: string;
      instance: string;
      family: number;
      own: number;
      source: string;
      line: number;
    }) =>
      `${data.keyword} ${data.text} is IPv${data.family}, but ${data.instance} is an IPv${data.own} instance (its ` +
      `family comes from ${data.source} on line ${data.line}): keepalived reports 'src address[${data.text}] MUST be ` +
      `of the same family' and sends from the interface's primary address instead`,
    group: (data: { text: string; instance: string; family: number; own: number; source: string; line: number }) =>
      `mcast_dst_ip ${data.text} is IPv${data.family}, but ${data.instance} is an IPv${data.own} instance (its ` +
      `family comes from ${data.source} on line ${data.line}): keepalived reports 'mcast dest address ${data.text} ` +
      `MUST match VRRP instance family' and keeps the default group`,
    vip: (data: { text: string; instance: string; family: number; own: number; source: string; line: number }) =>
      `${data.text} is IPv${data.family}, but ${data.instance} is an IPv${data.own} instance: keepalived takes the ` +
      `family from the first address it reads, here ${data.source} on line ${data.line}, reports 'address family ` +
      `must match VRRP instance [${data.text}] - ignoring' and never configures this address`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const from = inst.familySource;
        if (!from) continue;
        const base = { instance: inst.name, own: inst.family, source: from.keyword, line: lineOf(from.location) };
        const noPeerLeft = inst.unicastBlock !== undefined && inst.unicastPeers.length === 0;
        for (const p of inst.addressProblems) {
          if (p.kind !== "family" || p.family === undefined) continue;
          const data = { ...base, text: p.text, family: p.family };
          const place = at(p.location);
          if (p.keyword === "unicast_peer") ctx.report({ ...place, messageId: noPeerLeft ? "lastPeer" : "peer", data });
          else if (p.keyword === "mcast_dst_ip") ctx.report({ ...place, messageId: "group", data });
          else if (p.keyword === "virtual_ipaddress") {
            // Against an earlier virtual address it is KA027's.
            if (from.keyword !== "virtual_ipaddress") ctx.report({ ...place, messageId: "vip", data });
          } else if (p.keyword === "unicast_src_ip" || p.keyword === "mcast_src_ip")
            ctx.report({ ...place, messageId: "source", data: { ...data, keyword: p.keyword } });
        }
      }
    }
  },
});
