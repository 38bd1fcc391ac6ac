import { defineCases } from "../rule.js";
import type rule from "./invalid-state.js";
import { OPEN_MASTER_VI_1, OPEN_MASTER_VI_1_WIDE, VIP_10, VIP_100_WIDE } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "upper case",
      files: {
        "keepalived.conf": `${OPEN_MASTER_VI_1}  priority 150
${VIP_10}}
`,
      },
    },
  ],
  invalid: [
    {
      name: "lower case master",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  state master
  interface eth0
  virtual_router_id 51
  priority 150
${VIP_10}}
`,
      },
      realTool: "unknown state 'master', defaulting to BACKUP",
      expect: [{ line: 2, messageId: "caseOnly" }],
    },
    {
      name: "made-up state",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  state PRIMARY
  interface eth0
  virtual_router_id 51
${VIP_10}}
`,
      },
      realTool: "unknown state 'PRIMARY', defaulting to BACKUP",
      expect: [{ line: 2, messageId: "unknown" }],
    },
    {
      name: "state BACKUP after state MASTER",
      files: {
        "keepalived.conf": `${OPEN_MASTER_VI_1_WIDE}    priority 100
    state BACKUP
${VIP_100_WIDE}}
vrrp_instance VI_2 {
    state MASTER
    state bogus
    state BACKUP
    interface eth0
    virtual_router_id 52
    virtual_ipaddress {
        192.0.2.101/24
    }
}
`,
      },
      realTool: "\\(VI_1\\) state previously set as MASTER - ignoring BACKUP",
      expect: [
        { line: 6, messageId: "backupIgnored" },
        { line: 13, messageId: "unknown" },
      ],
    },
  ],
});
