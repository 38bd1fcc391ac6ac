import { defineCases } from "../rule.js";
import type rule from "./duplicate-vrid.js";
import { OPEN_VI_1, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "different VRIDs",
      files: {
        "keepalived.conf": `${OPEN_VI_1}${VIP_10}}
vrrp_instance VI_2 {
  interface eth0
  virtual_router_id 52
  virtual_ipaddress {
    192.0.2.11/24
  }
}
`,
      },
    },
    {
      name: "same VRID on different interfaces",
      files: {
        "keepalived.conf": `${OPEN_VI_1}${VIP_10}}
vrrp_instance VI_2 {
  interface eth1
  virtual_router_id 51
  virtual_ipaddress {
    198.51.100.10/24
  }
}
`,
      },
    },
    {
      name: "a unicast and a multicast instance with one VRID",
      files: {
        "keepalived.conf": `${OPEN_VI_1}${VIP_10}}
vrrp_instance VI_2 {
  interface eth0
  virtual_router_id 51
  unicast_src_ip 192.0.2.1
  unicast_peer {
    192.0.2.2
  }
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
      name: "copy-pasted instance",
      files: {
        "keepalived.conf": `${OPEN_VI_1}${VIP_10}}
vrrp_instance VI_2 {
  interface eth0
  virtual_router_id 51
  virtual_ipaddress {
    192.0.2.11/24
  }
}
`,
      },
      realTool: "VI_1 and VI_2 both use VRID 51 with IPv4 on interface eth0",
      expect: [{ line: 10, messageId: "multicast" }],
    },
    {
      name: "unicast instances from one source to one peer",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  unicast_src_ip 192.0.2.1
  unicast_peer {
    192.0.2.2
  }
${VIP_10}}
vrrp_instance VI_2 {
  interface eth0
  virtual_router_id 51
  unicast_src_ip 192.0.2.1
  unicast_peer {
    192.0.2.2
  }
  virtual_ipaddress {
    192.0.2.11/24
  }
}
`,
      },
      realTool: "\\(VI_1\\) duplicate VRID conflict with VI_2 VRID 51",
      expect: [{ line: 3, messageId: "unicast" }],
    },
  ],
});
