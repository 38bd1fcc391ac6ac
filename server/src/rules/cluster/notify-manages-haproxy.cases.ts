import { defineCases } from "../rule.js";
import type rule from "./notify-manages-haproxy.js";
import { exampleHaproxy, examplePair } from "./example-pair.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "notify only logs",
      files: examplePair({ instanceExtra: ['notify_master "/usr/bin/logger -t vrrp master"'] }),
    },
  ],
  invalid: [
    {
      name: "notify_master starts haproxy (seed PostgreSQL)",
      files: {
        ...examplePair(
          { instanceExtra: ['notify_master "/etc/keepalived/start_haproxy.sh"'] },
          { instanceExtra: ['notify_master "/etc/keepalived/start_haproxy.sh"'] },
        ),
        "lb01/start_haproxy.sh": `#!/bin/sh
systemctl start haproxy
`,
        "lb02/start_haproxy.sh": `#!/bin/sh
systemctl start haproxy
`,
        "lb01/haproxy.cfg": exampleHaproxy(),
      },
      expect: [
        { line: 34, file: "lb01/keepalived.conf", messageId: "notifyManagesHaproxy" },
        { line: 34, file: "lb02/keepalived.conf", messageId: "notifyManagesHaproxy" },
      ],
    },
    {
      name: "notify_backup stops haproxy with a weight-0 check",
      files: examplePair(
        { weight: 0, instanceExtra: ['notify_backup "/usr/bin/systemctl stop haproxy"'] },
        { weight: 0 },
      ),
      expect: [{ line: 34, file: "lb01/keepalived.conf", messageId: "notifyManagesHaproxy" }],
    },
  ],
});
