import { defineCases } from "../rule.js";
import type rule from "./strict-mode-resets.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "strict, BACKUP, no auth",
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict
}
vrrp_instance VI_1 {
  state BACKUP
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
    {
      name: "authentication without strict mode",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  state MASTER
  interface eth0
  virtual_router_id 51
  priority 150
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
      name: "strict MASTER with auth and preempt_delay",
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict
}
vrrp_instance VI_1 {
  state MASTER
  interface eth0
  virtual_router_id 51
  priority 150
  preempt_delay 10
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
      realTool: "State MASTER must match being address owner",
      expect: [
        { line: 5, messageId: "stateReset" },
        { line: 9, messageId: "preemptDelayReset" },
        { line: 11, messageId: "authIgnored" },
      ],
    },
    {
      name: "strict with state MASTER written twice",
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict
}
vrrp_instance VI_1 {
  state MASTER
  interface eth0
  state MASTER
  virtual_router_id 51
  priority 150
}
`,
      },
      expect: [{ line: 7, messageId: "stateReset" }],
      fixed: {
        "keepalived.conf": `global_defs {
  vrrp_strict
}
vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  state BACKUP
  virtual_router_id 51
  priority 150
}
`,
      },
    },
  ],
});
