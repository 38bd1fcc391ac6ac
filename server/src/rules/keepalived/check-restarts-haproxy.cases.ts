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
      files: { "keepalived.conf": conf, "check_haproxy.sh": "#!/bin/sh\nsystemctl is-active --quiet haproxy\n" },
    },
    {
      name: "haproxy -c only checks the configuration",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": "#!/bin/sh\nhaproxy -c -f /etc/haproxy/haproxy.cfg >/dev/null && pidof haproxy\n",
      },
    },
  ],
  invalid: [
    {
      name: "systemctl restart when the process is gone",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh":
          "#!/bin/bash\nif ! pidof haproxy >/dev/null; then\n  systemctl restart haproxy\n  sleep 2\nfi\npidof haproxy >/dev/null || exit 1\n",
      },
      expect: [{ line: 2, messageId: "restarts" }],
    },
    {
      name: "keepalived#1152: haproxy -f started by the check",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh":
          '#!/bin/bash\nstatus=$(ps aux | grep haproxy | grep -v grep | wc -l)\nif [ "${status}" = "0" ]; then\n    haproxy -f /usr/local/haproxy/haproxy.cfg\n    exit 0\nfi\n',
      },
      expect: [{ line: 2, messageId: "restarts" }],
    },
    {
      name: "service haproxy start in an sh -c string",
      files: {
        "keepalived.conf": `vrrp_script chk {\n  script "/bin/sh -c 'pidof haproxy || service haproxy start'"\n}\n`,
      },
      expect: [{ line: 2, messageId: "restarts" }],
    },
  ],
});
