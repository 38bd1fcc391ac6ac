import { defineCases } from "../rule.js";
import type rule from "./script-security-without-user.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "script_user given",
      files: {
        "keepalived.conf": `global_defs {
  enable_script_security
  script_user root
}
vrrp_script chk {
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
vrrp_script chk_haproxy {
  script "/usr/bin/test -e /run/haproxy.pid"
  interval 2
  weight -30
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority 100
  virtual_ipaddress {
    192.0.2.10/24
  }
  track_script {
    chk_haproxy
  }
}
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
