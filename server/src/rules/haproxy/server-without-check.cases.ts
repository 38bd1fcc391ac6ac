import { defineCases } from "../rule.js";
import type rule from "./server-without-check.js";
import { HTTP_FRONTEND_TO_WEB as T, BACKEND_WEB } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "checks on the line, from default-server, or tracked",
      files: {
        "haproxy.cfg": `${T}${BACKEND_WEB}    server w2 192.0.2.12:80 track web/w1

backend api
    default-server check inter 2s
    server a1 192.0.2.21:8080
    server a2 192.0.2.22:8080

backend single
    server s1 192.0.2.31:80
`,
      },
    },
  ],
  invalid: [
    {
      name: "second server forgot check",
      files: {
        "haproxy.cfg": `${T}backend web
    balance roundrobin
    server w1 192.0.2.11:80 check
    server w2 192.0.2.12:80   # added during the migration
`,
      },
      expect: [{ line: 14, messageId: "noCheck" }],
    },
    {
      name: "no-check overrides default-server; server without a port",
      files: {
        "haproxy.cfg": `${T}backend web
    default-server check
    server w1 192.0.2.11:80 no-check
    server w2 192.0.2.12:80

backend tcp_pool
    mode tcp
    server t1 192.0.2.21
    server t2 192.0.2.22
`,
      },
      expect: [
        { line: 13, messageId: "noCheck" },
        { line: 18, messageId: "noCheck" },
        { line: 19, messageId: "noCheck" },
      ],
    },
    {
      // HAProxy reads the options in order: the later of check and no-check wins.
      name: "check then no-check on one line; the fix appends check",
      files: {
        "haproxy.cfg": `${T}backend web
    server w1 192.0.2.11:80 check no-check
    server w2 192.0.2.12:80 no-check check
`,
      },
      expect: [{ line: 12, messageId: "noCheck" }],
      fixed: {
        "haproxy.cfg": `${T}backend web
    server w1 192.0.2.11:80 check no-check check
    server w2 192.0.2.12:80 no-check check
`,
      },
    },
  ],
});
