import { defineRule } from "../rule.js";
import { at, keepalivedUnits, lineOf } from "./ka-model.js";

export default defineRule({
  id: "KA027",
  name: "mixed-vip-families",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "IPv4 and IPv6 addresses mixed in one virtual_ipaddress list: keepalived ignores the ones of the other family.",
    description:
      "When the first address keyword keepalived reads in an instance is a `virtual_ipaddress` entry, that entry " +
      "sets the instance's family; reports each later `virtual_ipaddress` entry of the other family. (When " +
      "unicast_src_ip, mcast_src_ip or a unicast_peer came first, KA036 reports the mismatch.)",
    why: "A VRRP instance advertises addresses of one family only. keepalived reports every address of the other family ('address family must match VRRP instance ... ignoring') and never configures it, so the IPv6 (or IPv4) service address silently does not move with the VIP. Use `virtual_ipaddress_excluded` for the other family, or a second instance.",
    sources: [
      "keepalived 2.2.7 keepalived/vrrp/vrrp_data.c alloc_vrrp_vip() (the first address read sets vrrp->family; " +
        "'address family must match VRRP instance [%s] - ignoring')",
      "keepalived.conf(5) virtual_ipaddress_excluded",
    ],
    bad: "virtual_ipaddress {\n    192.0.2.10/24\n    2001:db8::10/64\n}\n",
    good: "virtual_ipaddress {\n    192.0.2.10/24\n}\nvirtual_ipaddress_excluded {\n    2001:db8::10/64\n}\n",
    realTool:
      "keepalived -t reports '(VI_1): address family must match VRRP instance [2001:db8::10/64] - ignoring' (rc 5).",
    reportedBy: "keepalived -t",
  },
  messages: {
    otherFamily: (data: {
      address: string;
      family: number;
      instance: string;
      firstFamily: number;
      firstAddress: string;
    }) =>
      `${data.address} is IPv${data.family}, but ${data.instance} is an IPv${data.firstFamily} instance (its first ` +
      `virtual address is ${data.firstAddress}); keepalived ignores this address, so it is never configured (move it ` +
      `to virtual_ipaddress_excluded or to a separate IPv${data.family} instance)`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        // Only when a virtual address set the family: against an earlier source or peer address it is KA036's.
        const from = inst.familySource;
        if (from?.keyword !== "virtual_ipaddress") continue;
        const first = inst.vips.find(
          (v) => v.location.file === from.location.file && lineOf(v.location) === lineOf(from.location),
        );
        if (!first) continue;
        for (const v of inst.vips) {
          if (!v.familyMismatch || v.family === 0) continue;
          ctx.report({
            ...at(v.location),
            messageId: "otherFamily",
            data: {
              address: v.text,
              family: v.family,
              instance: inst.name,
              firstFamily: first.family,
              firstAddress: first.text,
            },
          });
        }
      }
    }
  },
});
