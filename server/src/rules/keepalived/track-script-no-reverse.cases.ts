import { defineCases } from "../rule.js";
import type rule from "./track-script-no-reverse.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "noreverse",
      files: {
        "keepalived.conf": `global_defs {
  enable_script_security
  script_user root
}
vrrp_script chk {
  script "/usr/bin/pgrep haproxy"
  weight 20 reverse
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  track_script {
    chk weight -20 noreverse
  }
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "man-page spelling",
      files: {
        "keepalived.conf": `global_defs {
  script_user root
  enable_script_security
}
vrrp_script chk_haproxy {
  script "/usr/bin/pgrep haproxy"
  weight 20 reverse
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority 100
  track_script {
    chk_haproxy weight -20 no_reverse
  }
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
      realTool: "unknown track_script chk_haproxy weight option no_reverse - ignoring",
      expect: [{ line: 14, messageId: "noReverseTypo" }],
    },
  ],
});
