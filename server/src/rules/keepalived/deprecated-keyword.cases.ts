import { defineCases } from "../rule.js";
import type rule from "./deprecated-keyword.js";
import { BACKUP_INSTANCE_HEAD, OPEN_VI_1_WIDE, VIP_100_WIDE } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "the current keywords",
      files: {
        "keepalived.conf": `global_defs {
    lvs_sync_daemon eth0 VI_1
}
${BACKUP_INSTANCE_HEAD}    virtual_ipaddress {
        192.0.2.10/24
    }
}
virtual_server 192.0.2.10 80 {
    real_server 192.0.2.21 80 {
        HTTP_GET {
            url {
                path /
                status_code 200
            }
            retry 3
        }
    }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "deprecated keywords in an instance, a sync group and a checker",
      files: {
        "keepalived.conf": `global_defs {
    vrrp_vmac_garp_intvl 10
}
${BACKUP_INSTANCE_HEAD}    lvs_sync_daemon_interface eth0
    virtual_ipaddress {
        192.0.2.10/24
    }
}
vrrp_sync_group G1 {
    group {
        VI_1
    }
    global_tracking
}
virtual_server 192.0.2.10 80 {
    real_server 192.0.2.21 80 {
        HTTP_GET {
            url {
                path /
                status_code 200
            }
            nb_get_retry 3
        }
    }
}
`,
      },
      realTool: "nb_get_retry is deprecated - please use 'retry'",
      expect: [
        { line: 2, messageId: "deprecated" },
        { line: 9, messageId: "deprecated" },
        { line: 18, messageId: "deprecated" },
        { line: 27, messageId: "deprecated" },
      ],
    },
    {
      name: "a second lvs_sync_daemon_interface is ignored",
      files: {
        "keepalived.conf": `${BACKUP_INSTANCE_HEAD}    lvs_sync_daemon_interface eth0
    virtual_ipaddress {
        192.0.2.10/24
    }
}
vrrp_instance VI_2 {
    state BACKUP
    interface eth0
    virtual_router_id 52
    priority 100
    lvs_sync_daemon_interface eth0
    virtual_ipaddress {
        192.0.2.11/24
    }
}
`,
      },
      realTool: "\\(VI_2\\) lvs_sync_daemon_interface has already been specified as eth0 - ignoring",
      expect: [
        { line: 6, messageId: "deprecated" },
        { line: 16, messageId: "syncDaemonTaken" },
      ],
    },
    {
      name: "2.3: thread_timer_expired",
      settings: { keepalivedVersion: "2.3" },
      files: {
        "keepalived.conf": `${OPEN_VI_1_WIDE}    priority 100
    nopreempt
    thread_timer_expired
${VIP_100_WIDE}}
`,
      },
      realTool: "\\(VI_1\\) thread_timer_expired - please replace with keyword 'timer_expired_backup'",
      expect: [{ line: 6, messageId: "deprecated" }],
    },
  ],
});
