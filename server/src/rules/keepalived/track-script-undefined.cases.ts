import { defineCases } from "../rule.js";
import type rule from "./track-script-undefined.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "a vrrp_script without its name stops keepalived before the instance (KA046)",
      files: {
        "keepalived.conf": `vrrp_script {
  script "/usr/bin/true"
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority 100
  virtual_ipaddress {
    192.0.2.10/24
  }
  track_script {
    chk_haproxy
  }
}
`,
      },
    },
    {
      name: "script defined before the instance",
      files: {
        "keepalived.conf": `global_defs {
  enable_script_security
  script_user root
}
vrrp_script chk_haproxy {
  script "/usr/bin/test -e /run/haproxy.pid"
  interval 2
  weight -30
}
vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority 100
  virtual_ipaddress {
    192.0.2.10/24
  }
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
      name: "script defined after the instance",
      files: {
        "keepalived.conf": `global_defs {
  enable_script_security
  script_user root
}
vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority 100
  virtual_ipaddress {
    192.0.2.10/24
  }
  track_script {
    chk_haproxy
  }
}
vrrp_script chk_haproxy {
  script "/usr/bin/test -e /run/haproxy.pid"
  interval 2
  weight -30
}
`,
      },
      realTool: "track script chk_haproxy not found, ignoring",
      expect: [{ line: 14, messageId: "definedAfter" }],
    },
    {
      name: "typo in the tracked name",
      files: {
        "keepalived.conf": `vrrp_script chk_haproxy {
  script "/usr/bin/test -e /run/haproxy.pid"
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  virtual_ipaddress {
    192.0.2.10/24
  }
  track_script {
    chk_haproxi
  }
}
`,
      },
      realTool: "track script chk_haproxi not found",
      expect: [{ line: 11, messageId: "notFound" }],
    },
    {
      name: "vrrp_script without a script line, tracked by a sync group",
      files: {
        "keepalived.conf": `vrrp_script chk {
  interval 2
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  virtual_ipaddress {
    192.0.2.10/24
  }
}
vrrp_sync_group G1 {
  group {
    VI_1
  }
  track_script {
    chk
  }
}
`,
      },
      expect: [{ line: 16, messageId: "removed" }],
    },
    {
      name: "the tracked script runs as the default user, which this machine lacks",
      files: {
        "keepalived.conf": `global_defs {
  enable_script_security
}
vrrp_script chk_haproxy {
  script "/usr/bin/test -e /run/haproxy.pid"
  weight -30
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority 100
  virtual_ipaddress {
    192.0.2.10/24
  }
  track_script {
    chk_haproxy
  }
}
`,
      },
      withRules: ["KA003"],
      realTool: "track script chk_haproxy not found, ignoring",
      expect: [{ line: 16, messageId: "removedForUser" }],
    },
  ],
});
