import { defineCases } from "../rule.js";
import type rule from "./malformed-address.js";

const instance = `vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority 100
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "addresses keepalived reads",
      files: {
        "keepalived.conf": `${instance}  unicast_src_ip 192.0.2.11
  unicast_peer {
    192.0.2.12
    2001:db8::12
  }
  virtual_ipaddress {
    192.0.2.100/24 dev eth0
    192.0.2.101
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "typo in the source address",
      files: {
        "keepalived.conf": `${instance}  unicast_src_ip 192.0.2.311
  unicast_peer {
    192.0.2.12
  }
  virtual_ipaddress {
    192.0.2.100/24
  }
}
`,
      },
      realTool: "malformed src address",
      expect: [{ line: 6, messageId: "sourceNotAddress" }],
    },
    {
      name: "the only peer is malformed: multicast",
      files: {
        "keepalived.conf": `${instance}  unicast_src_ip 192.0.2.11
  unicast_peer {
    192.0.2.x
  }
  virtual_ipaddress {
    192.0.2.100/24
  }
}
`,
      },
      realTool: "malformed unicast peer address",
      expect: [{ line: 8, messageId: "lastPeerNotAddress" }],
    },
    {
      name: "one of two peers is malformed",
      files: {
        "keepalived.conf": `${instance}  unicast_src_ip 192.0.2.11
  unicast_peer {
    192.0.2.12
    192.0.2.1x
  }
  virtual_ipaddress {
    192.0.2.100/24
  }
}
`,
      },
      realTool: "malformed unicast peer address",
      expect: [{ line: 9, messageId: "peerNotAddress" }],
    },
    {
      name: "a virtual address range and a prefix out of range",
      files: {
        "keepalived.conf": `${instance}  virtual_ipaddress {
    192.0.2.100-102
    192.0.2.103/33
  }
}
`,
      },
      realTool: "VRRP parsed invalid IP",
      expect: [
        { line: 7, messageId: "vipNotAddress" },
        { line: 8, messageId: "prefixOutOfRange", severity: "warning" },
      ],
    },
  ],
});
