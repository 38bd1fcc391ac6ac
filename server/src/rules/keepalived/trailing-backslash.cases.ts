import { defineCases } from "../rule.js";
import type rule from "./trailing-backslash.js";
import { BACKUP_INSTANCE_HEAD, OPEN_BACKUP_VI_1_WIDE, VIP_100_WIDE } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "a multi-line definition",
      files: {
        "keepalived.conf": `$ADDRS=192.0.2.100/24 \\
192.0.2.101/24
${BACKUP_INSTANCE_HEAD}    virtual_ipaddress {
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
        "keepalived.conf": `${OPEN_BACKUP_VI_1_WIDE}    priority \\
        150
${VIP_100_WIDE}}
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
