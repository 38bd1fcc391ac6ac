import { defineCases } from "../rule.js";
import type rule from "./log-format-ignored.js";
import { GLOBAL_LOG_STDOUT, TIMEOUTS_30S, LOGGED_HTTP_LOG } from "./example-configs.js";

const timeouts = `${TIMEOUTS_30S}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "log targets from global, own and defaults",
      files: {
        "haproxy.cfg": `${GLOBAL_LOG_STDOUT}
${LOGGED_HTTP_LOG}${timeouts}
frontend www
    bind :8080
    default_backend web

frontend api
    bind :8081
    no log
    log 127.0.0.1:514 local1
    default_backend web

backend web
    server w1 192.0.2.11:80
`,
      },
    },
  ],
  invalid: [
    {
      name: "a log format without any log target",
      files: {
        "haproxy.cfg": `defaults
    mode http
    option httplog
${timeouts}
frontend www
    bind :8080
    default_backend web

backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "log format ignored for frontend 'www' since it has no log address",
      expect: [{ line: 8, messageId: "noLogTarget" }],
    },
    {
      name: "log global without a global log line, and no log",
      files: {
        "haproxy.cfg": `defaults
    mode http
    log global
${timeouts}
frontend www
    bind :8080
    log-format "%ci %r"
    default_backend web

listen api
    bind :8081
    no log
    option tcplog
    server a1 192.0.2.21:80

backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "log format ignored for frontend 'www' since it has no log address",
      expect: [
        { line: 10, messageId: "noLogTarget" },
        { line: 16, messageId: "noLogTarget" },
      ],
    },
    {
      name: "a log format in a backend, and two in one defaults section",
      files: {
        "haproxy.cfg": `${GLOBAL_LOG_STDOUT}
${LOGGED_HTTP_LOG}    option tcplog
${timeouts}
frontend www
    bind :8080
    default_backend web

backend web
    option httplog
    server w1 192.0.2.11:80
`,
      },
      realTool: "'option httplog' directive is ignored in backends",
      expect: [
        { line: 8, messageId: "overridesInDefaults" },
        { line: 18, messageId: "ignoredInBackend" },
      ],
    },
  ],
});
