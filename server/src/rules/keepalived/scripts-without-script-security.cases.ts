import { defineCases } from "../rule.js";
import type rule from "./scripts-without-script-security.js";
import { OPEN_VI_1, SCRIPT_SECURITY, TRACK_CHK_HAPROXY, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "security enabled",
      files: {
        "keepalived.conf": `${SCRIPT_SECURITY}vrrp_script chk {
  script "/usr/bin/test -e /run/haproxy.pid"
}
`,
      },
    },
    {
      name: "no scripts",
      files: {
        "keepalived.conf": `${OPEN_VI_1}${VIP_10}}
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
${OPEN_VI_1}${VIP_10}  track_script {
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
${OPEN_VI_1}${VIP_10}${TRACK_CHK_HAPROXY}  notify_master "/bin/true"
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
