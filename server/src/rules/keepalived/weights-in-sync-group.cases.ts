import { defineCases } from "../rule.js";
import type rule from "./weights-in-sync-group.js";
import { OPEN_VI_1, SCRIPT_USER_FIRST, TRACK_CHK_HAPROXY, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "sync_group_tracking_weight set",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/usr/bin/test -e /run/haproxy.pid"
  weight -30
}
vrrp_sync_group G1 {
  group {
    VI_1
    VI_2
  }
  sync_group_tracking_weight
}
${OPEN_VI_1}  priority 120
${VIP_10}  track_script {
    chk
  }
}
vrrp_instance VI_2 {
  interface eth0
  virtual_router_id 52
  priority 120
  virtual_ipaddress {
    192.0.2.11/24
  }
}
`,
      },
    },
    {
      name: "weight-0 check in a sync group",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/usr/bin/test -e /run/haproxy.pid"
}
vrrp_sync_group G1 {
  group {
    VI_1
  }
}
${OPEN_VI_1}  priority 120
${VIP_10}  track_script {
    chk
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "weighted script and interface in a sync group",
      files: {
        "keepalived.conf": `${SCRIPT_USER_FIRST}vrrp_script chk_haproxy {
  script "/usr/bin/test -e /run/haproxy.pid"
  weight -30
}
vrrp_sync_group G1 {
  group {
    VI_1
    VI_2
  }
}
${OPEN_VI_1}  priority 120
${TRACK_CHK_HAPROXY}  track_interface {
    lo weight 10
  }
${VIP_10}}
vrrp_instance VI_2 {
  interface eth0
  virtual_router_id 52
  priority 120
  virtual_ipaddress {
    192.0.2.11/24
  }
}
`,
      },
      realTool: "ignoring tracked script chk_haproxy with weights due to SYNC group",
      expect: [
        { line: 20, messageId: "scriptRemoved" },
        { line: 23, messageId: "interfaceZeroed" },
      ],
    },
    {
      name: "track_file entries of a sync group member",
      files: {
        "keepalived.conf": `vrrp_track_file tf {
  file /etc/hostname
}
vrrp_track_file tf2 {
  file /etc/hosts
  weight 5
}
${OPEN_VI_1}  priority 100
  track_file {
    tf
    tf2 weight 3
  }
${VIP_10}}
vrrp_instance VI_2 {
  interface eth0
  virtual_router_id 52
  priority 100
  virtual_ipaddress {
    192.0.2.11/24
  }
}
vrrp_sync_group G1 {
  group {
    VI_1
    VI_2
  }
}
`,
      },
      realTool: "ignoring tracked file tf2 with weight 3 due to SYNC group",
      expect: [
        { line: 13, messageId: "fileZeroed" },
        { line: 14, messageId: "fileRemoved" },
      ],
    },
  ],
});
