import { defineCases } from "../rule.js";
import type rule from "./unicast-peer-is-self.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "only the other node",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  unicast_src_ip 192.0.2.11
  unicast_peer {
    192.0.2.12
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "shared peer list",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  unicast_src_ip 192.0.2.11
  unicast_peer {
    192.0.2.11
    192.0.2.12
  }
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
      expect: [{ line: 6, messageId: "peerIsSelf" }],
    },
  ],
});
