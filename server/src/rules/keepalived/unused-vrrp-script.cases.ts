import { defineCases } from "../rule.js";
import type rule from "./unused-vrrp-script.js";
import { OPEN_MASTER_VI_1, OPEN_VI_1, TRACK_CHK_HAPROXY, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "tracked by an instance",
      files: {
        "keepalived.conf": `vrrp_script chk_haproxy {
  script "/usr/bin/pgrep haproxy"
}
${OPEN_VI_1}${VIP_10}  track_script {
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
${OPEN_VI_1}}
vrrp_sync_group G {
  group {
    VI_1
  }
${TRACK_CHK_HAPROXY}}
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
${OPEN_MASTER_VI_1}  priority 120
${VIP_10}}
`,
      },
      expect: [{ line: 1, messageId: "unused" }],
    },
  ],
});
