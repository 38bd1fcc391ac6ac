import { defineCases } from "../rule.js";
import type rule from "./nopreempt-with-weighted-checks.js";
import { OPEN_BACKUP_VI_1, SCRIPT_SECURITY, TRACK_CHK_HAPROXY, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "nopreempt with a weight-0 check",
      files: {
        "keepalived.conf": `${SCRIPT_SECURITY}vrrp_script chk_haproxy {
  script "/usr/bin/pgrep haproxy"
}
vrrp_instance VI_1 {
  state BACKUP
  nopreempt
  interface eth0
  virtual_router_id 51
  priority 100
${TRACK_CHK_HAPROXY}}
`,
      },
    },
    {
      name: "weighted check without nopreempt",
      files: {
        "keepalived.conf": `${SCRIPT_SECURITY}vrrp_script chk_haproxy {
  script "/usr/bin/pgrep haproxy"
  weight -30
}
${OPEN_BACKUP_VI_1}  priority 100
${TRACK_CHK_HAPROXY}}
`,
      },
    },
  ],
  invalid: [
    {
      name: "nopreempt with weight -30",
      files: {
        "keepalived.conf": `${SCRIPT_SECURITY}vrrp_script chk_haproxy {
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
${TRACK_CHK_HAPROXY}${VIP_10}}
`,
      },
      expect: [{ line: 12, messageId: "weightedChecks" }],
    },
  ],
});
