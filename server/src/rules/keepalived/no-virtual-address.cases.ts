import { defineCases } from "../rule.js";
import type rule from "./no-virtual-address.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "one VIP",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
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
      name: "no VIP",
      files: { "keepalived.conf": `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n}\n` },
      realTool: "No VIP specified; at least one is sensible",
      expect: [{ line: 1, messageId: "sensible", severity: "warning" }],
    },
    {
      name: "no VIP with VRRP version 3",
      files: { "keepalived.conf": `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  version 3\n}\n` },
      realTool: "No VIP specified; at least one is required",
      expect: [{ line: 1, messageId: "required", severity: "error" }],
    },
  ],
});
