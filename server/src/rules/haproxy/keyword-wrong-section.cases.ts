import { defineCases } from "../rule.js";
import type rule from "./keyword-wrong-section.js";
import { HTTP_DEFAULTS, HTTP_DEFAULTS_5S, TIMEOUTS_30S } from "./example-configs.js";

const head = `${HTTP_DEFAULTS}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "keywords in their sections",
      files: {
        "haproxy.cfg": `global
    maxconn 100
${head}frontend f
    bind :80
    default_backend b
backend b
    balance roundrobin
    retry-on conn-failure
    server s 192.0.2.1:80 check
`,
      },
    },
    {
      name: "pairs the keyword matrix does not list that HAProxy accepts without a word",
      files: {
        "haproxy.cfg": `${head}frontend f
    bind :80
    persist rdp-cookie
    hash-balance-factor 150
    default_backend b
backend b
    unique-id-header X-Id
    server s 192.0.2.1:80 check
`,
      },
    },
    {
      name: "rules in a named defaults section used by frontends only",
      files: {
        "haproxy.cfg": `defaults web
    mode http
${TIMEOUTS_30S}    tcp-request connection accept
    http-request set-header X-Via lb
frontend f from web
    bind :80
    default_backend b
${HTTP_DEFAULTS}backend b
    server s 192.0.2.1:80 check
`,
      },
    },
  ],
  invalid: [
    {
      name: "backend keyword in a frontend: ignored with a warning",
      files: {
        "haproxy.cfg": `${head}frontend f
    bind :80
    balance roundrobin
`,
      },
      realTool: "'balance' ignored because frontend 'f' has no backend capability",
      expect: [{ line: 8, severity: "warning", messageId: "ignored" }],
    },
    {
      name: "retry-on in a frontend: refused",
      files: {
        "haproxy.cfg": `${head}frontend f
    bind :80
    retry-on conn-failure
`,
      },
      realTool: "'retry-on' only available in backend or listen section",
      expect: [{ line: 8, severity: "error", messageId: "refused" }],
    },
    {
      name: "tcp-request connection in a backend: refused",
      files: {
        "haproxy.cfg": `${head}backend b
    tcp-request connection reject
    server s 192.0.2.1:80
`,
      },
      realTool: "tcp-request connection",
      expect: [{ line: 7, severity: "error", messageId: "refused" }],
    },
    {
      name: "server in a frontend: refused",
      files: {
        "haproxy.cfg": `${head}frontend f
    bind :80
    server s 192.0.2.1:80
`,
      },
      realTool: "server",
      expect: [{ line: 8, severity: "error", messageId: "refused" }],
    },
    {
      name: "bind in a backend and timeout server in a frontend: ignored with a warning",
      files: {
        "haproxy.cfg": `defaults
    mode http
    timeout connect 5s
    timeout client 30s
frontend f
    bind :80
    timeout server 30s
    default_backend b
backend b
    bind :81
    timeout server 30s
    server s 192.0.2.1:80
`,
      },
      realTool: "'timeout server' will be ignored because frontend 'f' has no backend capability",
      expect: [
        { line: 7, severity: "warning", messageId: "ignored" },
        { line: 10, severity: "warning", messageId: "ignored" },
      ],
    },
    {
      name: "global keyword in a backend",
      files: {
        "haproxy.cfg": `backend b
    nbthread 4
`,
      },
      realTool: "unknown keyword 'nbthread' in 'backend' section",
      expect: [{ line: 2, severity: "error", messageId: "otherSection" }],
    },
    {
      name: "proxy keywords in the global, peers and resolvers sections",
      files: {
        "haproxy.cfg": `global
    timeout client 5s
    option httplog
peers p1
    balance roundrobin
resolvers r1
    maxconn 10
backend b
    server s 192.0.2.1:80 check
`,
      },
      realTool: "unknown keyword 'timeout' in 'global' section",
      expect: [
        { line: 2, severity: "error", messageId: "otherSection" },
        { line: 3, severity: "error", messageId: "otherSection" },
        { line: 5, severity: "error", messageId: "otherSection" },
        { line: 7, severity: "error", messageId: "otherSection" },
      ],
    },
    {
      name: "peer lines after a bind line of a peers section, a bind after peer lines",
      files: {
        "haproxy.cfg": `peers p1
    bind :10000
    peer lb01 192.0.2.1:10000
peers p2
    peer lb01 192.0.2.1:10000
    bind :10001
backend b
    server s 192.0.2.1:80 check
`,
      },
      realTool: 'mixing "peer" and "bind" line is forbidden',
      expect: [
        { line: 3, severity: "error", messageId: "peerAndBind" },
        { line: 6, severity: "error", messageId: "peerAndBind" },
      ],
    },
    {
      name: "peers of 3.2 mixing peer and bind lines",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `peers p1
    bind :10000
    peer lb01 192.0.2.1:10000
backend b
    server s 192.0.2.1:80 check
`,
      },
      realTool: 'mixing "peer" and "bind" line is forbidden',
      expect: [{ line: 3, severity: "error", messageId: "peerAndBind" }],
    },
    {
      name: "a proxy keyword in global on 2.6",
      settings: { haproxyVersion: "2.6" },
      files: {
        "haproxy.cfg": `global
    timeout client 5s
backend b
    server s 192.0.2.1:80 check
`,
      },
      realTool: "unknown keyword 'timeout' in 'global' section",
      expect: [{ line: 2, severity: "error", messageId: "otherSection" }],
    },
    {
      name: "an acme keyword in global (3.2 has acme sections)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `global
    contact admin@example.com
backend b
    server s 192.0.2.1:80 check
`,
      },
      realTool: "unknown keyword 'contact' in 'global' section",
      expect: [{ line: 2, severity: "error", messageId: "otherSection" }],
    },
    {
      name: "http-request in anonymous defaults",
      files: {
        "haproxy.cfg": `defaults
    http-request deny
`,
      },
      realTool: "anonymous 'defaults' section",
      expect: [{ line: 2, severity: "error", messageId: "refused" }],
    },
    {
      name: "an option of the wrong kind: a warning in 2.6",
      files: {
        "haproxy.cfg": `${head}frontend f
    bind :80
    option allbackups
`,
      },
      realTool: "'allbackups' ignored because frontend 'f' has no backend capability",
      expect: [{ line: 8, severity: "warning", messageId: "ignored" }],
    },
    {
      name: "an option of the wrong kind: refused by 3.2",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `${head}frontend f
    bind :80
    option allbackups
`,
      },
      realTool: "unknown option 'allbackups'",
      expect: [{ line: 8, severity: "error", messageId: "refused" }],
    },
    {
      name: "a backend inherits tcp-request connection rules",
      files: {
        "haproxy.cfg": `defaults tcpdef
    mode tcp
${TIMEOUTS_30S}    tcp-request connection reject if { src 192.0.2.66 }
backend b from tcpdef
    server s 192.0.2.1:80
`,
      },
      realTool: "a backend section cannot inherit from a defaults section defining 'tcp-request connection'",
      expect: [{ line: 7, severity: "error", messageId: "connectionRulesIntoBackend" }],
    },
    {
      name: "a frontend inherits tcp-response content rules",
      files: {
        "haproxy.cfg": `defaults tcpdef
    mode tcp
${TIMEOUTS_30S}    tcp-response content accept
frontend f from tcpdef
    bind :80
`,
      },
      realTool: "a frontend section cannot inherit from a defaults section defining 'tcp-response content'",
      expect: [{ line: 7, severity: "error", messageId: "responseRulesIntoFrontend" }],
    },
    {
      name: "a listen inherits TCP/HTTP rules",
      files: {
        "haproxy.cfg": `defaults web
    mode http
${TIMEOUTS_30S}    http-request set-header X-Via lb
listen app from web
    bind :80
    server s 192.0.2.1:80
`,
      },
      realTool: "a listen section cannot inherit from a defaults section defining TCP/HTTP rules",
      expect: [{ line: 7, severity: "error", messageId: "rulesIntoListen" }],
    },
    {
      name: "a frontend and a backend inherit the same rules",
      files: {
        "haproxy.cfg": `defaults web
    mode http
${TIMEOUTS_30S}    http-request set-header X-Via lb
frontend f from web
    bind :80
    default_backend b
backend b from web
    server s 192.0.2.1:80
`,
      },
      realTool: "frontends and backends cannot inherit from the same defaults section",
      expect: [{ line: 10, severity: "error", messageId: "rulesShared" }],
    },
    {
      name: "a defaults section inherits TCP/HTTP rules",
      files: {
        "haproxy.cfg": `defaults web
    mode http
    http-request set-header X-Via lb
defaults more from web
    timeout connect 5s
`,
      },
      realTool: "a defaults section cannot inherit from a defaults section defining TCP/HTTP rules",
      expect: [{ line: 4, severity: "error", messageId: "rulesIntoDefaults" }],
    },
    {
      name: "retry-on in a frontend: refused (3.0)",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `${head}frontend f
    bind :80
    retry-on conn-failure
`,
      },
      realTool: "'retry-on' only available in backend or listen section",
      expect: [{ line: 8, severity: "error", messageId: "refused" }],
    },
    {
      name: "retry-on in a frontend: refused (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `${head}frontend f
    bind :80
    retry-on conn-failure
`,
      },
      realTool: "'retry-on' only available in backend or listen section",
      expect: [{ line: 8, severity: "error", messageId: "refused" }],
    },
    {
      name: "tcp-request connection in a backend: refused (3.0)",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `${head}backend b
    tcp-request connection reject
    server s 192.0.2.1:80
`,
      },
      realTool: "tcp-request connection",
      expect: [{ line: 7, severity: "error", messageId: "refused" }],
    },
    {
      name: "tcp-request connection in a backend: refused (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `${head}backend b
    tcp-request connection reject
    server s 192.0.2.1:80
`,
      },
      realTool: "tcp-request connection",
      expect: [{ line: 7, severity: "error", messageId: "refused" }],
    },
    {
      name: "bind in a backend and timeout server in a frontend: ignored with a warning (3.0)",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `defaults
    mode http
    timeout connect 5s
    timeout client 30s
frontend f
    bind :80
    timeout server 30s
    default_backend b
backend b
    bind :81
    timeout server 30s
    server s 192.0.2.1:80
`,
      },
      realTool: "'timeout server' will be ignored because frontend 'f' has no backend capability",
      expect: [
        { line: 7, severity: "warning", messageId: "ignored" },
        { line: 10, severity: "warning", messageId: "ignored" },
      ],
    },
    {
      name: "bind in a backend and timeout server in a frontend: ignored with a warning (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `defaults
    mode http
    timeout connect 5s
    timeout client 30s
frontend f
    bind :80
    timeout server 30s
    default_backend b
backend b
    bind :81
    timeout server 30s
    server s 192.0.2.1:80
`,
      },
      realTool: "'timeout server' will be ignored because frontend 'f' has no backend capability",
      expect: [
        { line: 7, severity: "warning", messageId: "ignored" },
        { line: 10, severity: "warning", messageId: "ignored" },
      ],
    },
    {
      name: "http-request in anonymous defaults (3.0)",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `defaults
    http-request deny
`,
      },
      realTool: "anonymous 'defaults' section",
      expect: [{ line: 2, severity: "error", messageId: "refused" }],
    },
    {
      name: "http-request in anonymous defaults (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `defaults
    http-request deny
`,
      },
      realTool: "anonymous 'defaults' section",
      expect: [{ line: 2, severity: "error", messageId: "refused" }],
    },
    {
      name: "server in a frontend: refused (3.0)",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `${head}frontend f
    bind :80
    server s 192.0.2.1:80
`,
      },
      realTool: "server",
      expect: [{ line: 8, severity: "error", messageId: "refused" }],
    },
    {
      name: "server in a frontend: refused (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `${head}frontend f
    bind :80
    server s 192.0.2.1:80
`,
      },
      realTool: "server",
      expect: [{ line: 8, severity: "error", messageId: "refused" }],
    },
    {
      name: "accept-invalid-http options in the proxy that has no use for them, 3.2 (deprecated there, still placed)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `${HTTP_DEFAULTS_5S}frontend f
    bind :8080
    option accept-invalid-http-response
    default_backend b
backend b
    option accept-invalid-http-request
    server s1 192.0.2.1:80
`,
      },
      realTool: "'accept-invalid-http-response' ignored because frontend 'f' has no backend capability",
      expect: [
        { line: 8, severity: "warning", messageId: "ignored" },
        { line: 11, severity: "warning", messageId: "ignored" },
      ],
    },
  ],
});
