import { defineCases } from "../rule.js";
import type rule from "./track-script-no-reverse.js";
import { OPEN_VI_1, SCRIPT_SECURITY, SCRIPT_USER_FIRST, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "noreverse",
      files: {
        "keepalived.conf": `${SCRIPT_SECURITY}vrrp_script chk {
  script "/usr/bin/pgrep haproxy"
  weight 20 reverse
}
${OPEN_VI_1}  track_script {
    chk weight -20 noreverse
  }
${VIP_10}}
`,
      },
    },
  ],
  invalid: [
    {
      name: "man-page spelling",
      files: {
        "keepalived.conf": `${SCRIPT_USER_FIRST}vrrp_script chk_haproxy {
  script "/usr/bin/pgrep haproxy"
  weight 20 reverse
}
${OPEN_VI_1}  priority 100
  track_script {
    chk_haproxy weight -20 no_reverse
  }
${VIP_10}}
`,
      },
      realTool: "unknown track_script chk_haproxy weight option no_reverse - ignoring",
      expect: [{ line: 14, messageId: "noReverseTypo" }],
    },
  ],
});
