import { defineCases } from "../rule.js";
import type rule from "./hair-trigger-network-check.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "curl with fall 3 rise 2",
      files: {
        "keepalived.conf": `vrrp_script chk_web {
  script "/usr/bin/curl -fsS -o /dev/null http://127.0.0.1:8080/health"
  interval 2
  fall 3
  rise 2
}
`,
      },
    },
    {
      name: "process check with defaults",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/usr/bin/pgrep haproxy"
  interval 1
}
`,
      },
    },
    {
      name: "ss listing",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/bin/sh -c '/usr/bin/ss -ltn | grep -q \\":443 \\"'"
  interval 2
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "curl every second with defaults",
      files: {
        "keepalived.conf": `vrrp_script chk_web {
  script "/usr/bin/curl -fsS -o /dev/null http://127.0.0.1:8080/health"
  interval 1
  weight -30
}
`,
      },
      expect: [{ line: 1, messageId: "hairTrigger" }],
    },
    {
      name: "nc in a script file, rise 1",
      files: {
        "keepalived.conf": `vrrp_script chk_port {
  script "/etc/keepalived/chk_port.sh"
  interval 2
  fall 3
}
`,
        "chk_port.sh": `#!/bin/sh
exec /usr/bin/nc -z -w 1 127.0.0.1 443
`,
      },
      expect: [{ line: 1, messageId: "hairTrigger" }],
    },
  ],
});
