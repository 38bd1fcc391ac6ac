import { defineCases } from "../rule.js";
import type rule from "./duplicate-vrrp-address.js";
import { OPEN_BACKUP_VI_1, OPEN_VI_1_WIDE } from "./example-configs.js";

const instance = (body: string): string => `${OPEN_BACKUP_VI_1}  priority 100
  unicast_src_ip 192.0.2.11
${body}}
`;
const twice = instance(`  unicast_peer {
    192.0.2.12
    192.0.2.12
  }
  virtual_ipaddress {
    192.0.2.100/24
    192.0.2.100/24
  }
`);

export default defineCases<typeof rule>({
  valid: [
    {
      name: "each address once",
      files: {
        "keepalived.conf": instance(`  unicast_peer {
    192.0.2.12
  }
  virtual_ipaddress {
    192.0.2.100/24
    192.0.2.101/24
  }
`),
      },
    },
  ],
  invalid: [
    {
      name: "repeats kept before 2.3.3",
      settings: { keepalivedVersion: "2.2.7" },
      files: { "keepalived.conf": twice },
      expect: [
        { line: 9, messageId: "peerKept", severity: "info" },
        { line: 13, messageId: "vipKept" },
      ],
    },
    {
      name: "repeats refused from 2.3.3",
      settings: { keepalivedVersion: "2.3.3" },
      files: { "keepalived.conf": twice },
      realTool: "VIP duplicates a VIP",
      expect: [
        { line: 9, messageId: "peerRefused" },
        { line: 13, messageId: "vipRefused" },
      ],
    },
    {
      name: "2.3.3: a VIP that repeats an excluded VIP",
      settings: { keepalivedVersion: "2.3" },
      files: {
        "keepalived.conf": `${OPEN_VI_1_WIDE}    priority 100
    virtual_ipaddress_excluded {
        192.0.2.100/24
    }
    virtual_ipaddress {
        192.0.2.100/24
        192.0.2.101/24
    }
}
`,
      },
      realTool: "\\(VI_1\\): VIP duplicates an excluded VIP 192.0.2.100/24 - ignoring",
      expect: [{ line: 9, messageId: "vipRefused" }],
    },
  ],
});
