import { defineCases } from "../rule.js";
import type rule from "./check-script-never-fails.js";
import { SCRIPT_USER_FIRST } from "./example-configs.js";

const conf = `${SCRIPT_USER_FIRST}vrrp_script chk_haproxy {
  script "/etc/keepalived/check_haproxy.sh"
  interval 2
  fall 2
}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "the check's status is the script's",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": `#!/bin/sh
pidof haproxy >/dev/null
`,
      },
    },
    {
      name: "explicit exit 1 on failure, exit 0 at the end",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": `#!/bin/bash
if ! curl -fsS -m 2 http://127.0.0.1:8404/health; then
  echo down
  exit 1
fi
echo up
exit 0
`,
      },
    },
    {
      name: "set -e makes the failing check end the script",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": `#!/bin/sh
set -e
curl -fsS -m 2 http://127.0.0.1:8404/health >/dev/null
echo ok
`,
      },
    },
    {
      name: "a function that returns 1, called last",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": `#!/bin/bash
check() {
  pidof haproxy >/dev/null || return 1
  echo ok
}
check
`,
      },
    },
    {
      name: "a python script is not read as shell",
      files: {
        "keepalived.conf": conf.replace("check_haproxy.sh", "check_haproxy.py"),
        "check_haproxy.py": `#!/usr/bin/python3
print(1)
`,
      },
    },
    {
      name: "sh -c with the check last",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/bin/sh -c 'sleep 1; pidof haproxy'"
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "keepalived#2103: echo 0 / echo 5 instead of an exit status",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": `#!/bin/bash
var="$(systemctl is-active haproxy.service)"

if [ $var == "active" ]
then
    echo 0
else
    echo 5
fi
`,
      },
      expect: [{ line: 6, messageId: "echoedResult" }],
    },
    {
      name: "echo $? at the end",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": `#!/bin/sh
curl -fs http://127.0.0.1:8404/ >/dev/null
echo $?
`,
      },
      expect: [{ line: 6, messageId: "echoedResult" }],
    },
    {
      name: "|| true after the check",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": `#!/bin/sh
killall -0 haproxy || true
`,
      },
      expect: [{ line: 6, messageId: "maskedResult" }],
    },
    {
      name: "a trailing sleep",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": `#!/bin/bash
curl -fs -m 2 http://127.0.0.1:8404/ >/dev/null
sleep 1
`,
      },
      expect: [{ line: 6, messageId: "maskedResult" }],
    },
    {
      name: "; exit 0 in an sh -c string",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/bin/sh -c 'pidof haproxy; exit 0'"
}
`,
      },
      expect: [{ line: 2, messageId: "maskedResult" }],
    },
    {
      name: "keepalived#2485: sleep between the check and the $? test",
      files: {
        "keepalived.conf": conf,
        "check_haproxy.sh": `#!/bin/bash
ssh postgres@db1 'pg_isready -q'
sleep 10
if [ $? -eq 0 ]; then
  exit 0
else
  exit 1
fi
`,
      },
      expect: [{ line: 6, messageId: "staleStatus" }],
    },
  ],
});
