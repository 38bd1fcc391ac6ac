import { defineCases } from "../rule.js";
import type rule from "./duplicate-block-name.js";

const instance = (name: string, vrid: number, vip: string): string => `vrrp_instance ${name} {
  interface eth0
  virtual_router_id ${vrid}
  virtual_ipaddress {
    ${vip}
  }
}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "two instances with their own names",
      files: { "keepalived.conf": instance("VI_1", 51, "192.0.2.10/24") + instance("VI_2", 52, "192.0.2.11/24") },
    },
  ],
  invalid: [
    {
      name: "the second VI_1 is skipped",
      files: { "keepalived.conf": instance("VI_1", 51, "192.0.2.10/24") + instance("VI_1", 52, "192.0.2.11/24") },
      realTool: "vrrp instance VI_1 already defined",
      expect: [{ line: 8, column: 15, messageId: "duplicate" }],
    },
    {
      name: "two sync groups of one name",
      files: {
        "keepalived.conf": `${instance("VI_1", 51, "192.0.2.10/24")}${instance("VI_2", 52, "192.0.2.11/24")}vrrp_sync_group G1 {
  group {
    VI_1
    VI_2
  }
}
vrrp_sync_group G1 {
  group {
    VI_2
  }
}
`,
      },
      realTool: "vrrp sync group G1 already defined",
      expect: [{ line: 21, messageId: "duplicate" }],
    },
  ],
});
