import { defineCases } from "../rule.js";
import type rule from "./unbalanced-braces.js";
import { BACKUP_INSTANCE_HEAD, OPEN_BACKUP_VI_1_WIDE, VIP_100_WIDE } from "./example-configs.js";

const vips = `${VIP_100_WIDE}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "blocks opened on the keyword line, on the next line, and inline",
      files: {
        "keepalived.conf": `vrrp_instance VI_1
{
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    virtual_ipaddress { 192.0.2.100/24 }
}
`,
      },
    },
    {
      name: "a brace inside double quotes is text",
      files: {
        "keepalived.conf": `global_defs {
    router_id "lb{01}"
}
`,
      },
    },
    {
      name: "the name of a virtual_server_group is not an extra word",
      files: {
        "keepalived.conf": `virtual_server_group VSG_1 {
    192.0.2.10 80
    192.0.2.20-30 80
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "a stray '{' after a value is ignored and counted",
      files: {
        "keepalived.conf": `${OPEN_BACKUP_VI_1_WIDE}    priority 100 {
    advert_int 1
${vips}}
`,
      },
      realTool: "Unexpected '\\{' - ignoring",
      expect: [{ line: 5, column: 18, messageId: "unexpectedOpen" }],
    },
    {
      name: "a block under an unknown keyword: its '}' closes the instance",
      files: {
        "keepalived.conf": `${BACKUP_INSTANCE_HEAD}${vips}    track_interfaces {
        eth1
    }
}
`,
      },
      realTool: "Unknown keyword '\\}'",
      expect: [
        { line: 9, messageId: "unexpectedOpen" },
        { line: 12, messageId: "closeAtTop" },
      ],
    },
    {
      name: "extra closing brace",
      files: {
        "keepalived.conf": `global_defs {
    router_id lb01
}
}
`,
      },
      realTool: "Extra '\\}' found",
      expect: [{ line: 4, messageId: "extraClose" }],
    },
    {
      name: "block never closed",
      files: {
        "keepalived.conf": `${BACKUP_INSTANCE_HEAD}${vips}`,
      },
      realTool: "There are 1 missing '\\}'s or extra '\\{'s",
      expect: [{ line: 1, messageId: "unclosed" }],
    },
    {
      name: "a block keyword without its '{'",
      files: {
        "keepalived.conf": `global_defs {
    router_id lb01
}
${BACKUP_INSTANCE_HEAD}    virtual_ipaddress
        192.0.2.100/24
    }
}
`,
      },
      realTool: "Extra '\\}' found",
      expect: [
        { line: 10, messageId: "missingListOpen" },
        { line: 12, messageId: "extraClose" },
        { line: 12, messageId: "skippedUnknown" },
      ],
    },
    {
      name: "a block of keywords without its '{'",
      files: {
        "keepalived.conf": `${BACKUP_INSTANCE_HEAD}${vips}    authentication
        auth_type PASS
        auth_pass k33pal1v
    }
}
`,
      },
      realTool: "Missing '\\{' at beginning of configuration block",
      expect: [
        { line: 10, messageId: "missingOpen" },
        { line: 13, messageId: "extraClose" },
        { line: 13, messageId: "skippedUnknown" },
      ],
    },
    {
      name: "past 20 of one kind in a file, one finding counts the rest",
      files: {
        "keepalived.conf": `global_defs {
    router_id lb01${" {".repeat(23)}
}
`,
      },
      realTool: "Unexpected '\\{' - ignoring",
      expect: [
        ...Array.from({ length: 20 }, () => ({ line: 2, messageId: "unexpectedOpen" as const })),
        { line: 2, messageId: "more" },
      ],
    },
    {
      name: "words between a list block's keyword and its '{'",
      files: {
        "keepalived.conf": `${BACKUP_INSTANCE_HEAD}    virtual_ipaddress primary {
        192.0.2.100/24
    }
}
`,
      },
      realTool: "Block virtual_ipaddress has extra parameters primary",
      expect: [{ line: 6, messageId: "extraWords" }],
    },
    {
      name: "a list block without its '{': the processes that skip the instance end it at the list's '}'",
      files: {
        "keepalived.conf": `${OPEN_BACKUP_VI_1_WIDE}    unicast_src_ip 192.0.2.1
    unicast_peer
        192.0.2.2
    }
    priority 100
${VIP_100_WIDE}}
`,
      },
      realTool: "Unknown keyword 'priority'[^]*Unexpected '\\{' - ignoring[^]*Unknown keyword '192.0.2.100/24'",
      expect: [
        { line: 7, messageId: "missingListOpen" },
        { line: 9, messageId: "skippedUnknown" },
        { line: 10, messageId: "skippedUnknown" },
        { line: 10, messageId: "skippedOpen" },
        { line: 11, messageId: "skippedUnknown" },
        { line: 12, messageId: "skippedUnknown" },
        { line: 13, messageId: "extraClose" },
        { line: 13, messageId: "skippedUnknown" },
      ],
    },
  ],
});
