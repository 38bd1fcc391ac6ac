import { defineCases } from "../rule.js";
import type rule from "./auth-pass-truncated.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "8 characters",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  authentication {
    auth_type PASS
    auth_pass k33pal1v
  }
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
      name: "11 characters",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  authentication {
    auth_type PASS
    auth_pass secret12345
  }
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
      realTool: "Truncating auth_pass to 8 characters",
      expect: [{ line: 6, messageId: "truncated" }],
    },
  ],
});
