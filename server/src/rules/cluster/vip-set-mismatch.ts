import { normaliseAddress } from "../../model/ip-address.js";
import { defineRule } from "../rule.js";
import { memberPairs, related, routers } from "./router-view.js";

export default defineRule({
  id: "HA008",
  name: "vip-set-mismatch",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "The nodes of a virtual router list different virtual_ipaddress sets.",
    description:
      "Compares the addresses in virtual_ipaddress (not virtual_ipaddress_excluded, which is not advertised) " +
      "between the nodes of each virtual router.",
    why:
      "The VIPs travel in the advert; a node whose own list differs rejects it ('received an unexpected ip number " +
      "count' / 'ip address associated with VRID not present in MASTER advert'), takes over and both hold addresses: " +
      "split-brain, and after a failover the new master serves a different set of addresses.",
    sources: [
      "keepalived 2.2.7 keepalived/vrrp/vrrp.c vrrp_check_packet() ('received an unexpected ip number count', 'ip " +
        "address associated with VRID ... not present in MASTER advert')",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_data.c alloc_vrrp_vip() (addresses of the other family are not added)",
      "SEMANTICS.md 1.5 (verified live)",
    ],
    bad: "# lb01: 192.0.2.100/24, 192.0.2.101/24\n# lb02: 192.0.2.100/24\n",
    good: "# lb01 and lb02: 192.0.2.100/24, 192.0.2.101/24\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  messages: {
    vipSetsDiffer: (data: { name: string; parts: string; nodeName: string }) =>
      `${data.name}'s virtual_ipaddress ${data.parts} (compared with ${data.nodeName}): each rejects the other's ` +
      `adverts and both take their VIPs (split-brain). List the same addresses on every node.`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      for (const [a, b] of memberPairs(view.members)) {
        // The VIPs keepalived advertises: not those of the other family, which it skips (vrrp_data.c alloc_vrrp_vip()).
        const advertised = (m: typeof a) =>
          new Set(m.instance.vips.filter((v) => !v.familyMismatch).map((v) => normaliseAddress(v.address)));
        const sa = advertised(a);
        const sb = advertised(b);
        const missing = [...sa].filter((x) => !sb.has(x));
        const extra = [...sb].filter((x) => !sa.has(x));
        if (missing.length === 0 && extra.length === 0) continue;
        const where = b.instance.vips[0]?.location ?? b.instance.nameLocation;
        const parts: string[] = [];
        if (missing.length) parts.push(`lacks ${missing.join(", ")}`);
        if (extra.length) parts.push(`has ${extra.join(", ")} that ${a.node.name} does not`);
        ctx.report({
          file: where.file,
          range: where.range,
          messageId: "vipSetsDiffer",
          data: { name: b.node.name, parts: parts.join(" and "), nodeName: a.node.name },
          related: [
            related(a.instance.vips[0]?.location ?? a.instance.nameLocation, `${a.node.name}'s virtual_ipaddress`),
          ],
        });
      }
    }
  },
});
