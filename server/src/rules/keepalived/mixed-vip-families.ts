import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA027",
  name: "mixed-vip-families",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "IPv4 and IPv6 addresses mixed in one virtual_ipaddress list: keepalived ignores the ones of the other family.",
    description:
      "Takes the address family of an instance from its first virtual address and reports each later " +
      "`virtual_ipaddress` entry of the other family.",
    why:
      "A VRRP instance advertises addresses of one family only. keepalived reports every address of the other family " +
      "('address family must match VRRP instance ... ignoring') and never configures it, so the IPv6 (or IPv4) " +
      "service address silently does not move with the VIP. Use `virtual_ipaddress_excluded` for the other family, or " +
      "a second instance.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_ipaddress.c / vrrp_parser.c 'address family must match VRRP instance [%s] - " +
        "ignoring'",
      "keepalived.conf(5) virtual_ipaddress_excluded",
    ],
    bad: "virtual_ipaddress {\n    192.0.2.10/24\n    2001:db8::10/64\n}\n",
    good: "virtual_ipaddress {\n    192.0.2.10/24\n}\nvirtual_ipaddress_excluded {\n    2001:db8::10/64\n}\n",
    realTool:
      "keepalived -t reports '(VI_1): address family must match VRRP instance [2001:db8::10/64] - ignoring' (rc 5).",
    reportedBy: "keepalived -t",
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const first = inst.vips.find((v) => v.family !== 0);
        if (!first) continue;
        for (const v of inst.vips) {
          if (v.family === 0 || v.family === first.family) continue;
          ctx.report({
            ...at(v.location),
            message: `${v.text} is IPv${v.family}, but ${inst.name} is an IPv${first.family} instance (its first virtual address is ${first.text}); keepalived ignores this address, so it is never configured (move it to virtual_ipaddress_excluded or to a separate IPv${v.family} instance)`,
          });
        }
      }
    }
  },
  cases: {
    valid: [
      {
        name: "excluded block for IPv6",
        files: {
          "keepalived.conf":
            "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  virtual_ipaddress {\n" +
            "    192.0.2.10/24\n  }\n  virtual_ipaddress_excluded {\n    2001:db8::10/64\n  }\n}\n",
        },
      },
    ],
    invalid: [
      {
        name: "IPv6 in an IPv4 list",
        files: {
          "keepalived.conf":
            "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority 100\n" +
            "  virtual_ipaddress {\n    192.0.2.10/24\n    2001:db8::10/64\n  }\n}\n",
        },
        realTool: "address family must match VRRP instance \\[2001:db8::10/64\\] - ignoring",
        expect: [{ line: 7, message: "keepalived ignores this address" }],
      },
    ],
  },
});
