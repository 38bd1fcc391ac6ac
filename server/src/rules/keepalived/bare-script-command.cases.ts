import { defineCases } from "../rule.js";
import type rule from "./bare-script-command.js";
import { OPEN_VI_1, SCRIPT_USER_FIRST, TRACK_CHK_HAPROXY, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "programs every node has, by bare name",
      files: {
        "keepalived.conf": `vrrp_script chk_pid {
  script "pidof haproxy"
}
vrrp_script chk_unit {
  script "systemctl is-active --quiet haproxy"
}
`,
      },
    },
    {
      name: "absolute path",
      files: {
        "keepalived.conf": `vrrp_script chk_haproxy {
  script "/usr/bin/killall -0 haproxy"
}
`,
      },
    },
    {
      name: "shell by name",
      files: {
        "keepalived.conf": `vrrp_script chk_haproxy {
  script "sh -c '/usr/bin/pgrep haproxy >/dev/null'"
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "killall by bare name",
      files: {
        "keepalived.conf": `vrrp_script chk_haproxy {
  script "killall -0 haproxy"
  interval 2
  weight 2
}
`,
      },
      expect: [{ line: 2, messageId: "bareName" }],
    },
    {
      name: "own check script by bare name",
      files: {
        "keepalived.conf": `${SCRIPT_USER_FIRST}vrrp_script chk_haproxy {
  script "check_haproxy.sh"
  interval 2
}
${OPEN_VI_1}${VIP_10}${TRACK_CHK_HAPROXY}}
`,
      },
      realTool: "Disabling track script chk_haproxy since not found",
      expect: [{ line: 6, messageId: "bareName" }],
    },
  ],
});
