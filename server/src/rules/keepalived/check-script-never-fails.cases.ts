import { defineCases } from "../rule.js";
import type rule from "./check-script-never-fails.js";

const conf = `global_defs {
  script_user root
  enable_script_security
}
vrrp_script chk_haproxy {
  script "/etc/keepalived/check_haproxy.sh"
  interval 2
  fall 2
}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "the check's status is the script's",
      files: { "keepalived.conf": conf, "check_haproxy.sh": "#!/bin/sh\npidof haproxy >/dev/null\n" },
    },
    {
      name: "explicit exit 1 on failure, exit 0 at the end",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh":
          "#!/bin/bash\nif ! curl -fsS -m 2 http://127.0.0.1:8404/health; then\n  echo down\n  exit 1\nfi\necho up\nexit 0\n",
      },
    },
    {
      name: "set -e makes the failing check end the script",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": "#!/bin/sh\nset -e\ncurl -fsS -m 2 http://127.0.0.1:8404/health >/dev/null\necho ok\n",
      },
    },
    {
      name: "a function that returns 1, called last",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": "#!/bin/bash\ncheck() {\n  pidof haproxy >/dev/null || return 1\n  echo ok\n}\ncheck\n",
      },
    },
    {
      name: "a python script is not read as shell",
      files: {
        "keepalived.conf": conf.replace("check_haproxy.sh", "check_haproxy.py"),
        "check_haproxy.py": "#!/usr/bin/python3\nprint(1)\n",
      },
    },
    {
      name: "sh -c with the check last",
      files: {
        "keepalived.conf": `vrrp_script chk {\n  script "/bin/sh -c 'sleep 1; pidof haproxy'"\n}\n`,
      },
    },
  ],
  invalid: [
    {
      name: "keepalived#2103: echo 0 / echo 5 instead of an exit status",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh":
          '#!/bin/bash\nvar="$(systemctl is-active haproxy.service)"\n\nif [ $var == "active" ]\nthen\n    echo 0\nelse\n    echo 5\nfi\n',
      },
      expect: [{ line: 6, messageId: "echoedResult" }],
    },
    {
      name: "echo $? at the end",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": "#!/bin/sh\ncurl -fs http://127.0.0.1:8404/ >/dev/null\necho $?\n",
      },
      expect: [{ line: 6, messageId: "echoedResult" }],
    },
    {
      name: "|| true after the check",
      files: { "keepalived.conf": conf, "check_haproxy.sh": "#!/bin/sh\nkillall -0 haproxy || true\n" },
      expect: [{ line: 6, messageId: "maskedResult" }],
    },
    {
      name: "a trailing sleep",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": "#!/bin/bash\ncurl -fs -m 2 http://127.0.0.1:8404/ >/dev/null\nsleep 1\n",
      },
      expect: [{ line: 6, messageId: "maskedResult" }],
    },
    {
      name: "; exit 0 in an sh -c string",
      files: {
        "keepalived.conf": `vrrp_script chk {\n  script "/bin/sh -c 'pidof haproxy; exit 0'"\n}\n`,
      },
      expect: [{ line: 2, messageId: "maskedResult" }],
    },
    {
      name: "keepalived#2485: sleep between the check and the $? test",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh":
          "#!/bin/bash\nssh postgres@db1 'pg_isready -q'\nsleep 10\nif [ $? -eq 0 ]; then\n  exit 0\nelse\n  exit 1\nfi\n",
      },
      expect: [{ line: 6, messageId: "staleStatus" }],
    },
  ],
});
