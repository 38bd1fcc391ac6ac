import { defineCases } from "../rule.js";
import type rule from "./nopreempt-with-weighted-checks.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "nopreempt with a weight-0 check",
      files: {
        "keepalived.conf": `global_defs {
  enable_script_security
  script_user root
}
vrrp_script chk_haproxy {
  script "/usr/bin/pgrep haproxy"
}
vrrp_instance VI_1 {
  state BACKUP
  nopreempt
  interface eth0
  virtual_router_id 51
  priority 100
  track_script {
    chk_haproxy
  }
}
`,
      },
    },
    {
      name: "weighted check without nopreempt",
      files: {
        "keepalived.conf": `global_defs {
  enable_script_security
  script_user root
}
vrrp_script chk_haproxy {
  script "/usr/bin/pgrep haproxy"
  weight -30
}
vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority 100
  track_script {
    chk_haproxy
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "nopreempt with weight -30",
      files: {
        "keepalived.conf": `global_defs {
  enable_script_security
  script_user root
}
vrrp_script chk_haproxy {
  script "/usr/bin/pgrep haproxy"
  interval 2
  weight -30
}
vrrp_instance VI_1 {
  state BACKUP
  nopreempt
  interface eth0
  virtual_router_id 51
  priority 120
  track_script {
    chk_haproxy
  }
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
      expect: [{ line: 12, messageId: "weightedChecks" }],
    },
  ],
});
