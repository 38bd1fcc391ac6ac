import { defineCases } from "../rule.js";
import type rule from "./keyword-arguments.js";
import { HTTP_DEFAULTS_5S, TIMEOUTS_30S } from "./example-configs.js";

const timeouts = `${TIMEOUTS_30S}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "arguments of the shapes HAProxy reads",
      files: {
        "haproxy.cfg": `global
    maxconn 4096
    nbthread 2
    tune.bufsize 32768

defaults
    mode http
${timeouts}    timeout http-request 10s
    retries 3

backend web
    balance hdr(host)
    hash-type consistent sdbm avalanche
    http-reuse safe
    option httpchk GET /health HTTP/1.1
    server w1 192.0.2.11:80 check
`,
      },
    },
    {
      name: "maxconn read with atol() in 2.6",
      files: {
        "haproxy.cfg": `defaults
${timeouts}
listen app
    bind :8080
    maxconn lots
    server a1 192.0.2.11:80
`,
      },
    },
  ],
  invalid: [
    {
      name: "an empty argument ends the list: maxconn ''",
      files: {
        "haproxy.cfg": `global
    maxconn ''
defaults
${timeouts}backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "'maxconn' expects an integer argument",
      expect: [{ line: 2, messageId: "arguments" }],
    },
    {
      name: "a stats socket with an empty address",
      files: {
        "haproxy.cfg": `global
    stats socket "" mode 660 level admin
defaults
${timeouts}backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "'stats socket' in global section expects an address or a path to a UNIX socket",
      expect: [{ line: 2, messageId: "arguments" }],
    },
    {
      name: "email-alert settings without a value (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `defaults
${timeouts}backend web
    email-alert from
    server w1 192.0.2.11:80
`,
      },
      realTool: "missing argument after 'from'",
      expect: [{ line: 6, messageId: "arguments" }],
    },
    {
      name: "user without a name, group with two",
      files: {
        "haproxy.cfg": `global
    user
    group root wheel
defaults
${timeouts}
backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "cannot find user id for ''",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
      ],
    },
    {
      name: "words after global, after a negated option, after an option out of its section",
      files: {
        "haproxy.cfg": `global x
defaults
${timeouts}
frontend www
    bind :80
    option allbackups *
    default_backend web
backend web
    no option allbackups 1
    server w1 192.0.2.11:80
`,
      },
      realTool: "'global' cannot handle unexpected argument 'x'",
      expect: [
        { line: 1, messageId: "arguments" },
        { line: 9, messageId: "arguments" },
        { line: 12, messageId: "arguments" },
      ],
    },
    {
      name: "words after a negated option (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `defaults
${timeouts}
backend web
    no option allbackups 1
    server w1 192.0.2.11:80
`,
      },
      realTool: "'option allbackups' cannot handle unexpected argument '1'",
      expect: [{ line: 7, messageId: "arguments" }],
    },
    {
      name: "words the keyword's own parser refuses: capture len, forwardfor, url_param, unix-bind, h2 frame size",
      files: {
        "haproxy.cfg": `global
    tune.h2.max-frame-size 0x10
    unix-bind --
defaults
${timeouts}
frontend www
    bind :80
    capture response header X-Id lenght 10
    default_backend web
backend web
    option forwardfor *:65535
    balance url_param
    server w1 192.0.2.11:80
`,
      },
      realTool: "'capture response' expects 'header' <header_name> 'len' <len>",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 11, messageId: "arguments" },
        { line: 14, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
      ],
    },
    {
      name: "error pages for status codes HAProxy has none for",
      files: {
        "haproxy.cfg": `defaults
${timeouts}    errorloc302 1 1
    errorfile 414 /dev/null
backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "errorloc302 : status code '1' not handled",
      expect: [
        { line: 5, messageId: "arguments" },
        { line: 6, messageId: "arguments" },
      ],
    },
    {
      name: "3.2 has an error page for 414",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `defaults
${timeouts}    errorloc302 1 1
    errorfile 414 /dev/null
backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "errorloc302 : status code '1' not handled",
      expect: [{ line: 5, messageId: "arguments" }],
    },
    {
      name: "characters HAProxy does not allow in a server name",
      files: {
        "haproxy.cfg": `defaults
${timeouts}backend web
    server db\\"02 192.0.2.11:80
    server a$b 192.0.2.12:80
    server ok_1.a:b-c 192.0.2.13:80
`,
      },
      realTool: "character '\\$' is not permitted in server name 'a\\$b'",
      expect: [
        { line: 6, messageId: "arguments" },
        { line: 7, messageId: "arguments" },
      ],
    },
    {
      name: "user without a name (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `global
    user
defaults
${timeouts}
backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "cannot find user id for ''",
      expect: [{ line: 2, messageId: "arguments" }],
    },
    {
      name: "option httpchk with a fourth word",
      files: {
        "haproxy.cfg": `defaults
${timeouts}
backend web
    option httpchk GET /health HTTP/1.1 www.example.net
    server w1 192.0.2.11:80 check
`,
      },
      realTool: "'option httpchk' cannot handle unexpected argument 'www.example.net'",
      expect: [{ line: 7, messageId: "arguments" }],
    },
    {
      name: "an unknown balance algorithm",
      files: {
        "haproxy.cfg": `defaults
${timeouts}
backend web
    balance sourcexyzzy
    server w1 192.0.2.11:80
`,
      },
      realTool: "balance only supports",
      expect: [{ line: 7, messageId: "arguments" }],
    },
    {
      name: "a delay with a wrong unit, and one that overflows",
      files: {
        "haproxy.cfg": `defaults
    timeout connect 5x
    timeout client 30d
    timeout server 30s
`,
      },
      realTool: "unexpected character 'x' in 'timeout connect'",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
      ],
    },
    {
      name: "no thread, and a mode HAProxy does not have",
      files: {
        "haproxy.cfg": `global
    nbthread 0

defaults
    mode htp
${timeouts}`,
      },
      realTool: "nbthread",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 5, messageId: "arguments" },
      ],
    },
    {
      name: "a word after a keyword that takes one argument",
      files: {
        "haproxy.cfg": `global
    maxconn 4096 8192
`,
      },
      realTool: "'maxconn' cannot handle unexpected argument '8192'",
      expect: [{ line: 2, messageId: "arguments" }],
    },
    {
      name: "maxconn must be an integer from 3.0 on",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `global
    maxconn lots
`,
      },
      expect: [{ line: 2, messageId: "arguments" }],
    },
    {
      name: "global keywords without their value or with a wrong one (messages of cfg_parse_global() and the keyword parsers)",
      files: {
        "haproxy.cfg": `global
    log-tag
    max-spread-checks zz
    tune.idletimer 99999999999
    maxcomprate
    unix-bind zz
    node
    h1-case-adjust
    ssl-default-bind-ciphers
    ssl-default-bind-curves
    ssl-propquery
    stats socket
    stats timeout 99999999999
    tune.lua.maxmem zz
    tune.lua.service-timeout
    tune.ssl.lifetime
    tune.bufsize
    tune.pattern.cache-size
    max-spread-checks 99999999999
${HTTP_DEFAULTS_5S}`,
      },
      realTool: "'log-tag' expects a tag for use in syslog",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 4, messageId: "arguments" },
        { line: 5, messageId: "arguments" },
        { line: 6, messageId: "arguments" },
        { line: 7, messageId: "arguments" },
        { line: 8, messageId: "arguments" },
        { line: 9, messageId: "arguments" },
        { line: 10, messageId: "arguments" },
        { line: 11, messageId: "arguments" },
        { line: 12, messageId: "arguments" },
        { line: 13, messageId: "arguments" },
        { line: 14, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
        { line: 16, messageId: "arguments" },
        { line: 17, messageId: "arguments" },
        { line: 18, messageId: "arguments" },
        { line: 19, messageId: "arguments" },
      ],
    },
    {
      name: "proxy keywords without their value or with a wrong one (cfg_parse_listen() and the keyword parsers)",
      files: {
        "haproxy.cfg": `${HTTP_DEFAULTS_5S}    timeout server 5s
    monitor-uri

backend b
    cookie
    dynamic-cookie-key
    option forwardfor zz
    option http-restrict-req-hdr-names
    option http-restrict-req-hdr-names zz
    option pgsql-check
    srvtcpka-cnt
    tcp-check comment
    tcp-check send
    tcp-request inspect-delay
    tcp-request inspect-delay zz
    tcp-request inspect-delay 99999999999
    retries
    stats auth
    stats scope
    stats uri
    stats realm
    load-server-state-from-file
    stats refresh zz
`,
      },
      realTool: "'cookie' expects <cookie_name> as argument",
      expect: [
        { line: 7, messageId: "arguments" },
        { line: 10, messageId: "arguments" },
        { line: 11, messageId: "arguments" },
        { line: 12, messageId: "arguments" },
        { line: 13, messageId: "arguments" },
        { line: 14, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
        { line: 16, messageId: "arguments" },
        { line: 17, messageId: "arguments" },
        { line: 18, messageId: "arguments" },
        { line: 19, messageId: "arguments" },
        { line: 20, messageId: "arguments" },
        { line: 21, messageId: "arguments" },
        { line: 22, messageId: "arguments" },
        { line: 23, messageId: "arguments" },
        { line: 24, messageId: "arguments" },
        { line: 25, messageId: "arguments" },
        { line: 26, messageId: "arguments" },
        { line: 27, messageId: "arguments" },
        { line: 28, messageId: "arguments" },
      ],
    },
    {
      name: "global keywords of 3.0 without their value or with a wrong one",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `global
    ssl-default-bind-client-sigalgs
    thread-hard-limit -3
    tune.listener.multi-queue
    tune.stick-counters zz

${HTTP_DEFAULTS_5S}`,
      },
      realTool: "tune.stick-counters: 'zz' is an invalid number",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 4, messageId: "arguments" },
        { line: 5, messageId: "arguments" },
      ],
    },
    {
      name: "3.2 keywords without their value or with a wrong one (acme.scheduler, warn-blocked-traffic-after, tune.renice.runtime, tune.glitches.kill.cpu-usage, hash-preserve-affinity)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `global
    acme.scheduler
    warn-blocked-traffic-after 0
    tune.renice.runtime zz
    tune.glitches.kill.cpu-usage

${HTTP_DEFAULTS_5S}
backend b
    hash-preserve-affinity
    server s1 192.0.2.1:80
`,
      },
      realTool: "timer out of range in argument '0' to 'warn-blocked-traffic-after'",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 4, messageId: "arguments" },
        { line: 5, messageId: "arguments" },
        { line: 14, messageId: "arguments" },
      ],
    },
    {
      name: "localpeer without a name",
      files: {
        "haproxy.cfg": `global
    localpeer

${HTTP_DEFAULTS_5S}`,
      },
      realTool: "'localpeer' expects a name as an argument",
      expect: [{ line: 2, messageId: "arguments" }],
    },
    {
      name: "more keywords without their value or with a wrong one",
      files: {
        "haproxy.cfg": `global
    tune.idletimer
    cluster-secret
    max-spread-checks
    tune.lua.maxmem
    tune.pattern.cache-size

${HTTP_DEFAULTS_5S}
backend b
    log-tag
    capture cookie
    option forwardfor zz
    max-keep-alive-queue zz

frontend f
    capture cookie
    default_backend b
`,
      },
      realTool: "'max-spread-checks' expects an integer argument \\(0\\.\\.50\\)",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 4, messageId: "arguments" },
        { line: 5, messageId: "arguments" },
        { line: 6, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
        { line: 17, messageId: "arguments" },
        { line: 18, messageId: "arguments" },
        { line: 21, messageId: "arguments" },
      ],
    },
    {
      name: "3.2 global keywords without their value or with a wrong one (anonkey, tune.*)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `global
    anonkey
    tune.max-rules-at-once
    tune.bufsize
    tune.lua.forced-yield zz
    tune.stick-counters -3
    tune.h2.be.rxbuf zz

${HTTP_DEFAULTS_5S}`,
      },
      realTool: "a key is expected after 'anonkey'",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 4, messageId: "arguments" },
        { line: 5, messageId: "arguments" },
        { line: 6, messageId: "arguments" },
        { line: 7, messageId: "arguments" },
      ],
    },
    {
      name: "global keywords without their value or with a wrong one, 3.0",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `global
    log-tag
    max-spread-checks zz
    tune.idletimer 99999999999
    maxcomprate
    unix-bind zz
    node
    h1-case-adjust
    ssl-default-bind-ciphers
    ssl-default-bind-curves
    ssl-propquery
    stats socket
    stats timeout 99999999999
    tune.lua.maxmem zz
    tune.lua.service-timeout
    tune.ssl.lifetime
    tune.bufsize
    tune.pattern.cache-size
    max-spread-checks 99999999999
${HTTP_DEFAULTS_5S}`,
      },
      realTool: "'log-tag' expects a tag for use in syslog",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 4, messageId: "arguments" },
        { line: 5, messageId: "arguments" },
        { line: 6, messageId: "arguments" },
        { line: 7, messageId: "arguments" },
        { line: 8, messageId: "arguments" },
        { line: 9, messageId: "arguments" },
        { line: 10, messageId: "arguments" },
        { line: 11, messageId: "arguments" },
        { line: 12, messageId: "arguments" },
        { line: 13, messageId: "arguments" },
        { line: 14, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
        { line: 16, messageId: "arguments" },
        { line: 17, messageId: "arguments" },
        { line: 18, messageId: "arguments" },
        { line: 19, messageId: "arguments" },
      ],
    },
    {
      name: "proxy keywords without their value or with a wrong one, 3.0",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `${HTTP_DEFAULTS_5S}    timeout server 5s
    monitor-uri

backend b
    cookie
    dynamic-cookie-key
    option forwardfor zz
    option http-restrict-req-hdr-names
    option http-restrict-req-hdr-names zz
    option pgsql-check
    srvtcpka-cnt
    tcp-check comment
    tcp-check send
    tcp-request inspect-delay
    tcp-request inspect-delay zz
    tcp-request inspect-delay 99999999999
    retries
    stats auth
    stats scope
    stats uri
    stats realm
    load-server-state-from-file
    stats refresh zz
`,
      },
      realTool: "'cookie' expects <cookie_name> as argument",
      expect: [
        { line: 7, messageId: "arguments" },
        { line: 10, messageId: "arguments" },
        { line: 11, messageId: "arguments" },
        { line: 12, messageId: "arguments" },
        { line: 13, messageId: "arguments" },
        { line: 14, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
        { line: 16, messageId: "arguments" },
        { line: 17, messageId: "arguments" },
        { line: 18, messageId: "arguments" },
        { line: 19, messageId: "arguments" },
        { line: 20, messageId: "arguments" },
        { line: 21, messageId: "arguments" },
        { line: 22, messageId: "arguments" },
        { line: 23, messageId: "arguments" },
        { line: 24, messageId: "arguments" },
        { line: 25, messageId: "arguments" },
        { line: 26, messageId: "arguments" },
        { line: 27, messageId: "arguments" },
        { line: 28, messageId: "arguments" },
      ],
    },
    {
      name: "more keywords without their value or with a wrong one, 3.0",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `global
    tune.idletimer
    cluster-secret
    max-spread-checks
    tune.lua.maxmem
    tune.pattern.cache-size

${HTTP_DEFAULTS_5S}
backend b
    log-tag
    capture cookie
    option forwardfor zz
    max-keep-alive-queue zz

frontend f
    capture cookie
    default_backend b
`,
      },
      realTool: "'max-spread-checks' expects an integer argument \\(0\\.\\.50\\)",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 4, messageId: "arguments" },
        { line: 5, messageId: "arguments" },
        { line: 6, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
        { line: 17, messageId: "arguments" },
        { line: 18, messageId: "arguments" },
        { line: 21, messageId: "arguments" },
      ],
    },
    {
      name: "global keywords without their value or with a wrong one, 3.2",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `global
    log-tag
    max-spread-checks zz
    tune.idletimer 99999999999
    maxcomprate
    unix-bind zz
    node
    h1-case-adjust
    ssl-default-bind-ciphers
    ssl-default-bind-curves
    ssl-propquery
    stats socket
    stats timeout 99999999999
    tune.lua.maxmem zz
    tune.lua.service-timeout
    tune.ssl.lifetime
    tune.bufsize
    tune.pattern.cache-size
    max-spread-checks 99999999999
${HTTP_DEFAULTS_5S}`,
      },
      realTool: "'log-tag' expects a tag for use in syslog",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 4, messageId: "arguments" },
        { line: 5, messageId: "arguments" },
        { line: 6, messageId: "arguments" },
        { line: 7, messageId: "arguments" },
        { line: 8, messageId: "arguments" },
        { line: 9, messageId: "arguments" },
        { line: 10, messageId: "arguments" },
        { line: 11, messageId: "arguments" },
        { line: 12, messageId: "arguments" },
        { line: 13, messageId: "arguments" },
        { line: 14, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
        { line: 16, messageId: "arguments" },
        { line: 17, messageId: "arguments" },
        { line: 18, messageId: "arguments" },
        { line: 19, messageId: "arguments" },
      ],
    },
    {
      name: "proxy keywords without their value or with a wrong one, 3.2",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `${HTTP_DEFAULTS_5S}    timeout server 5s
    monitor-uri

backend b
    cookie
    dynamic-cookie-key
    option forwardfor zz
    option http-restrict-req-hdr-names
    option http-restrict-req-hdr-names zz
    option pgsql-check
    srvtcpka-cnt
    tcp-check comment
    tcp-check send
    tcp-request inspect-delay
    tcp-request inspect-delay zz
    tcp-request inspect-delay 99999999999
    retries
    stats auth
    stats scope
    stats uri
    stats realm
    load-server-state-from-file
    stats refresh zz
`,
      },
      realTool: "'cookie' expects <cookie_name> as argument",
      expect: [
        { line: 7, messageId: "arguments" },
        { line: 10, messageId: "arguments" },
        { line: 11, messageId: "arguments" },
        { line: 12, messageId: "arguments" },
        { line: 13, messageId: "arguments" },
        { line: 14, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
        { line: 16, messageId: "arguments" },
        { line: 17, messageId: "arguments" },
        { line: 18, messageId: "arguments" },
        { line: 19, messageId: "arguments" },
        { line: 20, messageId: "arguments" },
        { line: 21, messageId: "arguments" },
        { line: 22, messageId: "arguments" },
        { line: 23, messageId: "arguments" },
        { line: 24, messageId: "arguments" },
        { line: 25, messageId: "arguments" },
        { line: 26, messageId: "arguments" },
        { line: 27, messageId: "arguments" },
        { line: 28, messageId: "arguments" },
      ],
    },
    {
      name: "more keywords without their value or with a wrong one, 3.2",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `global
    tune.idletimer
    cluster-secret
    max-spread-checks
    tune.lua.maxmem
    tune.pattern.cache-size

${HTTP_DEFAULTS_5S}
backend b
    log-tag
    capture cookie
    option forwardfor zz
    max-keep-alive-queue zz

frontend f
    capture cookie
    default_backend b
`,
      },
      realTool: "'max-spread-checks' expects an integer argument \\(0\\.\\.50\\)",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 4, messageId: "arguments" },
        { line: 5, messageId: "arguments" },
        { line: 6, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
        { line: 17, messageId: "arguments" },
        { line: 18, messageId: "arguments" },
        { line: 21, messageId: "arguments" },
      ],
    },
    {
      name: "global keywords of 3.0 without their value or with a wrong one, 3.2",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `global
    ssl-default-bind-client-sigalgs
    thread-hard-limit -3
    tune.listener.multi-queue
    tune.stick-counters zz

${HTTP_DEFAULTS_5S}`,
      },
      realTool: "tune.stick-counters: 'zz' is an invalid number",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 4, messageId: "arguments" },
        { line: 5, messageId: "arguments" },
      ],
    },
    {
      name: "words the keyword's own parser refuses: capture len, forwardfor, url_param, unix-bind, h2 frame size (3.0)",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `global
    tune.h2.max-frame-size 0x10
    unix-bind --
defaults
${timeouts}
frontend www
    bind :80
    capture response header X-Id lenght 10
    default_backend web
backend web
    option forwardfor *:65535
    balance url_param
    server w1 192.0.2.11:80
`,
      },
      realTool: "'capture response' expects 'header' <header_name> 'len' <len>",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 11, messageId: "arguments" },
        { line: 14, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
      ],
    },
    {
      name: "words the keyword's own parser refuses: capture len, forwardfor, url_param, unix-bind, h2 frame size (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `global
    tune.h2.max-frame-size 0x10
    unix-bind --
defaults
${timeouts}
frontend www
    bind :80
    capture response header X-Id lenght 10
    default_backend web
backend web
    option forwardfor *:65535
    balance url_param
    server w1 192.0.2.11:80
`,
      },
      realTool: "'capture response' expects 'header' <header_name> 'len' <len>",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 11, messageId: "arguments" },
        { line: 14, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
      ],
    },
    {
      name: "error pages for status codes HAProxy has none for (3.0)",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `defaults
${timeouts}    errorloc302 1 1
    errorfile 414 /dev/null
backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "errorloc302 : status code '1' not handled",
      expect: [
        { line: 5, messageId: "arguments" },
        { line: 6, messageId: "arguments" },
      ],
    },
    {
      name: "error pages for status codes HAProxy has none for (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `defaults
${timeouts}    errorloc302 1 1
    errorfile 416 /dev/null
backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "errorloc302 : status code '1' not handled",
      expect: [
        { line: 5, messageId: "arguments" },
        { line: 6, messageId: "arguments" },
      ],
    },
    {
      name: "3.2 global keywords without their value or with a wrong one (anonkey, tune.*), 3.0",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `global
    anonkey
    tune.max-rules-at-once
    tune.bufsize
    tune.lua.forced-yield zz
    tune.stick-counters -3
    tune.h2.be.rxbuf zz

${HTTP_DEFAULTS_5S}`,
      },
      realTool: "a key is expected after 'anonkey'",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 4, messageId: "arguments" },
        { line: 5, messageId: "arguments" },
        { line: 6, messageId: "arguments" },
      ],
    },
    {
      name: "localpeer without a name (3.0)",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `global
    localpeer

${HTTP_DEFAULTS_5S}`,
      },
      realTool: "'localpeer' expects a name as an argument",
      expect: [{ line: 2, messageId: "arguments" }],
    },
    {
      name: "localpeer without a name (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `global
    localpeer

${HTTP_DEFAULTS_5S}`,
      },
      realTool: "'localpeer' expects a name as an argument",
      expect: [{ line: 2, messageId: "arguments" }],
    },
    {
      name: "maxconn must be an integer from 3.0 on (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `global
    maxconn lots
`,
      },
      expect: [{ line: 2, messageId: "arguments" }],
    },
    {
      name: "words cfg_parse_listen() reads itself: missing names, addresses and conditions, cookie options, log level",
      files: {
        "haproxy.cfg": `global
    log stdout local0

defaults
    mode http
    timeout connect 5s
    timeout client 5s
    timeout server 5s

frontend f1
    bind 127.0.0.1:8080
    bind
    default_backend
    max-session-srv-conns
    option httplog zz
    option originalto zz
    error-log-format a b
    monitor fail
    use_backend

backend b1
    cookie SRV insert zz
    cookie SRV maxidle
    email-alert level zz
    source
    use-server
    use-server s1
    force-persist
    stats admin
    stats refresh 99999999999
    server s1 192.0.2.1:80
`,
      },
      realTool: "'use-server' requires either 'if' or 'unless' followed by a condition",
      expect: [
        { line: 12, messageId: "arguments" },
        { line: 13, messageId: "arguments" },
        { line: 14, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
        { line: 16, messageId: "arguments" },
        { line: 17, messageId: "arguments" },
        { line: 18, messageId: "arguments" },
        { line: 19, messageId: "arguments" },
        { line: 22, messageId: "arguments" },
        { line: 23, messageId: "arguments" },
        { line: 24, messageId: "arguments" },
        { line: 25, messageId: "arguments" },
        { line: 26, messageId: "arguments" },
        { line: 27, messageId: "arguments" },
        { line: 28, messageId: "arguments" },
        { line: 29, messageId: "arguments" },
        { line: 30, messageId: "arguments" },
      ],
    },
    {
      name: "words cfg_parse_listen() reads itself: missing names, addresses and conditions, cookie options, log level (3.0)",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `global
    log stdout local0

defaults
    mode http
    timeout connect 5s
    timeout client 5s
    timeout server 5s

frontend f1
    bind 127.0.0.1:8080
    bind
    default_backend
    max-session-srv-conns
    option httplog zz
    option originalto zz
    error-log-format a b
    monitor fail
    use_backend

backend b1
    cookie SRV insert zz
    cookie SRV maxidle
    email-alert level zz
    source
    use-server
    use-server s1
    force-persist
    stats admin
    stats refresh 99999999999
    server s1 192.0.2.1:80
`,
      },
      realTool: "'use-server' requires either 'if' or 'unless' followed by a condition",
      expect: [
        { line: 12, messageId: "arguments" },
        { line: 13, messageId: "arguments" },
        { line: 14, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
        { line: 16, messageId: "arguments" },
        { line: 17, messageId: "arguments" },
        { line: 18, messageId: "arguments" },
        { line: 19, messageId: "arguments" },
        { line: 22, messageId: "arguments" },
        { line: 23, messageId: "arguments" },
        { line: 24, messageId: "arguments" },
        { line: 25, messageId: "arguments" },
        { line: 26, messageId: "arguments" },
        { line: 27, messageId: "arguments" },
        { line: 28, messageId: "arguments" },
        { line: 29, messageId: "arguments" },
        { line: 30, messageId: "arguments" },
      ],
    },
    {
      name: "words cfg_parse_listen() reads itself: missing names, addresses and conditions, cookie options, log level (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `global
    log stdout local0

defaults
    mode http
    timeout connect 5s
    timeout client 5s
    timeout server 5s

frontend f1
    bind 127.0.0.1:8080
    bind
    default_backend
    max-session-srv-conns
    option httplog zz
    option originalto zz
    error-log-format a b
    monitor fail
    use_backend

backend b1
    cookie SRV insert zz
    cookie SRV maxidle
    email-alert level zz
    source
    use-server
    use-server s1
    force-persist
    stats admin
    stats refresh 99999999999
    server s1 192.0.2.1:80
`,
      },
      realTool: "'use-server' requires either 'if' or 'unless' followed by a condition",
      expect: [
        { line: 12, messageId: "arguments" },
        { line: 13, messageId: "arguments" },
        { line: 14, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
        { line: 16, messageId: "arguments" },
        { line: 17, messageId: "arguments" },
        { line: 18, messageId: "arguments" },
        { line: 19, messageId: "arguments" },
        { line: 22, messageId: "arguments" },
        { line: 23, messageId: "arguments" },
        { line: 24, messageId: "arguments" },
        { line: 25, messageId: "arguments" },
        { line: 26, messageId: "arguments" },
        { line: 27, messageId: "arguments" },
        { line: 28, messageId: "arguments" },
        { line: 29, messageId: "arguments" },
        { line: 30, messageId: "arguments" },
      ],
    },
    {
      name: "global words cfg_parse_global() reads itself: missing paths, names and texts, fixed words, ranges",
      files: {
        "haproxy.cfg": `global
    chroot
    pidfile
    server-state-base
    server-state-file
    unsetenv
    description
    setenv FOO
    master-worker zz
    external-check zz
    httpclient.ssl.verify zz
    tune.http.maxhdr 0
    tune.comp.maxlevel 10
    tune.bufsize zz
    tune.maxrewrite -1

defaults
    mode http
    timeout connect 5s
    timeout client 5s
    timeout server 5s

backend b1
    description
    server s1 192.0.2.1:80
`,
      },
      realTool: "'pidfile' expects a file name as an argument",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 4, messageId: "arguments" },
        { line: 5, messageId: "arguments" },
        { line: 6, messageId: "arguments" },
        { line: 7, messageId: "arguments" },
        { line: 8, messageId: "arguments" },
        { line: 9, messageId: "arguments" },
        { line: 10, messageId: "arguments" },
        { line: 11, messageId: "arguments" },
        { line: 12, messageId: "arguments" },
        { line: 13, messageId: "arguments" },
        { line: 14, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
        { line: 24, messageId: "arguments" },
      ],
    },
    {
      name: "global words cfg_parse_global() reads itself: missing paths, names and texts, fixed words, ranges (3.0)",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `global
    chroot
    pidfile
    server-state-base
    server-state-file
    unsetenv
    description
    setenv FOO
    master-worker zz
    external-check zz
    httpclient.ssl.verify zz
    tune.http.maxhdr 0
    tune.comp.maxlevel 10
    tune.bufsize zz
    tune.maxrewrite -1
    stats-file

defaults
    mode http
    timeout connect 5s
    timeout client 5s
    timeout server 5s

backend b1
    description
    server s1 192.0.2.1:80
`,
      },
      realTool: "'pidfile' expects a file name as an argument",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 4, messageId: "arguments" },
        { line: 5, messageId: "arguments" },
        { line: 6, messageId: "arguments" },
        { line: 7, messageId: "arguments" },
        { line: 8, messageId: "arguments" },
        { line: 9, messageId: "arguments" },
        { line: 10, messageId: "arguments" },
        { line: 11, messageId: "arguments" },
        { line: 12, messageId: "arguments" },
        { line: 13, messageId: "arguments" },
        { line: 14, messageId: "arguments" },
        { line: 15, messageId: "arguments" },
        { line: 16, messageId: "arguments" },
        { line: 25, messageId: "arguments" },
      ],
    },
    {
      name: "global words 3.2 reads in its first pass (pidfile, setenv, unsetenv, master-worker)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `global
    pidfile
    unsetenv
    setenv FOO
    master-worker zz
`,
      },
      realTool: "'pidfile' expects a file name as an argument",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 4, messageId: "arguments" },
        { line: 5, messageId: "arguments" },
      ],
    },
    {
      name: "global words cfg_parse_global() reads itself: missing paths, names and texts, fixed words, ranges (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `global
    chroot
    server-state-base
    server-state-file
    description
    external-check zz
    httpclient.ssl.verify zz
    tune.http.maxhdr 0
    tune.comp.maxlevel 10
    tune.bufsize zz
    tune.maxrewrite -1
    stats-file

defaults
    mode http
    timeout connect 5s
    timeout client 5s
    timeout server 5s

backend b1
    description
    server s1 192.0.2.1:80
`,
      },
      realTool: "'chroot' expects a directory as an argument",
      expect: [
        { line: 2, messageId: "arguments" },
        { line: 3, messageId: "arguments" },
        { line: 4, messageId: "arguments" },
        { line: 5, messageId: "arguments" },
        { line: 6, messageId: "arguments" },
        { line: 7, messageId: "arguments" },
        { line: 8, messageId: "arguments" },
        { line: 9, messageId: "arguments" },
        { line: 10, messageId: "arguments" },
        { line: 11, messageId: "arguments" },
        { line: 12, messageId: "arguments" },
        { line: 21, messageId: "arguments" },
      ],
    },
  ],
});
