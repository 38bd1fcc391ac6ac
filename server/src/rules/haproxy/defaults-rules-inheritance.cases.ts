import { defineCases } from "../rule.js";
import type rule from "./defaults-rules-inheritance.js";

const timeouts = `    timeout client 5s
    timeout server 5s
    timeout connect 5s
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "rules shared by frontends only, a backend on its own defaults",
      files: {
        "haproxy.cfg": `defaults fe_rules
    mode http
${timeouts}    tcp-request connection accept
    http-request set-header X-Env prod

defaults be_plain
    mode http
${timeouts}
frontend www from fe_rules
    bind :8080
    default_backend web

frontend api from fe_rules
    bind :8081
    default_backend web

backend web from be_plain
    server w1 192.0.2.11:80
`,
      },
    },
    {
      name: "a defaults section without rules may be derived and used by listen sections",
      files: {
        "haproxy.cfg": `defaults base
    mode tcp
${timeouts}
defaults derived from base
    timeout client 10s

listen pg from derived
    bind :5432
    server pg1 192.0.2.31:5432
`,
      },
    },
  ],
  invalid: [
    {
      name: "a listen section uses defaults with rules",
      files: {
        "haproxy.cfg": `defaults invalid
    mode tcp
${timeouts}    tcp-request inspect-delay 5s
    tcp-request content accept

listen li from invalid
    bind :8080
    server www 192.0.2.11:80
`,
      },
      realTool: "a listen section cannot inherit from a defaults section defining TCP/HTTP rules",
      expect: [{ line: 9, messageId: "listenFromRules" }],
    },
    {
      name: "a frontend and a backend share defaults with rules",
      files: {
        "haproxy.cfg": `defaults invalid
    mode tcp
${timeouts}    tcp-request inspect-delay 5s
    tcp-request content accept

frontend fe from invalid
    bind :8080
    default_backend be

backend be from invalid
    server www 192.0.2.11:80
`,
      },
      realTool: "frontends and backends cannot inherit from the same defaults section",
      expect: [{ line: 13, messageId: "frontendsAndBackends" }],
    },
    {
      name: "a backend uses defaults with tcp-request connection rules",
      files: {
        "haproxy.cfg": `defaults invalid
    mode tcp
${timeouts}    tcp-request connection accept

backend be from invalid
    server www 192.0.2.11:80
`,
      },
      realTool: "a backend section cannot inherit from a defaults section defining 'tcp-request connection'",
      expect: [{ line: 8, messageId: "backendWithL4Rules" }],
    },
    {
      name: "a backend uses defaults with tcp-request session rules",
      files: {
        "haproxy.cfg": `defaults invalid
    mode tcp
${timeouts}    tcp-request session accept

backend be from invalid
    server www 192.0.2.11:80
`,
      },
      realTool:
        "a backend section cannot inherit from a defaults section defining 'tcp-request connection' or 'tcp-request session'",
      expect: [{ line: 8, messageId: "backendWithL4Rules" }],
    },
    {
      name: "a frontend uses defaults with tcp-response content rules",
      files: {
        "haproxy.cfg": `defaults invalid
    mode tcp
${timeouts}    tcp-response inspect-delay 5s
    tcp-response content accept

frontend fe from invalid
    bind :8080
`,
      },
      realTool: "a frontend section cannot inherit from a defaults section defining 'tcp-response content'",
      expect: [{ line: 9, messageId: "frontendWithResponseRules" }],
    },
    {
      name: "a defaults section derived from one with rules",
      files: {
        "haproxy.cfg": `defaults rules
    mode http
${timeouts}    http-request set-header X-Env prod

defaults derived from rules
    timeout client 10s

frontend fe from derived
    bind :8080
`,
      },
      realTool: "a defaults section cannot inherit from a defaults section defining TCP/HTTP rules",
      expect: [{ line: 8, messageId: "defaultsFromRules" }],
    },
    {
      name: "the last defaults section is the one in use",
      files: {
        "haproxy.cfg": `defaults rules
    mode http
${timeouts}    http-request set-header X-Env prod

backend web
    server w1 192.0.2.11:80

frontend www
    bind :8080
    default_backend web
`,
      },
      realTool: "frontends and backends cannot inherit from the same defaults section",
      expect: [{ line: 11, messageId: "frontendsAndBackends" }],
    },
  ],
});
