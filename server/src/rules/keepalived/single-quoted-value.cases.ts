import { defineCases } from "../rule.js";
import type rule from "./single-quoted-value.js";
import { OPEN_VI_1 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "double quotes",
      files: {
        "keepalived.conf": `global_defs {
  router_id "lb 01"
}
`,
      },
    },
    {
      name: "single quotes in a script line",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/bin/sh -c '/usr/bin/pgrep haproxy'"
}
vrrp_instance VI_1 {
  notify_master '/usr/local/bin/vip-up.sh'
}
`,
      },
    },
    {
      name: "single quotes in an HTTP_GET regex (split like a script line)",
      files: {
        "keepalived.conf": `virtual_server 192.0.2.10 80 {
  real_server 192.0.2.21 80 {
    HTTP_GET {
      url {
        path /health
        regex 'status: ok'
      }
    }
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "quoted router_id",
      files: {
        "keepalived.conf": `global_defs {
  router_id 'lb01'
  notification_email_from 'ops team'
}
`,
      },
      expect: [
        { line: 2, messageId: "quotedValue" },
        { line: 3, messageId: "quotedValue" },
      ],
      fixed: {
        "keepalived.conf": `global_defs {
  router_id "lb01"
  notification_email_from "ops team"
}
`,
      },
    },
    {
      // No fix: a lone '"' would open a string running to the next double quote.
      name: "an unpaired quote",
      files: {
        "keepalived.conf": `global_defs {
  router_id 'lb01
}
`,
      },
      expect: [{ line: 2, messageId: "quotedValue" }],
      fixed: {},
    },
    {
      name: "quoted password",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  authentication {
    auth_type PASS
    auth_pass 'k33p'
  }
}
`,
      },
      expect: [{ line: 6, messageId: "quotedValue" }],
    },
  ],
});
