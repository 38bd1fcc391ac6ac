import { defineCases } from "../rule.js";
import type rule from "./check-rules-ignored.js";
import { HTTP_FRONTEND_TO_WEB as head, BACKEND_WEB, TIMEOUTS_30S } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "rules with their option; settings without one",
      files: {
        "haproxy.cfg": `${head}backend web
    option httpchk
    http-check send meth GET uri /health
    http-check expect status 200
    server w1 192.0.2.11:80 check

backend api
    http-check disable-on-404
    server a1 192.0.2.21:8080 check
`,
      },
    },
    {
      name: "option from defaults",
      files: {
        "haproxy.cfg": `defaults
    mode http
    option httpchk
${TIMEOUTS_30S}
listen web
    bind :80
    http-check expect status 200
    server w1 192.0.2.11:80 check
`,
      },
    },
  ],
  invalid: [
    {
      name: "http-check without option httpchk",
      files: {
        "haproxy.cfg": `${head}backend web
    http-check expect status 200
    server w1 192.0.2.11:80 check
`,
      },
      realTool: "uses http-check rules without 'option httpchk', so the rules are ignored",
      expect: [{ line: 12, messageId: "noCheckOption" }],
    },
    {
      name: "tcp-check after option httpchk",
      files: {
        "haproxy.cfg": `${head}${BACKEND_WEB}
backend redis
    mode tcp
    option httpchk
    tcp-check send PING\\r\\n
    tcp-check expect string +PONG
    server r1 192.0.2.51:6379 check
`,
      },
      realTool: "uses tcp-check rules without 'option tcp-check', so the rules are ignored",
      expect: [{ line: 17, messageId: "otherCheckOption" }],
    },
  ],
});
