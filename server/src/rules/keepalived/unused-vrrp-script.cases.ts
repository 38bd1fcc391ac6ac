import { defineCases } from "../rule.js";
import type rule from "./unused-vrrp-script.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "tracked by an instance",
      files: {
        "keepalived.conf": `vrrp_script chk_haproxy {
  script "/usr/bin/pgrep haproxy"
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  virtual_ipaddress {
    192.0.2.10/24
  }
  track_script {
    chk_haproxy weight -30
  }
}
`,
      },
    },
    {
      name: "tracked by a sync group",
      files: {
        "keepalived.conf": `vrrp_script chk_haproxy {
  script "/usr/bin/pgrep haproxy"
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
}
vrrp_sync_group G {
  group {
    VI_1
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
      name: "check written but never tracked",
      files: {
        "keepalived.conf": `vrrp_script chk_haproxy {
  script "/usr/bin/pgrep haproxy"
  interval 2
  weight -30
}
vrrp_instance VI_1 {
  state MASTER
  interface eth0
  virtual_router_id 51
  priority 120
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
      expect: [{ line: 1, messageId: "unused" }],
    },
  ],
});
