import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA072",
  name: "duplicate-vrrp-address",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "The same address twice in an instance's virtual addresses or in its unicast_peer list.",
    description:
      "Reports a virtual address listed again (in `virtual_ipaddress` or `virtual_ipaddress_excluded`) and a " +
      "unicast peer listed again. keepalived 2.3.3 and later refuse the repeat and drop it; earlier versions keep " +
      "both copies.",
    why:
      "Before 2.3.3 a repeated VIP is kept: the instance advertises the address twice, so a peer that lists it once " +
      "sees a different address count and drops every advert ('expected 2 VIPs but received 1'): both nodes become " +
      "MASTER. From 2.3.3 the copy is dropped with an error, and adverts with another VIP set are accepted anyway. A " +
      "repeated unicast peer gets every advert twice before 2.3.3.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_parser.c vip_is_duplicate() at v2.3.3 ('VIP duplicates a VIP ... - " +
        "ignoring'; commit e67cf6b2)",
      "keepalived keepalived/vrrp/vrrp_parser.c unicast peer handler at v2.3.3 ('duplicate unicast_peer'; commit " +
        "cb95b7f6)",
      "keepalived keepalived/vrrp/vrrp.c vrrp_check_packet() at v2.2.8 (address count compared first)",
    ],
    bad: "virtual_ipaddress {\n    192.0.2.100/24\n    192.0.2.100/24\n}\n",
    good: "virtual_ipaddress {\n    192.0.2.100/24\n}\n",
    realTool:
      "keepalived -t 2.2.7 accepts both silently; 2.3.3 and 2.3.4 print '(VI_1): VIP duplicates a VIP " +
      "192.0.2.100/24 - ignoring' and '(VI_1) 192.0.2.12 - duplicate unicast_peer' (rc 5).",
    reportedBy: "keepalived -t",
    unreported: ["vipKept", "peerKept"],
    versions: "Follows each node's keepalived version: repeats are kept before 2.3.3 and refused from 2.3.3.",
  },
  messages: {
    vipRefused: (data: { text: string; version: string }) =>
      `${data.text} is listed twice: keepalived ${data.version} refuses the repeat ('VIP duplicates a VIP', or 'an ` +
      `excluded VIP' when the first is in virtual_ipaddress_excluded) and drops it; remove the line`,
    peerRefused: (data: { text: string; version: string }) =>
      `unicast_peer ${data.text} is listed twice: keepalived ${data.version} refuses the repeat ('duplicate ` +
      `unicast_peer'); remove the line`,
    vipKept: (data: { text: string; version: string }) =>
      `${data.text} is listed twice: keepalived ${data.version} keeps both, so its adverts carry the address twice ` +
      `and a peer that lists it once drops them (both nodes take the VIP); keepalived 2.3.3 and later refuse the ` +
      `repeat. Remove the line`,
    peerKept: (data: { text: string; version: string }) =>
      `unicast_peer ${data.text} is listed twice: keepalived ${data.version} sends that peer every advert twice ` +
      `(2.3.3 and later refuse the repeat); remove the line`,
  },
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      const version = node.keepalivedVersion ?? ctx.settings.keepalivedVersion;
      for (const inst of config.instances) {
        for (const d of inst.duplicateAddresses ?? []) {
          const peer = d.keyword === "unicast_peer";
          const messageId = peer ? (d.kept ? "peerKept" : "peerRefused") : d.kept ? "vipKept" : "vipRefused";
          ctx.report({
            ...at(d.location),
            ...(peer && d.kept ? { severity: "info" as const } : {}),
            messageId,
            data: { text: d.text, version },
          });
        }
      }
    }
  },
});
