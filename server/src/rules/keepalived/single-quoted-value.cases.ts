import { defineCases } from "../rule.js";
import type rule from "./single-quoted-value.js";

export default defineCases<typeof rule>({
  valid: [
    { name: "double quotes", files: { "keepalived.conf": 'global_defs {\n  router_id "lb 01"\n}\n' } },
    {
      name: "single quotes in a script line",
      files: {
        "keepalived.conf":
          "vrrp_script chk {\n  script \"/bin/sh -c '/usr/bin/pgrep haproxy'\"\n}\nvrrp_instance VI_1 {\n  notify_master '/usr/local/bin/vip-up.sh'\n}\n",
      },
    },
    {
      name: "single quotes in an HTTP_GET regex (split like a script line)",
      files: {
        "keepalived.conf":
          "virtual_server 192.0.2.10 80 {\n  real_server 192.0.2.21 80 {\n    HTTP_GET {\n      url {\n        path /health\n        regex 'status: ok'\n      }\n    }\n  }\n}\n",
      },
    },
  ],
  invalid: [
    {
      name: "quoted router_id",
      files: { "keepalived.conf": "global_defs {\n  router_id 'lb01'\n  notification_email_from 'ops team'\n}\n" },
      expect: [
        { line: 2, messageId: "quotedValue" },
        { line: 3, messageId: "quotedValue" },
      ],
      fixed: { "keepalived.conf": 'global_defs {\n  router_id "lb01"\n  notification_email_from "ops team"\n}\n' },
    },
    {
      // No fix: a lone '"' would open a string running to the next double quote.
      name: "an unpaired quote",
      files: { "keepalived.conf": "global_defs {\n  router_id 'lb01\n}\n" },
      expect: [{ line: 2, messageId: "quotedValue" }],
      fixed: {},
    },
    {
      name: "quoted password",
      files: {
        "keepalived.conf":
          "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  authentication {\n    auth_type PASS\n    auth_pass 'k33p'\n  }\n}\n",
      },
      expect: [{ line: 6, messageId: "quotedValue" }],
    },
  ],
});
