import { defineCases } from "../rule.js";
import type rule from "./fractional-advert-int.js";
import { OPEN_VI_1, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "integer",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  advert_int 1
${VIP_10}}
`,
      },
    },
    {
      name: "fraction with VRRPv3",
      files: {
        "keepalived.conf": `global_defs {
  vrrp_version 3
}
${OPEN_VI_1}  advert_int 0.5
${VIP_10}}
`,
      },
    },
    {
      name: "VRRPv3: 40.95 and a whole number of centiseconds",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  version 3
  advert_int 40.95
${VIP_10}}
vrrp_instance VI_2 {
  interface eth0
  virtual_router_id 52
  version 3
  advert_int 0.25
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
      name: "1.5 under VRRPv2",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  advert_int 1.5
${VIP_10}}
`,
      },
      realTool: "VRRPv2 advertisement interval 1.500000s must be an integer. rounding",
      expect: [{ line: 4, messageId: "fractional" }],
    },
    {
      name: "0.3 becomes 1",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  advert_int 0.3
}
`,
      },
      expect: [{ line: 4, messageId: "fractional" }],
    },
    {
      name: "VRRPv3: 50 s is set to 40.95, 0.015 is rounded",
      files: {
        "keepalived.conf": `global_defs {
  vrrp_version 3
}
${OPEN_VI_1}  advert_int 50
${VIP_10}}
vrrp_instance VI_2 {
  interface eth0
  virtual_router_id 52
  advert_int 0.015
  virtual_ipaddress {
    192.0.2.11/24
  }
}
`,
      },
      realTool:
        "\\(VI_1\\) VRRPv3 advertisement interval 50.00s is out of range. Must be less than 40.96s. Setting to " +
        "40.95s[^]*\\(VI_2\\) VRRPv3 advertisement interval 0.015000s must be in units of 10ms - rounding",
      expect: [
        { line: 7, messageId: "v3OutOfRange" },
        { line: 15, messageId: "v3Rounded" },
      ],
    },
    {
      name: "IPv6 instance (VRRPv3 by default) on every version",
      settings: { keepalivedVersion: "2.3" },
      files: {
        "keepalived.conf": `${OPEN_VI_1}  advert_int 41
  virtual_ipaddress {
    2001:db8::10/64
  }
}
`,
      },
      realTool: "VRRPv3 advertisement interval 41.00s is out of range",
      expect: [{ line: 4, messageId: "v3OutOfRange" }],
    },
  ],
});
