import { defineCases } from "../rule.js";
import type rule from "./haproxy-syntax-error.js";
import { TIMEOUTS_30S } from "./example-configs.js";

const timeouts = `${TIMEOUTS_30S}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "quotes, escapes and a taken .if",
      files: {
        "haproxy.cfg": `global
.if version_atleast(2.4)
    log stdout format raw local0
.endif
frontend fe
    bind :80
    http-request set-header X-A "a b\\x41" # note
    http-request set-header X-B 'it''s'
`,
      },
    },
    {
      name: "named defaults, 'defaults from NAME', extra words on a defaults line",
      files: {
        "haproxy.cfg": `defaults base
    mode http
${timeouts}
defaults from base
    option httplog

defaults tcp 0.0.0.0:1
    mode tcp

frontend www from base
    bind :80
    default_backend web

backend web from base
    server w1 192.0.2.11:80 check
`,
      },
    },
    {
      name: "names HAProxy does not check: defaults, cache, program",
      files: {
        "haproxy.cfg": `defaults web/v2
    mode http
${timeouts}
cache pages/v2
    total-max-size 4

frontend www
    bind :80
`,
      },
    },
  ],
  invalid: [
    {
      name: "unmatched quote",
      files: {
        "haproxy.cfg": `backend b
    http-request set-header X "v
`,
      },
      realTool: "unmatched quote",
      expect: [{ line: 2, messageId: "reader" }],
    },
    {
      name: "variable default outside quotes in an address",
      files: {
        "haproxy.cfg": `frontend fe
    bind \${VIP-192.0.2.10}:80
`,
      },
      realTool: "invalid address: '-192.0.2.10}'",
      expect: [{ line: 2, messageId: "defaultOutsideQuotes" }],
    },
    {
      name: "bad hex escape",
      files: {
        "haproxy.cfg": `backend b
    http-request set-header X a\\xZZ
`,
      },
      realTool: "truncated or invalid hexadecimal sequence",
      expect: [{ line: 2, messageId: "reader" }],
    },
    {
      name: "invalid character in a proxy name",
      files: {
        "haproxy.cfg": `frontend www.example.net:80/x
    bind :80
`,
      },
      realTool: "character '/' is not permitted in 'frontend' name",
      expect: [{ line: 1, messageId: "invalidName" }],
    },
    {
      name: "address on the listen line: no listen, every line refused",
      files: {
        "haproxy.cfg": `listen app 0.0.0.0:8080
    mode tcp
    server s 192.0.2.1:80
`,
      },
      realTool: "please use the 'bind' keyword for listening addresses",
      expect: [
        { line: 1, messageId: "addressAfterName" },
        { line: 2, messageId: "lineOfUncreatedSection" },
        { line: 3, messageId: "lineOfUncreatedSection" },
      ],
    },
    {
      name: "address on a backend line: up to 3.0 HAProxy says nothing there, only on its lines",
      files: {
        "haproxy.cfg": `defaults
    mode http
${timeouts}backend app 192.0.2.1:80
    balance roundrobin
`,
      },
      realTool: "'listen' or 'defaults' expected",
      expect: [{ line: 7, messageId: "lineOfUncreatedSection" }],
    },
    {
      name: "an address on a backend line: HAProxy 3.2 names it on the section line",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `defaults
    mode http
${timeouts}backend app 192.0.2.1:80
    balance roundrobin
`,
      },
      realTool: "'backend' cannot handle unexpected argument '192.0.2.1:80'",
      expect: [
        { line: 6, messageId: "backendUnexpectedArgument" },
        { line: 7, messageId: "lineOfUncreatedSection" },
      ],
    },
    {
      name: "words after 'from NAME' on a backend line: refused in every version",
      files: {
        "haproxy.cfg": `defaults base
    mode http
${timeouts}backend app from base extra
    balance roundrobin
`,
      },
      realTool: "'backend' cannot handle unexpected argument 'extra'",
      expect: [
        { line: 6, messageId: "backendUnexpectedArgument" },
        { line: 7, messageId: "lineOfUncreatedSection" },
      ],
    },
    {
      name: "'from' without a name",
      files: {
        "haproxy.cfg": `frontend www from
    bind :80
`,
      },
      realTool: "please use the 'bind' keyword",
      expect: [
        { line: 1, messageId: "wordsAfterName" },
        { line: 2, messageId: "lineOfUncreatedSection" },
      ],
    },
    {
      name: "'from' a defaults section written after it: the reading stops",
      files: {
        "haproxy.cfg": `frontend www from base
    bind :80
    bogus-keyword 1
defaults base
    mode http
`,
      },
      realTool: "defaults section 'base' not found for frontend 'www'",
      expect: [{ line: 1, column: 19, messageId: "reader" }],
    },
    {
      name: "'from' names a defaults section whose name has a character proxy names may not have",
      files: {
        "haproxy.cfg": `defaults base@x
    timeout connect 5s
    timeout client 5s
    timeout server 5s

backend web from base@x
    server w1 192.0.2.11:80
`,
      },
      realTool: "character '@' is not permitted in defaults section name 'base@x' when designated by its name",
      expect: [{ line: 6, column: 18, messageId: "invalidFromName" }],
    },
    {
      name: "'from' a name two defaults sections carry",
      files: {
        "haproxy.cfg": `defaults base
    timeout connect 5s
    timeout client 5s
    timeout server 5s

defaults base
    mode http

backend web from base
    server w1 192.0.2.11:80
`,
      },
      realTool: "ambiguous defaults section name 'base' referenced by backend 'web'",
      expect: [{ line: 9, column: 18, messageId: "ambiguousFrom" }],
    },
    {
      name: "a proxy without a name: the reading stops",
      files: {
        "haproxy.cfg": `backend
    bogus-keyword 1
`,
      },
      realTool: "'backend' expects an <id> argument",
      expect: [{ line: 1, messageId: "reader" }],
    },
    {
      name: ".if without .endif, reported on the last line",
      files: {
        "haproxy.cfg": `global
.if defined(X)
    maxconn 10
`,
      },
      realTool: "non-terminated '.if' block",
      expect: [{ line: 3, messageId: "reader" }],
    },
    {
      name: "an unknown directive stops the reading",
      files: {
        "haproxy.cfg": `global
.iff defined(X)
    bogus-keyword 1
`,
      },
      realTool: "unknown directive '.iff'",
      expect: [{ line: 2, messageId: "reader" }],
    },
    {
      name: "a message directive with two words",
      files: {
        "haproxy.cfg": `global
.notice starting up
    maxconn 10
`,
      },
      realTool: "Unexpected argument 'up' for '.notice'",
      expect: [{ line: 2, messageId: "reader" }],
    },
    {
      name: "a UTF-8 byte order mark",
      files: {
        "haproxy.cfg": `\ufeff# haproxy.cfg
global
    maxconn 10
`,
      },
      realTool: "unknown keyword '\ufeff' out of section",
      expect: [{ line: 1, messageId: "reader" }],
    },
    {
      name: "a NUL byte stops the reading",
      files: {
        "haproxy.cfg": `global
    maxconn 10\u0000
    bogus-keyword 1
`,
      },
      realTool: "Stray NUL character at position 15",
      expect: [{ line: 2, messageId: "reader" }],
    },
  ],
});
