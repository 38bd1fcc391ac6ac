import { defineCases } from "../rule.js";
import type rule from "./no-virtual-address.js";
import { BACKUP_INSTANCE_HEAD } from "./example-configs.js";

const head = `${BACKUP_INSTANCE_HEAD}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "one readable VIP among unreadable ones",
      files: {
        "keepalived.conf": `${head}    virtual_ipaddress {
        192.0.2.100-102
        192.0.2.101/24
    }
}
`,
      },
    },
    {
      name: "an IPv6 instance with a VIP",
      files: {
        "keepalived.conf": `${head}    virtual_ipaddress {
        2001:db8::100/64
    }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "no virtual_ipaddress in an IPv4 VRRPv2 instance: a warning",
      files: {
        "keepalived.conf": `${head}}
`,
      },
      realTool: "No VIP specified; at least one is sensible",
      expect: [{ line: 1, messageId: "sensible", severity: "warning" }],
    },
    {
      name: "the only IPv6 VIP is a range: the VRRP process stops",
      files: {
        "keepalived.conf": `${head}    unicast_src_ip 2001:db8::9
    unicast_peer {
        2001:db8::8
    }
    virtual_ipaddress {
        2001:db8::1-5
    }
}
`,
      },
      realTool: "No VIP specified; at least one is required",
      expect: [{ line: 1, messageId: "required", severity: "error" }],
    },
    {
      name: "strict mode and the only VIP unreadable",
      files: {
        "keepalived.conf": `global_defs {
    vrrp_strict
}
${head}    virtual_ipaddress {
        192.0.2.300/24
    }
}
`,
      },
      realTool: "No VIP specified; at least one is required",
      expect: [{ line: 4, messageId: "required", severity: "error" }],
    },
    {
      name: "VRRPv3 set globally and no VIP",
      files: {
        "keepalived.conf": `global_defs {
    vrrp_version 3
}
${head}}
`,
      },
      realTool: "No VIP specified; at least one is required",
      expect: [{ line: 4, messageId: "required", severity: "error" }],
    },
  ],
});
