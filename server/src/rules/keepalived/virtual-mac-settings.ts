import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA106",
  name: "virtual-mac-settings",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A use_vmac, use_ipvlan, vmac_xmit_base, garp_extra_if, vrf or VIP use_vmac setting keepalived reports: a " +
      "MAC address or interface name it refuses, a setting repeated or taken by another instance, one that does " +
      "not go with unicast, strict mode, the instance's interface or family, or an IPv4 ipvlan without address.",
    description:
      "The model reads an instance's VMAC, ipvlan and VRF lines the way keepalived's handlers do " +
      "(model/keepalived-vmac.ts) and this rule reports each message keepalived prints about them. On the line: a " +
      "`use_vmac` MAC address with other characters than hex digits and ':', of the wrong form, multicast, or one of " +
      "the RFC 5798 addresses 00:00:5e:00:01/02:xx; a second MAC address or interface name; an interface name " +
      "longer than 15 characters or with '/' or blanks; a name an earlier instance already took (also for " +
      "`use_ipvlan`); a second `use_ipvlan`, ipvlan type or address; an ipvlan address of another family than the " +
      "instance's; a `garp_extra_if` without delay or with a word that is not one; a `vrf` name longer than 15 " +
      "characters or after the instance's `interface`. On the instance's closing brace (vrrp_end_handler()): a " +
      "VMAC/ipvlan in a unicast instance without interface (cleared) or without vmac_xmit_base (set). Once the file " +
      "is read (keepalived prints these on no line; reported here on the setting): a MAC address under strict mode, " +
      "vmac_xmit_base under strict mode or without use_vmac, promote_secondaries with a VMAC, a vrf with an " +
      "interface or without unicast peers, an IPv4 ipvlan without address (the instance is put in FAULT state), a " +
      "VIP's use_vmac that repeats the instance's or goes against use_vmac_addr. keepalived 2.2.7 looks at the " +
      "first two words of use_vmac only and knows none of the option words (name, group, netlink_notify_msg) that " +
      "2.3 takes. Interfaces the file names are taken to exist.",
    why:
      "Each message means keepalived runs the instance otherwise than the file says: with the kernel's VMAC name " +
      "or MAC instead of the one written, without the VMAC at all, with vmac_xmit_base set or cleared, without " +
      "the VRF, or an IPv4 ipvlan instance that never leaves FAULT state and so never holds its VIPs.",
    sources: [
      "keepalived 2.2.7 keepalived/vrrp/vrrp_parser.c vrrp_vmac_handler() (first two words only), " +
        "vrrp_ipvlan_handler(), vrrp_vrf_handler(), vrrp_garp_extra_if_handler(), vrrp_end_handler(); at v2.3.3 " +
        "and v2.3.4 vrrp_vmac_handler() reads every word and takes name, group and netlink_notify_msg",
      "keepalived 2.2.7 keepalived/vrrp/vrrp.c vrrp_complete_instance() (strict mode and MAC address, vrf, " +
        "xmit_base, promote_secondaries, IPv4 ipvlan address, vmac_xmit_base without VMAC, a VIP's use_vmac); the " +
        "same at v2.3.3 and v2.3.4",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_ipaddress.c alloc_ipaddress() (a VIP's use_vmac option)",
    ],
    bad:
      "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    priority 100\n" +
      "    use_vmac 00:00:5e:00:01:33\n    virtual_ipaddress {\n        192.0.2.10/24\n    }\n}\n",
    good:
      "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    priority 100\n" +
      "    use_vmac vrrp.51\n    virtual_ipaddress {\n        192.0.2.10/24\n    }\n}\n",
    realTool:
      "keepalived -t prints the handler's message on the line (the completion checks on no line) and goes on " +
      "(exit 5); checked on 2.2.7, 2.3.3 and 2.3.4.",
    reportedBy: "keepalived -t",
    severityNote:
      "warning; an error for an IPv4 ipvlan without address, which keepalived accepts (exit 5) but puts in FAULT " +
      "state for good, so the instance never holds its VIPs.",
  },
  messages: {
    said: (p: { said: string }) => `keepalived reports '${p.said}': the setting is not applied as written`,
    fault: (p: { said: string }) =>
      `keepalived reports '${p.said}': the instance stays in FAULT state and never holds its VIPs`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx))
      for (const inst of config.instances)
        for (const problem of inst.vmac.problems)
          ctx.report({
            ...at(problem.location),
            ...(problem.fault ? { severity: "error" as const } : {}),
            messageId: problem.fault ? "fault" : "said",
            data: { said: problem.said },
          });
  },
});
