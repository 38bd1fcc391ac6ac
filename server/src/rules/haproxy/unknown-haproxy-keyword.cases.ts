import { defineCases } from "../rule.js";
import type rule from "./unknown-haproxy-keyword.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "typical configuration",
      files: {
        "haproxy.cfg": `global
    maxconn 4096
    log /dev/log local0

defaults
    mode http
    log global
    timeout client 30s
    timeout server 30s
    timeout connect 5s
    option httplog
    no option http-server-close

frontend fe
    bind 192.0.2.10:80
    default_backend be

backend be
    balance roundrobin
    option httpchk GET /health
    server s1 198.51.100.1:80 check
`,
      },
    },
  ],
  invalid: [
    {
      name: "an unknown action of a stats http-request rule",
      files: {
        "haproxy.cfg": `backend b
    stats enable
    stats http-request A-Z.09
    stats http-request auth realm stats
    server s1 192.0.2.1:80 check
`,
      },
      realTool: "'http-request' expects .* but got 'A-Z.09'",
      expect: [{ line: 3, messageId: "unknownAction" }],
    },
    {
      name: "typo",
      files: {
        "haproxy.cfg": `defaults
    timout client 30s
`,
      },
      realTool: "unknown keyword 'timout'",
      expect: [{ line: 2, messageId: "unknownKeyword" }],
    },
    {
      name: "unknown option",
      files: {
        "haproxy.cfg": `backend b
    option httpchck
`,
      },
      realTool: "unknown option 'httpchck'",
      expect: [{ line: 2, messageId: "unknownOption" }],
    },
    {
      name: "line before any section",
      files: {
        "haproxy.cfg": `maxconn 100
global
`,
      },
      realTool: "unknown keyword 'maxconn' out of section",
      expect: [{ line: 1, messageId: "beforeSection" }],
    },
    {
      name: "unknown server option",
      files: {
        "haproxy.cfg": `backend b
    server s 192.0.2.1:80 chek inter 2s
`,
      },
      realTool: "unknown keyword 'chek'",
      expect: [{ line: 2, messageId: "unknownLineOption" }],
    },
    {
      // 'weight' takes a value: renaming 'wieght' before 'check' would make 'check' the weight, so no fix there.
      name: "did-you-mean into an option that takes a value",
      files: {
        "haproxy.cfg": `backend b
    server s1 192.0.2.1:80 wieght check
    server s2 192.0.2.2:80 wieght 10 check
`,
      },
      expect: [
        { line: 2, messageId: "unknownLineOption" },
        { line: 3, messageId: "unknownLineOption" },
        { line: 3, messageId: "unknownLineOption" },
      ],
      fixed: {
        "haproxy.cfg": `backend b
    server s1 192.0.2.1:80 wieght check
    server s2 192.0.2.2:80 weight 10 check
`,
      },
    },
    {
      name: "unknown bind option",
      files: {
        "haproxy.cfg": `frontend f
    bind :8443 no-alpn
`,
      },
      realTool: "unknown keyword 'no-alpn'",
      expect: [{ line: 2, messageId: "optionOfOtherVersion" }],
    },
    {
      name: "unknown converter in a log format",
      files: {
        "haproxy.cfg": `frontend f
    bind :80
    http-request set-header X %[req.hdr(host),lowr]
`,
      },
      realTool: "unknown converter 'lowr'",
      expect: [{ line: 3, messageId: "unknownSample" }],
    },
    {
      name: "unknown fetch in an ACL",
      files: {
        "haproxy.cfg": `frontend f
    bind :80
    acl a req.cooky -m found
`,
      },
      realTool: "unknown fetch method 'req.cooky'",
      expect: [{ line: 3, messageId: "unknownSample" }],
    },
    {
      name: "converter of a newer version",
      files: {
        "haproxy.cfg": `frontend f
    bind :80
    http-request set-header X %[date,ms_ltime(%Y)]
`,
      },
      realTool: "unknown converter 'ms_ltime'",
      expect: [{ line: 3, messageId: "sampleOfOtherVersion" }],
    },
    {
      name: "a sample expression missing its closing parenthesis",
      files: {
        "haproxy.cfg": `frontend f
    bind :80
    acl a req.hdr(host -m found
`,
      },
      expect: [{ line: 3, messageId: "sampleSyntax" }],
    },
    {
      name: "unknown action",
      files: {
        "haproxy.cfg": `frontend f
    bind :80
    http-request set-heder X-A b
`,
      },
      realTool: "expects",
      expect: [{ line: 3, messageId: "unknownAction" }],
    },
    {
      name: "action of a newer version",
      files: {
        "haproxy.cfg": `frontend f
    bind :80
    tcp-request session attach-srv be/s
`,
      },
      expect: [{ line: 3, messageId: "actionOfOtherVersion" }],
    },
    {
      name: "compression sub-keyword of a newer version",
      files: {
        "haproxy.cfg": `backend b
    compression direction both
`,
      },
      expect: [{ line: 2, messageId: "subKeywordOfOtherVersion" }],
    },
    {
      name: "unknown compression sub-keyword",
      files: {
        "haproxy.cfg": `backend b
    compression algorithm gzip
`,
      },
      expect: [{ line: 2, messageId: "unknownSubKeyword" }],
    },
    {
      name: "address prefix of a newer version",
      files: {
        "haproxy.cfg": `frontend f
    bind mptcp@[::]:5000
`,
      },
      expect: [{ line: 2, messageId: "prefixOfOtherVersion" }],
    },
    {
      name: "unknown address prefix",
      files: {
        "haproxy.cfg": `frontend f
    bind tcp9@:5000
`,
      },
      expect: [{ line: 2, messageId: "unknownPrefix" }],
    },
    {
      name: "keyword of a newer version",
      files: {
        "haproxy.cfg": `backend b
    server s 192.0.2.1:80
    option forwarded
`,
      },
      realTool: "unknown option 'forwarded'",
      expect: [{ line: 3, messageId: "keywordOfOtherVersion" }],
    },
    {
      name: "a timeout without its event",
      files: {
        "haproxy.cfg": `defaults
    timeout
`,
      },
      expect: [{ line: 2, messageId: "incomplete" }],
    },
    {
      name: "a crt-store load keyword of a newer version (jwt, 3.4) in 3.2",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `crt-store web
    load crt site.pem jwt on
`,
      },
      realTool: "'load jwt' in section 'crt-store': unknown keyword 'jwt'",
      expect: [{ line: 2, column: 23, messageId: "crtStoreLoadOfOtherVersion" }],
    },
    {
      name: "a crt-store load keyword of 3.2 (acme) in 3.0",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `crt-store web
    load crt site.pem alias site acme le
`,
      },
      realTool: "'load acme' in section 'crt-store': unknown keyword 'acme'",
      expect: [{ line: 2, column: 34, messageId: "crtStoreLoadOfOtherVersion" }],
    },
    {
      name: "an unknown crt-store load keyword",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `crt-store web
    load crt site.pem keyy site.key
`,
      },
      realTool: "'load keyy' in section 'crt-store': unknown keyword 'keyy'",
      expect: [{ line: 2, column: 23, messageId: "unknownCrtStoreLoad" }],
    },
    {
      name: "a trace source of 3.4 (qcm) in 3.2",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `traces
    trace h1 start now
    trace qcm start now
`,
      },
      realTool: "No such trace source 'qcm'",
      expect: [{ line: 3, column: 11, messageId: "traceSourceOfOtherVersion" }],
    },
    {
      name: "an unknown trace source",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": "traces\n    trace http2 start now\n" },
      realTool: "No such trace source 'http2'",
      expect: [{ line: 2, column: 11, messageId: "unknownTraceSource" }],
    },
    {
      name: "an unknown action of a stats http-request rule (3.0)",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `backend b
    stats enable
    stats http-request A-Z.09
    stats http-request auth realm stats
    server s1 192.0.2.1:80 check
`,
      },
      realTool: "'http-request' expects .* but got 'A-Z.09'",
      expect: [{ line: 3, messageId: "unknownAction" }],
    },
    {
      name: "an unknown action of a stats http-request rule (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `backend b
    stats enable
    stats http-request A-Z.09
    stats http-request auth realm stats
    server s1 192.0.2.1:80 check
`,
      },
      realTool: "'http-request' expects .* but got 'A-Z.09'",
      expect: [{ line: 3, messageId: "unknownAction" }],
    },
    {
      name: "an unknown tcp-request content action (2.6)",
      settings: { haproxyVersion: "2.6" },
      files: {
        "haproxy.cfg": `defaults
    mode tcp
    timeout connect 5s
    timeout client 5s
    timeout server 5s
frontend f
    bind :8080
    tcp-request content zz
    default_backend b
backend b
    server s1 192.0.2.1:80
`,
      },
      realTool: "'tcp-request content' expects 'accept', 'reject'",
      expect: [{ line: 8, messageId: "unknownAction" }],
    },
    {
      name: "an unknown tcp-request content action (3.0)",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `defaults
    mode tcp
    timeout connect 5s
    timeout client 5s
    timeout server 5s
frontend f
    bind :8080
    tcp-request content zz
    default_backend b
backend b
    server s1 192.0.2.1:80
`,
      },
      realTool: "'tcp-request content' expects 'accept', 'reject'",
      expect: [{ line: 8, messageId: "unknownAction" }],
    },
    {
      name: "an unknown tcp-request content action (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `defaults
    mode tcp
    timeout connect 5s
    timeout client 5s
    timeout server 5s
frontend f
    bind :8080
    tcp-request content zz
    default_backend b
backend b
    server s1 192.0.2.1:80
`,
      },
      realTool: "'tcp-request content' expects 'accept', 'reject'",
      expect: [{ line: 8, messageId: "unknownAction" }],
    },
  ],
});
