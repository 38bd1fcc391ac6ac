import { defineCases } from "../rule.js";
import type rule from "./strict-mode-drops-vip-traffic.js";
import { OPEN_BACKUP_VI_1, OPEN_MASTER_VI_1, OPEN_VI_1, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "no strict mode",
      files: {
        "keepalived.conf": `${OPEN_BACKUP_VI_1}  priority 100
${VIP_10}}
`,
      },
    },
    {
      name: "strict owner",
      files: {
        "keepalived.conf": `global_defs {
  vrrp_strict
}
${OPEN_MASTER_VI_1}  priority 255
${VIP_10}}
`,
      },
    },
    {
      name: "strict, but HAProxy does not serve the VIP",
      files: {
        "lb01/keepalived.conf": `global_defs {
  vrrp_strict
}
${OPEN_VI_1}  priority 100
${VIP_10}}
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
${OPEN_BACKUP_VI_1}  priority 100
${VIP_10}}
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
        "keepalived.conf": `${OPEN_BACKUP_VI_1}  priority 100
  no_accept
${VIP_10}}
`,
      },
      expect: [{ line: 6, messageId: "dropsVipTraffic" }],
    },
  ],
});
