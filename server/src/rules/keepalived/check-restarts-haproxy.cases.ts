import { defineCases } from "../rule.js";
import type rule from "./check-restarts-haproxy.js";

const conf = `vrrp_script chk_haproxy {
  script "/etc/keepalived/check_haproxy.sh"
  interval 2
}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "a check that only observes",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": `#!/bin/sh
systemctl is-active --quiet haproxy
`,
      },
    },
    {
      name: "haproxy -c only checks the configuration",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": `#!/bin/sh
haproxy -c -f /etc/haproxy/haproxy.cfg >/dev/null && pidof haproxy
`,
      },
    },
  ],
  invalid: [
    {
      name: "systemctl restart when the process is gone",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": `#!/bin/bash
if ! pidof haproxy >/dev/null; then
  systemctl restart haproxy
  sleep 2
fi
pidof haproxy >/dev/null || exit 1
`,
      },
      expect: [{ line: 2, messageId: "restarts" }],
    },
    {
      name: "keepalived#1152: haproxy -f started by the check",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": `#!/bin/bash
status=$(ps aux | grep haproxy | grep -v grep | wc -l)
if [ "\${status}" = "0" ]; then
    haproxy -f /usr/local/haproxy/haproxy.cfg
    exit 0
fi
`,
      },
      expect: [{ line: 2, messageId: "restarts" }],
    },
    {
      name: "service haproxy start in an sh -c string",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/bin/sh -c 'pidof haproxy || service haproxy start'"
}
`,
      },
      expect: [{ line: 2, messageId: "restarts" }],
    },
  ],
});
