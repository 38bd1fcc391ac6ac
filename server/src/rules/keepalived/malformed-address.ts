import { readSocketAddress } from "../../model/ip-address.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";
import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";
import { readLikeKeepalived } from "./statement-blocks.js";

type GroupProblem =
  "globalGroupNotAddress" | "globalGroupFamily" | "globalGroupNotMulticast" | "globalGroupNotLinkLocal";

/**
 * keepalived/core/global_parser.c vrrp_mcast_group4_handler() and vrrp_mcast_group6_handler(): inet_stosockaddr(),
 * then the family, then IN_MULTICAST() / IN6_IS_ADDR_MULTICAST(); an IPv6 group that is not link-local
 * (IN6_IS_ADDR_MC_LINKLOCAL()) is only warned about and kept.
 */
function globalGroupProblem(statement: KaStatement): GroupProblem | undefined {
  const word = statement.args[0]?.value;
  if (word === undefined) return undefined;
  const ipv6 = statement.keyword.value === "vrrp_mcast_group6";
  const read = readSocketAddress(word);
  if (read.address === undefined) return "globalGroupNotAddress";
  if ((read.family === 6) !== ipv6) return "globalGroupFamily";
  if (!ipv6) {
    const first = Number(read.address.split(".")[0]);
    return first >= 224 && first <= 239 ? undefined : "globalGroupNotMulticast";
  }
  const group = Number.parseInt(read.address.split(":")[0] || "0", 16);
  if (group >> 8 !== 0xff) return "globalGroupNotMulticast";
  return (group & 0xf) === 2 ? undefined : "globalGroupNotLinkLocal";
}

export default defineRule({
  id: "KA035",
  name: "malformed-address",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "An address keepalived cannot read (source, unicast peer, multicast group, virtual address), or a virtual " +
      "address prefix it reports.",
    description:
      "Reads each address the way its keepalived handler does. unicast_src_ip, mcast_src_ip, mcast_dst_ip and " +
      "unicast_peer entries go through inet_stosockaddr(), which cuts the text at its first '-', else at its first " +
      "'/': `192.0.2.11/24` and `192.0.2.11-20` are the address 192.0.2.11 and are not reported. What is left must " +
      "be an address as inet_pton() reads it (four decimal parts without leading zeros, no IPv6 zone). " +
      "virtual_ipaddress and virtual_ipaddress_excluded entries go through parse_ipaddress(): the address before " +
      "the '/' and a prefix length after it; a range is not an address there. Also reports an mcast_dst_ip that is " +
      "no multicast group, global_defs vrrp_mcast_group4/vrrp_mcast_group6 values keepalived skips (or, for an IPv6 " +
      "group outside ff02::/16, only warns about), and a virtual address prefix keepalived reports or reads surprisingly (`/` alone is /0).",
    why:
      "keepalived does not refuse these: it reports the value and carries on without it. A source address it cannot " +
      "read leaves the instance sending from its interface's primary address; a peer it cannot read gets no adverts " +
      "(with no valid peer left the instance falls back to multicast, or with unicast_fault_no_peer stays in FAULT); " +
      "a multicast group it cannot use leaves the default 224.0.0.18; a virtual address it cannot read is never " +
      "configured on this node. A bad prefix length makes keepalived -t say it uses the host prefix, while the " +
      "running daemon reads the leading digits of the text (`24x` is /24, `abc` is /0).",
    sources: [
      "keepalived 2.2.7 lib/utils.c inet_stosockaddr() (cuts '-range' or '/mask', then inet_pton())",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_parser.c vrrp_srcip_handler() ('malformed src address'), " +
        "vrrp_mcast_dstip_handler() ('malformed mcast dest address', 'not multicast')",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_data.c alloc_vrrp_unicast_peer() ('malformed unicast peer address')",
      "keepalived 2.2.7 keepalived/core/global_parser.c vrrp_mcast_group4_handler() and " +
        "vrrp_mcast_group6_handler() ('Can't parse ...', 'is not IPv4/IPv6', 'is not multicast', 'should be " +
        "link-local multicast.'); the same at v2.3.3 and v2.3.4",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_ipaddress.c parse_ipaddress() ('VRRP parsed invalid IP', 'Invalid " +
        "address prefix len ... using 32')",
      "keepalived 2.2.7 lib/parser.c read_unsigned_func() (what -t and the running daemon each keep of a bad number)",
      "keepalived 2.2.7 keepalived/vrrp/vrrp.c vrrp_complete_instance() ('A unicast keyword has been specified " +
        "without any unicast peers. Defaulting to multicast')",
    ],
    bad:
      "vrrp_instance VI_1 {\n    unicast_src_ip 192.0.2.11/24\n    unicast_peer {\n        192.0.2.312\n    }\n" +
      "    virtual_ipaddress {\n        192.0.2.100-102\n    }\n}\n",
    good:
      "vrrp_instance VI_1 {\n    unicast_src_ip 192.0.2.11/24\n    unicast_peer {\n        192.0.2.12\n    }\n" +
      "    virtual_ipaddress {\n        192.0.2.100/24\n        192.0.2.101/24\n        192.0.2.102/24\n    }\n}\n",
    realTool:
      "keepalived -t prints 'Configuration error: VRRP instance[VI_1] malformed src address[...]. Skipping...', " +
      "'... malformed unicast peer address[...]', '(VI_1) malformed mcast dest address ...', '(VI_1) mcast_dst_ip " +
      "... not multicast', 'VRRP parsed invalid IP ... skipping IP...' or 'Invalid address prefix len ... - using " +
      "32' and exits 5; the daemon starts without the value. It says nothing about `/` alone. For the global " +
      "groups it prints \"Can't parse vrrp_mcast_group4 [...]. Skipping\", '... is not IPv4. Skipping', '... is " +
      "not multicast. Skipping' or 'vrrp_mcast_group6 [...] should be link-local multicast.' on the line (checked " +
      "on 2.2.7, 2.3.3 and 2.3.4).",
    reportedBy: "keepalived -t",
    unreported: ["emptyPrefix"],
  },
  messages: {
    globalGroupNotAddress: (data: { keyword: string; text: string }) =>
      `${data.keyword} '${data.text}' is not an address keepalived can read: it reports "Can't parse ${data.keyword} ` +
      `[${data.text}]. Skipping" and keeps the default group`,
    globalGroupFamily: (data: { keyword: string; text: string }) =>
      `${data.keyword} ${data.text} is not of the family the keyword is for: keepalived reports '${data.keyword} ` +
      `[${data.text}] is not IPv${data.keyword.endsWith("6") ? 6 : 4}. Skipping' and keeps the default group`,
    globalGroupNotMulticast: (data: { keyword: string; text: string }) =>
      `${data.keyword} ${data.text} is not a multicast group: keepalived reports '${data.keyword} [${data.text}] is ` +
      `not multicast. Skipping' and keeps the default group`,
    globalGroupNotLinkLocal: (data: { keyword: string; text: string }) =>
      `${data.keyword} ${data.text} is not a link-local multicast group (ff02::/16): keepalived warns '... should be ` +
      `link-local multicast.' and uses it, so adverts may leave the link`,
    sourceNotAddress: (data: { keyword: string; text: string; instance: string }) =>
      `${data.keyword} '${data.text}' is not an address keepalived can read (it drops a '/prefix' or '-range' ` +
      `first): it reports 'malformed src address ... Skipping' and ${data.instance} sends its adverts from the ` +
      `primary address of its interface instead`,
    peerNotAddress: (data: { text: string }) =>
      `unicast_peer '${data.text}' is not an address keepalived can read: it reports 'malformed unicast peer address ` +
      `... Skipping' and sends no adverts there`,
    lastPeerMulticast: (data: { text: string; instance: string }) =>
      `unicast_peer '${data.text}' is not an address keepalived can read ('malformed unicast peer address ... ` +
      `Skipping'), and with no valid peer left ${data.instance} uses multicast ('A unicast keyword has been ` +
      `specified without any unicast peers. Defaulting to multicast')`,
    lastPeerFault: (data: { text: string; instance: string }) =>
      `unicast_peer '${data.text}' is not an address keepalived can read ('malformed unicast peer address ... ` +
      `Skipping'), and with no valid peer left ${data.instance} stays in FAULT (unicast_fault_no_peer)`,
    groupNotAddress: (data: { text: string; instance: string }) =>
      `mcast_dst_ip '${data.text}' is not an address keepalived can read: it reports 'malformed mcast dest address ` +
      `... Skipping' and ${data.instance} keeps the default group`,
    groupNotMulticast: (data: { text: string; instance: string; scope: string }) =>
      `mcast_dst_ip ${data.text} is not a${data.scope} multicast group: keepalived reports 'not${data.scope} ` +
      `multicast. Skipping...' and ${data.instance} keeps the default group`,
    vipNotAddress: (data: { text: string; keyword: string }) =>
      `'${data.text}' in ${data.keyword} is not an address keepalived can read (a range is not an address here): it ` +
      `reports 'VRRP parsed invalid IP ... skipping IP' and never configures it on this node`,
    prefixOutOfRange: (data: { text: string; prefix: string; max: number }) =>
      `prefix length '${data.prefix}' of ${data.text} is not in 0..${data.max}: keepalived reports 'Invalid address ` +
      `prefix len' and adds the address as /${data.max}, without the subnet the other addresses of the interface have`,
    prefixNotNumber: (data: { text: string; prefix: string; max: number; running: number }) =>
      `prefix length '${data.prefix}' of ${data.text} is not a number: keepalived -t reports 'Invalid address prefix ` +
      `len ... using ${data.max}', but the running daemon reads the leading digits and adds the address as ` +
      `/${data.running}`,
    emptyPrefix: (data: { text: string }) =>
      `'${data.text}' ends with '/' and no prefix length: keepalived reads the empty length as 0 without a word and ` +
      `adds the address as /0`,
  },
  check(ctx) {
    for (const doc of ctx.keepalived)
      for (const { statement, blockId } of readLikeKeepalived(doc.statements, ctx.keepalivedKeywords).statements) {
        const keyword = statement.keyword.value;
        if (blockId !== "global_defs" || (keyword !== "vrrp_mcast_group4" && keyword !== "vrrp_mcast_group6")) continue;
        const problem = globalGroupProblem(statement);
        const word = statement.args[0];
        if (problem && word)
          ctx.report({ file: word.file, range: word.range, messageId: problem, data: { keyword, text: word.value } });
      }
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const noPeerLeft = inst.unicastBlock !== undefined && inst.unicastPeers.length === 0;
        for (const p of inst.addressProblems) {
          const place = at(p.location);
          if (p.kind === "family") continue;
          if (p.keyword === "unicast_src_ip" || p.keyword === "mcast_src_ip") {
            ctx.report({
              ...place,
              messageId: "sourceNotAddress",
              data: { keyword: p.keyword, text: p.text, instance: inst.name },
            });
          } else if (p.keyword === "unicast_peer") {
            const data = { text: p.text, instance: inst.name };
            const last = inst.unicastFaultNoPeer ? "lastPeerFault" : "lastPeerMulticast";
            ctx.report({ ...place, messageId: noPeerLeft ? last : "peerNotAddress", data });
          } else if (p.keyword === "mcast_dst_ip") {
            if (p.kind === "not-multicast")
              ctx.report({
                ...place,
                messageId: "groupNotMulticast",
                data: { text: p.text, instance: inst.name, scope: p.text.includes(":") ? " link-local" : "" },
              });
            else ctx.report({ ...place, messageId: "groupNotAddress", data: { text: p.text, instance: inst.name } });
          } else if (p.kind === "malformed") {
            ctx.report({ ...place, messageId: "vipNotAddress", data: { text: p.text, keyword: p.keyword } });
          } else if (p.prefix) {
            const max = p.text.includes(":") ? 128 : 32;
            if (p.prefix.error === "not-a-number")
              ctx.report({
                ...place,
                messageId: "prefixNotNumber",
                data: { text: p.text, prefix: p.prefix.written, max, running: p.prefix.running },
              });
            else
              ctx.report({
                ...place,
                messageId: "prefixOutOfRange",
                data: { text: p.text, prefix: p.prefix.written, max },
              });
          }
        }
        for (const v of [...inst.vips, ...inst.vipsExcluded])
          if (v.text.endsWith("/") && v.prefix === 0)
            ctx.report({ ...at(v.location), messageId: "emptyPrefix", data: { text: v.text } });
      }
    }
  },
});
