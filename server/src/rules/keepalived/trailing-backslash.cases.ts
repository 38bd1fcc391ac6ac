import { defineCases } from "../rule.js";
import type rule from "./trailing-backslash.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "a multi-line definition",
      files: {
        "keepalived.conf": `$ADDRS=192.0.2.100/24 \\
192.0.2.101/24
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    virtual_ipaddress {
        $ADDRS
    }
}
`,
      },
    },
    {
      name: "an escaped backslash pair",
      files: {
        "keepalived.conf": `global_defs {
    router_id lb01\\\\
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "a continued keyword line",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority \\
        150
    virtual_ipaddress {
        192.0.2.100/24
    }
}
`,
      },
      realTool: "Unknown keyword 'priority\\\\'",
      expect: [{ line: 5, messageId: "trailingBackslash" }],
    },
    {
      name: "a backslash after the last word of router_id: keepalived keeps it and says nothing",
      files: {
        "keepalived.conf": `global_defs {
    router_id lb01 \\
}
`,
      },
      expect: [{ line: 2, messageId: "trailingBackslash" }],
    },
  ],
});
