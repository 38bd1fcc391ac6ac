import { defineCases } from "../rule.js";
import type rule from "./script-security-without-user.js";
import { CHK_HAPROXY, OPEN_VI_1, SCRIPT_SECURITY, TRACK_CHK_HAPROXY, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "script_user given",
      files: {
        "keepalived.conf": `${SCRIPT_SECURITY}vrrp_script chk {
  script "/usr/bin/test -e /run/haproxy.pid"
}
`,
      },
    },
    {
      name: "a user for each script",
      files: {
        "keepalived.conf": `global_defs {
  enable_script_security
}
vrrp_script chk {
  script "/usr/bin/test -e /run/haproxy.pid"
  user nobody
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "no user at all",
      files: {
        "keepalived.conf": `global_defs {
  router_id lb01
  enable_script_security
}
${CHK_HAPROXY}${OPEN_VI_1}  priority 100
${VIP_10}${TRACK_CHK_HAPROXY}}
`,
      },
      realTool: "Unable to set default user for vrrp script chk_haproxy - removing",
      expect: [{ line: 9, messageId: "scriptRemoved" }],
    },
    {
      name: "a user word after the command of a script line does not count",
      files: {
        "keepalived.conf": `global_defs {
  enable_script_security
}
vrrp_script chk {
  script "/usr/bin/pgrep nginx" nobody
}
`,
      },
      realTool: "Unable to set default user for vrrp script chk - removing",
      expect: [{ line: 6, messageId: "scriptRemoved" }],
    },
  ],
});
