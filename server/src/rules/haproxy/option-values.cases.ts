import { defineCases } from "../rule.js";
import type rule from "./option-values.js";
import { HTTP_DEFAULTS, HTTP_DEFAULTS_5S } from "./example-configs.js";

const head = `${HTTP_DEFAULTS}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "values HAProxy reads",
      files: {
        "haproxy.cfg": `global
    ssl-default-bind-options no-sslv3 no-tls-tickets ssl-min-ver TLSv1.2
    ssl-default-server-options force-tlsv12

${head}frontend www
    bind :8080 proto h1 maxconn 1000
    default_backend web

backend web
    default-server inter 3s fall 3 rise 2
    server w1 192.0.2.11:443 ssl verify none ssl-min-ver TLSv1.2 check inter 2s weight 10
    server w2 192.0.2.12:80 proto h2 maxconn
`,
      },
    },
    {
      name: "strict-sni in ssl-default-bind-options from 3.2",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `global
    ssl-default-bind-options strict-sni
`,
      },
    },
    {
      name: "the CLI's bind options with values HAProxy reads",
      files: {
        "haproxy.cfg": `global
    stats socket /run/ha-lint-test.sock mode 660 level admin expose-fd listeners severity-output number

${head}frontend www
    bind :8080 level operator
    default_backend web

backend web
    server w1 192.0.2.11:80
`,
      },
    },
  ],
  invalid: [
    {
      name: "an init-state HAProxy does not know (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `${head}backend web
    server w1 192.0.2.11:80 init-state downx
`,
      },
      realTool: "'init-state' expects one of 'none', 'fully-up', 'up', 'down', or 'fully-down' but got 'downx'",
      expect: [{ line: 8, messageId: "option" }],
    },
    {
      name: "sni without its expression",
      files: {
        "haproxy.cfg": `${head}backend web
    server w1 192.0.2.11:443 ssl verify none sni
`,
      },
      realTool: "'sni' : missing sni expression",
      expect: [{ line: 8, messageId: "option" }],
    },
    {
      name: "hash-key without a value or with an unknown one (3.0)",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `${head}backend web
    server w1 192.0.2.11:80 hash-key
    server w2 192.0.2.12:80 hash-key port
`,
      },
      realTool: "'hash-key' has to be 'id', 'addr', or 'addr-port'",
      expect: [
        { line: 8, messageId: "option" },
        { line: 9, messageId: "option" },
      ],
    },
    {
      name: "a bind level HAProxy does not know",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080 level root
    default_backend web

backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "'level' only supports 'user', 'operator', and 'admin' \\(got 'root'\\)",
      expect: [{ line: 8, column: 22, messageId: "option" }],
    },
    {
      name: "a stats socket severity-output and a missing level",
      files: {
        "haproxy.cfg": `global
    stats socket /run/ha-lint-test.sock severity-output text

${head}frontend www
    bind :8080 level
    default_backend web

backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "'severity-output' only supports 'none', 'number', and 'string'",
      expect: [
        { line: 2, column: 57, messageId: "option" },
        { line: 11, column: 16, messageId: "option" },
      ],
    },
    {
      name: "an ssl-default-bind-options word of a newer version (2.6)",
      settings: { haproxyVersion: "2.6" },
      files: {
        "haproxy.cfg": `global
    ssl-default-bind-options strict-sni
`,
      },
      realTool: "unknown option 'strict-sni' on global statement 'ssl-default-bind-options'",
      expect: [{ line: 2, messageId: "defaults" }],
    },
    {
      name: "an ssl-default-bind-options word of a newer version (3.0)",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `global
    ssl-default-bind-options strict-sni
`,
      },
      realTool: "unknown option 'strict-sni' on global statement 'ssl-default-bind-options'",
      expect: [{ line: 2, messageId: "defaults" }],
    },
    {
      name: "an unknown MUX protocol and verify method",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080 proto qmux
    default_backend web

backend web
    server w1 192.0.2.11:443 ssl verify maybe
`,
      },
      realTool: "unknown MUX protocol 'qmux'",
      expect: [
        { line: 8, messageId: "option" },
        { line: 12, messageId: "option" },
      ],
    },
    {
      name: "a delay without its value and a TLS version HAProxy does not know",
      files: {
        "haproxy.cfg": `${head}backend web
    server w1 192.0.2.11:443 ssl verify none ssl-min-ver TLSv1.4
    server w2 192.0.2.12:80 check inter
    server w3 192.0.2.13:80 check inter 2x
`,
      },
      realTool: "'inter' expects a delay as argument",
      expect: [
        { line: 8, messageId: "option" },
        { line: 9, messageId: "option" },
        { line: 10, messageId: "option" },
      ],
    },
    {
      name: "server options without their value or with a wrong delay",
      files: {
        "haproxy.cfg": `${HTTP_DEFAULTS_5S}backend b
    server s1 192.0.2.1:80 agent-inter
    server s2 192.0.2.1:80 agent-inter zz
    server s3 192.0.2.1:80 agent-inter 99999999999
    server s4 192.0.2.1:80 agent-port
    server s5 192.0.2.1:80 agent-send
    server s6 192.0.2.1:80 slowstart zz
    server s7 192.0.2.1:80 slowstart 99999999999
`,
      },
      realTool: "'agent-inter' expects a delay as argument",
      expect: [
        { line: 7, messageId: "option" },
        { line: 8, messageId: "option" },
        { line: 9, messageId: "option" },
        { line: 10, messageId: "option" },
        { line: 11, messageId: "option" },
        { line: 12, messageId: "option" },
        { line: 13, messageId: "option" },
      ],
    },
    {
      name: "bind options without their value or with a wrong one",
      files: {
        "haproxy.cfg": `${HTTP_DEFAULTS_5S}backend b
    server s1 192.0.2.1:80
frontend f
    mode http
    bind :8080 alpn
    bind :8081 ca-sign-pass
    bind :8082 ciphers
    bind :8083 curves
    bind :8084 ecdhe
    bind :8085 expose-fd
    bind :8086 expose-fd zz
    bind :8087 id
    bind :8088 id -3
    bind :8089 level
    bind :8090 level zz
    bind :8091 mss
    bind :8092 npn
    bind :8093 severity-output
    bind :8094 severity-output zz
    bind :8095 tcp-ut
    bind :8096 tcp-ut zz
    default_backend b
`,
      },
      realTool: "missing the comma-delimited ALPN protocol suite",
      expect: [
        { line: 10, messageId: "option" },
        { line: 11, messageId: "option" },
        { line: 12, messageId: "option" },
        { line: 13, messageId: "option" },
        { line: 14, messageId: "option" },
        { line: 15, messageId: "option" },
        { line: 16, messageId: "option" },
        { line: 17, messageId: "option" },
        { line: 18, messageId: "option" },
        { line: 19, messageId: "option" },
        { line: 20, messageId: "option" },
        { line: 21, messageId: "option" },
        { line: 22, messageId: "option" },
        { line: 23, messageId: "option" },
        { line: 24, messageId: "option" },
        { line: 25, messageId: "option" },
        { line: 26, messageId: "option" },
      ],
    },
    {
      name: "3.0 server and bind options without their value (curves, client-sigalgs)",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `${HTTP_DEFAULTS_5S}
backend b
    server s1 192.0.2.1:80 curves

frontend f
    bind :8080 client-sigalgs
    default_backend b
`,
      },
      realTool: "missing curves list",
      expect: [
        { line: 8, messageId: "option" },
        { line: 11, messageId: "option" },
      ],
    },
    {
      name: "3.2 bind and server options without their value or with a wrong delay (idle-ping, label)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `${HTTP_DEFAULTS_5S}
backend b
    server s1 192.0.2.1:80 idle-ping zz

frontend f
    bind :8080 idle-ping
    bind :8081 idle-ping zz
    bind :8082 idle-ping 99999999999
    bind :8083 label
    default_backend b
`,
      },
      realTool: "'idle-ping' expects an argument",
      expect: [
        { line: 8, messageId: "option" },
        { line: 11, messageId: "option" },
        { line: 12, messageId: "option" },
        { line: 13, messageId: "option" },
        { line: 14, messageId: "option" },
      ],
    },
    {
      name: "agent-inter without its delay, a bind id that is not a number",
      files: {
        "haproxy.cfg": `${HTTP_DEFAULTS_5S}
backend b
    server s1 192.0.2.1:80 agent-inter

frontend f
    bind :8080 id zz
    default_backend b
`,
      },
      realTool: "'id' : expects an integer argument, found 'zz'",
      expect: [
        { line: 8, messageId: "option" },
        { line: 11, messageId: "option" },
      ],
    },
    {
      name: "3.0 server and bind options without their value (curves, client-sigalgs), 3.2",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `${HTTP_DEFAULTS_5S}
backend b
    server s1 192.0.2.1:80 curves

frontend f
    bind :8080 client-sigalgs
    default_backend b
`,
      },
      realTool: "missing curves list",
      expect: [
        { line: 8, messageId: "option" },
        { line: 11, messageId: "option" },
      ],
    },
  ],
});
