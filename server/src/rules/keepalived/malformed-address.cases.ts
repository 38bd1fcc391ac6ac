import { defineCases } from "../rule.js";
import type rule from "./malformed-address.js";
import { BACKUP_INSTANCE_HEAD as instance, VIP_100_WIDE } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "a prefix or a range on source and peer addresses is cut off, as keepalived does",
      files: {
        "keepalived.conf": `${instance}    unicast_src_ip 192.168.0.91/24
    unicast_peer {
        192.168.0.92/24
        192.168.0.93-95
    }
    virtual_ipaddress {
        192.168.0.100/24 dev eth0
        192.168.0.101
    }
}
`,
      },
    },
    {
      name: "a multicast group",
      files: {
        "keepalived.conf": `${instance}    mcast_dst_ip 224.0.0.19
${VIP_100_WIDE}}
`,
      },
    },
  ],
  invalid: [
    {
      name: "typo in the source address",
      files: {
        "keepalived.conf": `${instance}    unicast_src_ip 192.0.2.311
    unicast_peer {
        192.0.2.12
    }
${VIP_100_WIDE}}
`,
      },
      realTool: "malformed src address\\[192.0.2.311\\]",
      expect: [{ line: 6, messageId: "sourceNotAddress" }],
    },
    {
      name: "the only peer is malformed: multicast",
      files: {
        "keepalived.conf": `${instance}    unicast_src_ip 192.0.2.11
    unicast_peer {
        192.0.2.x
    }
${VIP_100_WIDE}}
`,
      },
      realTool: "malformed unicast peer address",
      expect: [{ line: 8, messageId: "lastPeerMulticast" }],
    },
    {
      name: "the only peer is malformed, with unicast_fault_no_peer",
      files: {
        "keepalived.conf": `${instance}    unicast_src_ip 192.0.2.11
    unicast_fault_no_peer
    unicast_peer {
        192.0.2.x
    }
${VIP_100_WIDE}}
`,
      },
      realTool: "malformed unicast peer address",
      expect: [{ line: 9, messageId: "lastPeerFault" }],
    },
    {
      name: "one of two peers is malformed (a leading zero, and a '-' after the prefix)",
      files: {
        "keepalived.conf": `${instance}    unicast_src_ip 192.0.2.11
    unicast_peer {
        192.0.2.12
        192.0.2.013
        192.0.2.14/24-x
    }
${VIP_100_WIDE}}
`,
      },
      realTool: "malformed unicast peer address\\[192.0.2.013\\]",
      expect: [
        { line: 9, messageId: "peerNotAddress" },
        { line: 10, messageId: "peerNotAddress" },
      ],
    },
    {
      name: "multicast groups keepalived cannot use",
      files: {
        "keepalived.conf": `${instance}    mcast_dst_ip 224.0.0.300
    mcast_dst_ip 192.0.2.5
${VIP_100_WIDE}}
`,
      },
      realTool: "mcast_dst_ip 192.0.2.5 not multicast",
      expect: [
        { line: 6, messageId: "groupNotAddress" },
        { line: 7, messageId: "groupNotMulticast" },
      ],
    },
    {
      name: "a virtual address range and bad prefix lengths",
      files: {
        "keepalived.conf": `${instance}    virtual_ipaddress {
        192.0.2.100-102
        192.0.2.103/33
        192.0.2.104/24x
        192.0.2.105/
    }
}
`,
      },
      realTool: "VRRP parsed invalid IP 192.0.2.100-102",
      expect: [
        { line: 7, messageId: "vipNotAddress" },
        { line: 8, messageId: "prefixOutOfRange" },
        { line: 9, messageId: "prefixNotNumber" },
        { line: 10, messageId: "emptyPrefix" },
      ],
    },
    {
      name: "global multicast groups keepalived skips or warns about",
      files: {
        "keepalived.conf": `global_defs {
    vrrp_mcast_group4 224.0.0.300
    vrrp_mcast_group4 ff02::12
    vrrp_mcast_group4 192.0.2.18
    vrrp_mcast_group6 224.0.0.18
    vrrp_mcast_group6 2001:db8::12
    vrrp_mcast_group6 ff05::12
    vrrp_mcast_group6 ff02::12
    vrrp_mcast_group4 224.0.0.18
}
`,
      },
      realTool:
        "Can't parse vrrp_mcast_group4 \\[224.0.0.300\\]. Skipping[^]*vrrp_mcast_group4 \\[ff02::12\\] is not " +
        "IPv4[^]*is not multicast[^]*vrrp_mcast_group6 \\[224.0.0.18\\] is not IPv6[^]*" +
        "vrrp_mcast_group6 \\[ff05::12\\] should be link-local multicast",
      expect: [
        { line: 2, messageId: "globalGroupNotAddress" },
        { line: 3, messageId: "globalGroupFamily" },
        { line: 4, messageId: "globalGroupNotMulticast" },
        { line: 5, messageId: "globalGroupFamily" },
        { line: 6, messageId: "globalGroupNotMulticast" },
        { line: 7, messageId: "globalGroupNotLinkLocal" },
      ],
    },
  ],
});
