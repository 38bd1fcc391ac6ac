import { defineCases } from "../rule.js";
import type rule from "./virtual-router-id-invalid.js";
import { VIP_10 } from "./example-configs.js";

const instance = (vrid: string): string => `vrrp_instance VI_1 {
  interface eth0
${vrid}  priority 100
${VIP_10}}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "VRID 51",
      files: {
        "keepalived.conf": instance(`  virtual_router_id 51
`),
      },
    },
  ],
  invalid: [
    {
      name: "out of range",
      files: {
        "keepalived.conf": instance(`  virtual_router_id 256
`),
      },
      realTool: "VRID '256' not valid",
      expect: [{ line: 3, messageId: "invalid" }],
    },
    {
      name: "read outside the instance: an unknown block's '}' ends it early",
      files: {
        "keepalived.conf": instance(`  auth_hmac {
  }
  virtual_router_id 51
`),
      },
      withRules: ["KA018"],
      realTool: "the virtual router id must be set",
      expect: [{ line: 1, messageId: "readOutside" }],
    },
    {
      name: "not a number",
      files: {
        "keepalived.conf": instance(`  virtual_router_id fifty
`),
      },
      realTool: "invalid number 'fifty'",
      expect: [{ line: 3, messageId: "invalid" }],
    },
    {
      name: "missing",
      files: { "keepalived.conf": instance("") },
      realTool: "the virtual router id must be set",
      expect: [{ line: 1, column: 15, messageId: "missing" }],
    },
  ],
});
