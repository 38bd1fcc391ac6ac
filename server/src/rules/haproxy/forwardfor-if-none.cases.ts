import { defineCases } from "../rule.js";
import type rule from "./forwardfor-if-none.js";

const T = `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "plain forwardfor; if-none behind a cleaning frontend; local listener",
      files: {
        "haproxy.cfg": `${T}frontend www
    bind :80
    option forwardfor
    http-request del-header X-Forwarded-For
    default_backend web

backend web
    option forwardfor if-none
    server w1 192.0.2.11:80 check

listen local
    bind 127.0.0.1:8080
    option forwardfor if-none
    server l1 192.0.2.21:80 check
`,
      },
    },
  ],
  invalid: [
    {
      name: "if-none on a public frontend",
      files: {
        "haproxy.cfg": `${T}frontend www
    bind 198.51.100.10:80
    option forwardfor if-none
    default_backend web

backend web
    server w1 192.0.2.11:80 check
`,
      },
      expect: [{ line: 9, messageId: "clientHeaderKept" }],
    },
    {
      name: "if-none in defaults",
      files: {
        "haproxy.cfg": `defaults
    mode http
    option forwardfor except 127.0.0.0/8 if-none
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend www
    bind :80
    default_backend web

backend web
    server w1 192.0.2.11:80 check
`,
      },
      expect: [{ line: 3, messageId: "clientHeaderKept" }],
    },
  ],
});
