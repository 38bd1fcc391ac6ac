import { defineCases } from "../rule.js";
import type rule from "./http-option-in-tcp-mode.js";
import { BACKEND_WEB, GLOBAL_LOG_STDOUT, TIMEOUTS_30S, LOGGED_HTTP_LOG } from "./example-configs.js";

const timeouts = `${TIMEOUTS_30S}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "http options in http proxies, tcplog in tcp",
      files: {
        "haproxy.cfg": `${GLOBAL_LOG_STDOUT}
${LOGGED_HTTP_LOG}    option forwardfor
${timeouts}
frontend www
    bind :8080
    default_backend web

${BACKEND_WEB}
defaults
    mode tcp
    log global
    option tcplog
${timeouts}
listen pg
    bind :5432
    server pg1 192.0.2.31:5432 check
`,
      },
    },
    {
      name: "a tcp frontend that upgrades to http",
      files: {
        "haproxy.cfg": `defaults
${timeouts}
frontend www
    bind :8080
    option forwardfor
    tcp-request content switch-mode http
    http-request set-header X-A b
    default_backend web

backend web
    mode http
    server w1 192.0.2.11:80
`,
      },
    },
  ],
  invalid: [
    {
      name: "http defaults reused for a tcp frontend",
      files: {
        "haproxy.cfg": `${GLOBAL_LOG_STDOUT}
${LOGGED_HTTP_LOG}    option forwardfor
${timeouts}
frontend pg
    mode tcp
    bind :5432
    default_backend pg

backend pg
    mode tcp
    server pg1 192.0.2.31:5432 check
`,
      },
      realTool: "'option httplog' not usable with frontend 'pg' \\(needs 'mode http'\\)",
      expect: [
        { line: 7, messageId: "httplogFallback" },
        { line: 13, messageId: "forwardfor" },
        { line: 18, messageId: "forwardfor" },
      ],
    },
    {
      name: "forwardfor in a tcp listen",
      files: {
        "haproxy.cfg": `defaults
${timeouts}
listen mysql
    bind :3306
    option forwardfor
    server db1 192.0.2.41:3306 check
`,
      },
      realTool: "'option forwardfor' ignored for proxy 'mysql' as it requires HTTP mode",
      expect: [{ line: 8, messageId: "forwardfor" }],
    },
    {
      name: "http rules, stats, cookies and a url hash in tcp proxies",
      files: {
        "haproxy.cfg": `defaults
    mode tcp
${timeouts}
frontend fe
    bind :8080
    option http-buffer-request
    http-request set-header X-A b
    stats enable
    default_backend be

backend be
    balance uri
    cookie SRV insert
    option prefer-last-server
    server s1 192.0.2.11:80 cookie s1
`,
      },
      realTool: "'http-request' rules ignored for frontend 'fe' as they require HTTP mode",
      expect: [
        { line: 9, messageId: "optionIgnored" },
        { line: 10, messageId: "rulesIgnored" },
        { line: 11, messageId: "statementIgnored" },
        { line: 15, messageId: "hashFallback" },
        { line: 16, messageId: "statementIgnored" },
        { line: 17, messageId: "optionIgnored" },
        { line: 18, messageId: "serverCookieIgnored" },
      ],
    },
    {
      name: "a server redirect prefix in tcp mode",
      files: {
        "haproxy.cfg": `defaults
${timeouts}
listen app
    bind :8080
    server s1 192.0.2.11:80 redir http://app.example.net
`,
      },
      realTool: "server cannot have cookie or redirect prefix in non-HTTP mode",
      expect: [{ line: 8, messageId: "serverRedirect", severity: "error" }],
    },
  ],
});
