import { defineCases } from "../rule.js";
import type rule from "./scripts-without-script-security.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "security enabled",
      files: {
        "keepalived.conf": `global_defs {
  enable_script_security
  script_user root
}
vrrp_script chk {
  script "/usr/bin/test -e /run/haproxy.pid"
}
`,
      },
    },
    {
      name: "no scripts",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
    },
    {
      name: "scripts but no vrrp_instance: keepalived checks none",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/usr/bin/test -e /run/haproxy.pid"
}
`,
      },
    },
    {
      name: "a check that only opens a file",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "</etc/hostname"
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  virtual_ipaddress {
    192.0.2.10/24
  }
  track_script {
    chk
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "a MISC_CHECK script without script security",
      files: {
        "keepalived.conf": `virtual_server 192.0.2.10 80 {
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server 192.0.2.21 80 {
        weight 1
        MISC_CHECK {
            misc_path "/usr/bin/true"
        }
    }
}
`,
      },
      realTool: "SECURITY VIOLATION - check scripts are being executed but script_security not enabled",
      expect: [{ line: 8, messageId: "checkWithoutSecurity" }],
    },
    {
      name: "check script without security",
      files: {
        "keepalived.conf": `global_defs {
  router_id lb01
}
vrrp_script chk_haproxy {
  script "/usr/bin/test -e /run/haproxy.pid"
  interval 2
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  virtual_ipaddress {
    192.0.2.10/24
  }
  track_script {
    chk_haproxy
  }
  notify_master "/bin/true"
}
`,
      },
      realTool: "SECURITY VIOLATION - scripts are being executed but script_security not enabled",
      expect: [{ line: 5, messageId: "withoutSecurity" }],
    },
    {
      name: "a startup script without security, in a file without instances",
      files: {
        "keepalived.conf": `global_defs {
  router_id lb01
  startup_script "/bin/true"
  shutdown_script "/bin/true"
}
`,
      },
      realTool: "SECURITY VIOLATION - start/shutdown scripts are being executed but script_security not enabled",
      expect: [{ line: 3, messageId: "startStopWithoutSecurity" }],
    },
  ],
});
