import { defineCases } from "../rule.js";
import type rule from "./weights-on-address-owner.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "explicit priority below 255",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/usr/bin/test -e /run/haproxy.pid"
}
vrrp_instance VI_1 {
  state MASTER
  interface eth0
  virtual_router_id 51
  priority 150
  virtual_ipaddress {
    192.0.2.10/24
  }
  track_script {
    chk weight -30
  }
}
`,
      },
    },
    {
      name: "owner with a weight-0 check",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/usr/bin/test -e /run/haproxy.pid"
}
vrrp_instance VI_1 {
  state MASTER
  interface eth0
  virtual_router_id 51
  priority 255
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
      name: "state MASTER without priority",
      files: {
        "keepalived.conf": `global_defs {
  enable_script_security
  script_user root
}
vrrp_script chk_haproxy {
  script "/usr/bin/test -e /run/haproxy.pid"
  weight -30
}
vrrp_instance VI_1 {
  state MASTER
  interface eth0
  virtual_router_id 51
  virtual_ipaddress {
    192.0.2.10/24
  }
  track_script {
    chk_haproxy
  }
}
`,
      },
      realTool: "ignoring tracked script chk_haproxy with weights due to address_owner",
      expect: [{ line: 17, messageId: "scriptRemoved" }],
    },
    {
      name: "priority 255 with a weighted interface",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  state MASTER
  interface eth0
  virtual_router_id 51
  priority 255
  track_interface {
    lo weight -20
  }
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
      expect: [{ line: 7, messageId: "interfaceRemoved" }],
    },
  ],
});
