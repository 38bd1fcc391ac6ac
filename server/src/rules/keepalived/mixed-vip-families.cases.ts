import { defineCases } from "../rule.js";
import type rule from "./mixed-vip-families.js";
import { OPEN_VI_1, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "excluded block for IPv6",
      files: {
        "keepalived.conf": `${OPEN_VI_1}${VIP_10}  virtual_ipaddress_excluded {
    2001:db8::10/64
  }
}
`,
      },
    },
    {
      name: "unicast_src_ip set the family before the first virtual address (KA036 reports the IPv6 one)",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  unicast_src_ip 192.0.2.11
  virtual_ipaddress {
    2001:db8::10/64
    192.0.2.10/24
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "IPv6 in an IPv4 list",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  priority 100
  virtual_ipaddress {
    192.0.2.10/24
    2001:db8::10/64
  }
}
`,
      },
      realTool: "address family must match VRRP instance \\[2001:db8::10/64\\] - ignoring",
      expect: [{ line: 7, messageId: "otherFamily" }],
    },
  ],
});
