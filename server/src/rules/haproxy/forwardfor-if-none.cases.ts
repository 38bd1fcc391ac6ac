import { defineCases } from "../rule.js";
import type rule from "./forwardfor-if-none.js";
import { BACKEND_WEB, FRONTEND_WWW, HTTP_DEFAULTS, TIMEOUTS_30S } from "./example-configs.js";

const T = `${HTTP_DEFAULTS}
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

${BACKEND_WEB}`,
      },
      expect: [{ line: 9, messageId: "clientHeaderKept" }],
    },
    {
      name: "if-none in defaults",
      files: {
        "haproxy.cfg": `defaults
    mode http
    option forwardfor except 127.0.0.0/8 if-none
${TIMEOUTS_30S}
${FRONTEND_WWW}
${BACKEND_WEB}`,
      },
      expect: [{ line: 3, messageId: "clientHeaderKept" }],
    },
  ],
});
