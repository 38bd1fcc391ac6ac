import { defineCases } from "../rule.js";
import type rule from "./missing-parameter.js";
import { BACKUP_INSTANCE_HEAD, OPEN_BACKUP_VI_1_WIDE, OPEN_VI_1_WIDE, VIP_100_WIDE } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "every keyword with its value",
      files: {
        "keepalived.conf": `${BACKUP_INSTANCE_HEAD}${VIP_100_WIDE}}
`,
      },
    },
    {
      name: "keywords that take no value",
      files: {
        "keepalived.conf": `${BACKUP_INSTANCE_HEAD}    nopreempt
    dont_track_primary
${VIP_100_WIDE}}
`,
      },
    },
  ],
  invalid: [
    {
      name: "state without its value",
      files: {
        "keepalived.conf": `${OPEN_VI_1_WIDE}    priority 100
    state
${VIP_100_WIDE}}
`,
      },
      realTool: "missing a parameter after keyword `state` at word position 2",
      expect: [{ line: 5, messageId: "missingValue" }],
    },
    {
      name: "a brace before the value",
      files: {
        "keepalived.conf": `${OPEN_BACKUP_VI_1_WIDE}    priority {100}
${VIP_100_WIDE}}
`,
      },
      realTool: "missing a parameter after keyword `priority` at word position 2",
      expect: [{ line: 5, messageId: "cutByBrace" }],
    },
    {
      name: "an unterminated quote removes the value",
      files: {
        "keepalived.conf": `${OPEN_VI_1_WIDE}    priority 100
    authentication {
        auth_type PASS
        auth_pass "k33pal1v
    }
${VIP_100_WIDE}}
`,
      },
      realTool: "missing a parameter after keyword `auth_pass` at word position 2",
      expect: [{ line: 7, messageId: "missingValue" }],
    },
    {
      name: "a vrrp_script without its name",
      files: {
        "keepalived.conf": `vrrp_script {
    script "/usr/bin/pgrep -x haproxy"
}
`,
      },
      realTool: "missing a parameter after keyword `vrrp_script` at word position 2",
      expect: [{ line: 1, messageId: "missingValue" }],
    },
    {
      name: "a word after the name of a virtual_server_group",
      files: {
        "keepalived.conf": `virtual_server_group VSG_1 extra {
    192.0.2.10 80
}
`,
      },
      realTool: "starting `\\*\\*\\*MISSING \\*\\*\\*` is missing a parameter at word position 1",
      expect: [{ line: 1, messageId: "wordAfterName" }],
    },
  ],
});
