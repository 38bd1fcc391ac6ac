import { defineCases } from "../rule.js";
import type rule from "./fractional-advert-int.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "integer",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  advert_int 1
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
    },
    {
      name: "fraction with VRRPv3",
      files: {
        "keepalived.conf": `global_defs {
  vrrp_version 3
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  advert_int 0.5
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "1.5 under VRRPv2",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  advert_int 1.5
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
      realTool: "VRRPv2 advertisement interval 1.500000s must be an integer. rounding",
      expect: [{ line: 4, messageId: "fractional" }],
    },
    {
      name: "0.3 becomes 1",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  advert_int 0.3
}
`,
      },
      expect: [{ line: 4, messageId: "fractional" }],
    },
  ],
});
