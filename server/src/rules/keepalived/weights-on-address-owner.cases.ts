import { defineCases } from "../rule.js";
import type rule from "./weights-on-address-owner.js";
import { OPEN_MASTER_VI_1, SCRIPT_SECURITY, TRACK_CHK_HAPROXY, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "explicit priority below 255",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/usr/bin/test -e /run/haproxy.pid"
}
${OPEN_MASTER_VI_1}  priority 150
${VIP_10}  track_script {
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
${OPEN_MASTER_VI_1}  priority 255
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
      name: "state MASTER without priority",
      files: {
        "keepalived.conf": `${SCRIPT_SECURITY}vrrp_script chk_haproxy {
  script "/usr/bin/test -e /run/haproxy.pid"
  weight -30
}
${OPEN_MASTER_VI_1}${VIP_10}${TRACK_CHK_HAPROXY}}
`,
      },
      realTool: "ignoring tracked script chk_haproxy with weights due to address_owner",
      expect: [{ line: 17, messageId: "scriptRemoved" }],
    },
    {
      name: "priority 255 with a weighted interface",
      files: {
        "keepalived.conf": `${OPEN_MASTER_VI_1}  priority 255
  track_interface {
    lo weight -20
  }
${VIP_10}}
`,
      },
      expect: [{ line: 7, messageId: "interfaceRemoved" }],
    },
  ],
});
