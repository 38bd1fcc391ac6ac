import { defineCases } from "../rule.js";
import type rule from "./port-grep-without-terminator.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "terminated pattern",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/bin/sh -c 'ss -ltn | grep -q \\":80 \\"'"
}
`,
      },
    },
    {
      name: "grep -w",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/bin/sh -c 'ss -ltn | grep -qw :80'"
}
`,
      },
    },
    {
      name: "anchored pattern in a script file",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/etc/keepalived/check.sh"
}
`,
        "check.sh": `#!/bin/sh
# grep ':80' would be wrong
ss -ltn | grep -q ':80$'
`,
      },
    },
  ],
  invalid: [
    {
      name: "grep in the script line",
      files: {
        "keepalived.conf": `vrrp_script chk_haproxy {
  script "/bin/sh -c 'ss -ltn | grep -q :80'"
  interval 2
}
`,
      },
      expect: [{ line: 2, messageId: "noTerminator" }],
    },
    {
      name: "grep in the check script file",
      files: {
        "keepalived.conf": `vrrp_script chk_haproxy {
  script "/etc/keepalived/check_haproxy.sh"
  interval 2
}
`,
        "check_haproxy.sh": `#!/bin/bash
if netstat -lnt | grep -q ":443"; then
  exit 0
fi
exit 1
`,
      },
      expect: [{ line: 2, messageId: "noTerminator" }],
    },
  ],
});
