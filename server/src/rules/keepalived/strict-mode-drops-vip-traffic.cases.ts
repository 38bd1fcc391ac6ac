import { defineCases } from "../rule.js";
import type rule from "./strict-mode-drops-vip-traffic.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "no strict mode",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority 100
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
    },
    {
      name: "strict owner",
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict
}
vrrp_instance VI_1 {
  state MASTER
  interface eth0
  virtual_router_id 51
  priority 255
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
    },
    {
      name: "strict, but HAProxy does not serve the VIP",
      files: {
        "lb01/keepalived.conf": `global_defs {
  vrrp_strict
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority 100
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
        "lb01/haproxy.cfg": `frontend stats
    bind 192.0.2.21:8404
    mode http
    stats enable
`,
      },
    },
  ],
  invalid: [
    {
      name: "vrrp_strict with HAProxy on the VIP",
      files: {
        "lb01/keepalived.conf": `global_defs {
  router_id lb01
  vrrp_strict
}
vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority 100
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
        "lb01/haproxy.cfg": `frontend web
    bind 192.0.2.10:443
    default_backend app
backend app
    server a1 198.51.100.11:8080 check
`,
      },
      expect: [{ line: 3, messageId: "dropsBoundVip" }],
    },
    {
      name: "no_accept without a haproxy.cfg",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority 100
  no_accept
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
      expect: [{ line: 6, messageId: "dropsVipTraffic" }],
    },
  ],
});
