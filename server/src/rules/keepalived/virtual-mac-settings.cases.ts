import { defineCases } from "../rule.js";
import type rule from "./virtual-mac-settings.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "a VMAC with its own name and MAC address, an ipvlan with its address",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 100
    use_vmac vrrp.51 02:00:00:00:00:01
    vmac_xmit_base
    virtual_ipaddress {
        192.0.2.10/24
    }
}
vrrp_instance VI_2 {
    interface eth0
    virtual_router_id 52
    priority 100
    use_ipvlan 192.0.2.7/24 bridge
    virtual_ipaddress {
        192.0.2.11/24
    }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "MAC addresses keepalived refuses, a name taken by an earlier instance, an invalid name",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 100
    use_vmac vrrp.51 00:00:5e:00:01
    use_vmac 03:00:00:00:00:01
    virtual_ipaddress {
        192.0.2.10/24
    }
}
vrrp_instance VI_2 {
    interface eth0
    virtual_router_id 52
    priority 100
    use_vmac vrrp.51
    use_vmac a/b 02:00:00:00:00:zz
    use_vmac 02:00:000:00:00:01
    virtual_ipaddress {
        192.0.2.11/24
    }
}
`,
      },
      realTool: "VMAC MAC address not allowed to be RFC5798 address \\(00:00:5e:00:01\\) - ignoring",
      expect: [
        { line: 5, messageId: "said" },
        { line: 6, messageId: "said" },
        { line: 15, messageId: "said" },
        { line: 16, messageId: "said" },
        { line: 16, messageId: "said" },
        { line: 17, messageId: "said" },
      ],
    },
    {
      name: "use_ipvlan: a second type, address and name, an address of another family",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 100
    use_ipvlan bridge private 192.0.2.5 192.0.2.6 ipvl0 ipvl1
    virtual_ipaddress {
        192.0.2.12/24
    }
}
vrrp_instance VI_2 {
    interface eth0
    virtual_router_id 52
    priority 100
    virtual_ipaddress {
        192.0.2.13/24
    }
    use_ipvlan 2001:db8::7 ipvl0
}
`,
      },
      realTool: "\\(VI_1\\) IPVLAN interface already specified - ignoring 'ipvl1'",
      expect: [
        { line: 5, messageId: "said" },
        { line: 5, messageId: "said" },
        { line: 5, messageId: "said" },
        { line: 17, messageId: "said" },
        { line: 17, messageId: "said" },
        // IPv4 ipvlan without address (the IPv6 one was skipped): put in FAULT state
        { line: 17, messageId: "fault", severity: "error" },
      ],
    },
    {
      name: "unicast with a VMAC: without interface it is cleared, without vmac_xmit_base that is set",
      settings: { keepalivedVersion: "2.3" },
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
    unicast_src_ip 192.0.2.1
    virtual_router_id 51
    priority 100
    use_vmac
    unicast_peer {
        192.0.2.2
    }
    virtual_ipaddress {
        192.0.2.10/24 dev eth0
    }
}
vrrp_instance VI_2 {
    interface eth0
    virtual_router_id 52
    priority 100
    use_ipvlan 192.0.2.7
    unicast_peer {
        192.0.2.2
    }
    virtual_ipaddress {
        192.0.2.11/24
    }
}
`,
      },
      realTool: "\\(VI_1\\): Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac",
      expect: [
        { line: 12, messageId: "said" },
        { line: 24, messageId: "said" },
        // the vmac_xmit_base vrrp_end_handler() set is then reported as only valid with a vmac (an ipvlan here)
        { line: 24, messageId: "said" },
      ],
    },
    {
      name: "strict mode against a MAC address and vmac_xmit_base, promote_secondaries, a VIP's use_vmac",
      files: {
        "keepalived.conf": `global_defs {
    vrrp_strict
}
vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 100
    use_vmac 02:00:00:00:00:01
    vmac_xmit_base
    promote_secondaries
    virtual_ipaddress {
        192.0.2.10/24 use_vmac
    }
}
vrrp_instance VI_2 {
    interface eth0
    virtual_router_id 52
    priority 100
    vmac_xmit_base
    use_vmac_addr
    virtual_ipaddress {
        192.0.2.11/24
    }
}
`,
      },
      realTool: "\\(VI_1\\) promote_secondaries is automatically set for vmacs - ignoring",
      expect: [
        { line: 8, messageId: "said" },
        { line: 9, messageId: "said" },
        { line: 10, messageId: "said" },
        { line: 12, messageId: "said" },
        { line: 19, messageId: "said" },
      ],
    },
    {
      name: "garp_extra_if without a delay or with a word that is not one; vrf names and vrf with interface",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 100
    use_vmac
    garp_extra_if all
    garp_extra_if 5 x
    vrf averyveryveryverylongname
    vrf eth0
    virtual_ipaddress {
        192.0.2.10/24
    }
}
`,
      },
      realTool: "\\(VI_1\\) Cannot specify VRF interface and interface - ignoring",
      expect: [
        { line: 6, messageId: "said" },
        { line: 7, messageId: "said" },
        { line: 8, messageId: "said" },
        { line: 9, messageId: "said" },
      ],
    },
  ],
});
