import { defineCases } from "../rule.js";
import type rule from "./health-check-never-runs.js";
import { HTTP_FRONTEND_TO_WEB as T, BACKEND_WEB, TIMEOUTS_30S } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "checks enabled by default-server",
      files: {
        "haproxy.cfg": `${T}backend web
    option httpchk GET /health
    default-server check
    server w1 192.0.2.11:80
    server w2 192.0.2.12:80
`,
      },
    },
    {
      name: "httpchk in defaults, backend without checks",
      files: {
        "haproxy.cfg": `defaults
    mode http
    option httpchk
${TIMEOUTS_30S}
listen admin
    bind 127.0.0.1:8080
    server a1 192.0.2.41:80
`,
      },
    },
  ],
  invalid: [
    {
      name: "httpchk without check",
      files: {
        "haproxy.cfg": `${T}backend web
    option httpchk GET /health
    http-check expect status 200
    server w1 192.0.2.11:80
    server w2 192.0.2.12:80
`,
      },
      expect: [{ line: 12, messageId: "checkNeverRuns" }],
    },
    {
      name: "tcp-check rules only",
      files: {
        "haproxy.cfg": `${T}${BACKEND_WEB}
backend redis
    mode tcp
    option tcp-check
    tcp-check send PING\\r\\n
    tcp-check expect string +PONG
    server r1 192.0.2.51:6379
`,
      },
      expect: [{ line: 16, messageId: "checkNeverRuns" }],
    },
  ],
});
