import { defineCases } from "../rule.js";
import type rule from "./authentication-ignored.js";
import { OPEN_VI_1 } from "./example-configs.js";

const instance = (lines: string, vip = "192.0.2.10/24"): string => `${OPEN_VI_1}  priority 100
${lines}  virtual_ipaddress {
    ${vip}
  }
}
`;
const auth = (
  type: string,
  pass = `  auth_pass k33pal1v
`,
): string => `  authentication {
    auth_type ${type}
  ${pass}  }
`;

export default defineCases<typeof rule>({
  valid: [
    { name: "PASS with VRRPv2", files: { "keepalived.conf": instance(auth("PASS")) } },
    {
      name: "AH on a backup",
      files: {
        "keepalived.conf": instance(`  state BACKUP
${auth("AH")}`),
      },
    },
  ],
  invalid: [
    {
      name: "VRRP version 3",
      files: {
        "keepalived.conf": instance(`  version 3
${auth("PASS")}`),
      },
      realTool: "VRRP version 3 does not support authentication",
      expect: [{ line: 7, messageId: "version3" }],
    },
    {
      name: "no password",
      files: { "keepalived.conf": instance(auth("PASS", "")) },
      realTool: "Authentication specified but no password given",
      expect: [{ line: 6, messageId: "noPassword" }],
    },
    {
      name: "AH with IPv6 and version 2",
      files: {
        "keepalived.conf": instance(
          `  version 2
${auth("AH")}`,
          "2001:db8::10/64",
        ),
      },
      realTool: "Cannot use AH authentication with IPv6",
      expect: [{ line: 7, messageId: "ahWithIpv6" }],
    },
    {
      name: "AH and state MASTER",
      files: {
        "keepalived.conf": instance(`  state MASTER
${auth("AH")}`),
      },
      realTool: "Initial state master is incompatible with AH authentication - clearing",
      expect: [{ line: 7, messageId: "ahWithStateMaster" }],
    },
  ],
});
