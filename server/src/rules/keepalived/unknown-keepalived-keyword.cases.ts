import { defineCases } from "../rule.js";
import type rule from "./unknown-keepalived-keyword.js";
import {
  instanceWith as instance,
  CHK_HAPROXY,
  OPEN_MASTER_VI_1,
  TRACK_CHK_HAPROXY,
  VIP_10,
} from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "common VRRP configuration",
      files: {
        "keepalived.conf": `global_defs {
  router_id lb01
  enable_script_security
  script_user root
}
${CHK_HAPROXY}${OPEN_MASTER_VI_1}  priority 120
  advert_int 1
  authentication {
    auth_type PASS
    auth_pass secret12
  }
  virtual_ipaddress {
    192.0.2.10/24 dev eth0
  }
${TRACK_CHK_HAPROXY}}
`,
      },
    },
  ],
  invalid: [
    {
      name: "typo",
      files: {
        "keepalived.conf": instance(`  priorty 150
`),
      },
      realTool: "Unknown keyword 'priorty'",
      expect: [{ line: 5, messageId: "unknown" }],
    },
    {
      name: "keyword in the wrong block",
      files: {
        "keepalived.conf": `global_defs {
  priority 100
}
`,
      },
      realTool: "Unknown keyword 'priority'",
      expect: [{ line: 2, messageId: "wrongBlock" }],
    },
    {
      name: "keyword of a newer version",
      files: {
        "keepalived.conf": `global_defs {
  json_dump_file /tmp/keepalived.json
}
`,
      },
      realTool: "Unknown keyword 'json_dump_file'",
      expect: [{ line: 2, messageId: "newerVersion" }],
    },
    {
      name: "an unknown block ends the instance early: the rest is read at the top level",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  interface eth0
  auth_hmac {
    priority 120
  }
  virtual_router_id 51
${VIP_10}}
`,
      },
      withRules: ["KA022"],
      realTool: "Unknown keyword 'virtual_router_id'",
      expect: [
        // The braces keepalived ignores or reads as keywords are KA019's (lines 3, 7, 9, 10).
        { line: 3, messageId: "newerVersion" },
        { line: 6, messageId: "wrongBlock" },
        { line: 7, messageId: "wrongBlock" },
        { line: 8, messageId: "unknown" },
      ],
    },
  ],
});
