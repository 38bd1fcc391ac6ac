import { defineCases } from "../rule.js";
import type rule from "./shell-syntax-without-shell.js";
import { OPEN_VI_1 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "through sh -c",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/bin/sh -c '/usr/bin/pgrep haproxy > /dev/null || exit 1'"
}
`,
      },
    },
    {
      name: "a plain command with a regex argument",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/usr/bin/pgrep -f '^/usr/sbin/haproxy.*'"
}
`,
      },
    },
    {
      name: "a file test through /bin/sh that dash runs too",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "</run/haproxy.pid"
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "pipe in a check",
      files: {
        "keepalived.conf": `vrrp_script chk_haproxy {
  script "/usr/bin/ss -ltn | grep -q ':80 '"
  interval 2
}
`,
      },
      expect: [{ line: 2, messageId: "literalArgument" }],
    },
    {
      name: "redirection in a notify",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  notify_master "/usr/local/bin/vip-up.sh >> /var/log/vip.log 2>&1"
}
`,
      },
      expect: [{ line: 4, messageId: "literalArgument" }],
    },
    {
      name: "a /dev/tcp check: run through /bin/sh, which is dash on Debian",
      files: {
        "keepalived.conf": `vrrp_script chk_http_port {
  script "</dev/tcp/127.0.0.1/80"
  interval 1
}
`,
      },
      expect: [{ line: 2, messageId: "runThroughSh" }],
    },
    {
      name: "a '</' notify is dropped",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  notify_master "</dev/tcp/127.0.0.1/80"
}
`,
      },
      expect: [{ line: 4, messageId: "notifyNotExecutable" }],
    },
    {
      name: "an output redirection as the first word",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script ">/tmp/vrrp.state"
}
`,
      },
      expect: [{ line: 2, messageId: "notAProgram" }],
    },
    {
      name: "or-operator",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/usr/bin/pidof haproxy || exit 1"
}
`,
      },
      expect: [{ line: 2, messageId: "literalArgument" }],
    },
  ],
});
