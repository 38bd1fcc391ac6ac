import { defineCases } from "../rule.js";
import type rule from "./invalid-state.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "upper case",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  state MASTER
  interface eth0
  virtual_router_id 51
  priority 150
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
      name: "lower case master",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  state master
  interface eth0
  virtual_router_id 51
  priority 150
  virtual_ipaddress {
    192.0.2.10/24
  }
}
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
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
      realTool: "unknown state 'PRIMARY', defaulting to BACKUP",
      expect: [{ line: 2, messageId: "unknown" }],
    },
    {
      name: "state BACKUP after state MASTER",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 100
    state BACKUP
    virtual_ipaddress {
        192.0.2.100/24
    }
}
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
