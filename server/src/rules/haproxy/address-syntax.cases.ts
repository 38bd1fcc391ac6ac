import { defineCases } from "../rule.js";
import type rule from "./address-syntax.js";
import { TIMEOUTS_30S } from "./example-configs.js";

const backend = `backend be
    server s1 192.0.2.1:8080 check
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "addresses every version reads",
      files: {
        "haproxy.cfg": `global
    log 127.0.0.1:514 local0
    log /dev/log local1
    log stdout format raw local0
frontend fe
    bind :80
    bind 192.0.2.10:8000-8010,[::1]:443
    bind ipv6@:::8443
    bind unix@/run/haproxy.sock
    default_backend be
backend be
    source 0.0.0.0
    server s1 192.0.2.1:8080 check
    server s2 192.0.2.2 check port 80
    server s3 192.0.2.3:+1 check port 80
    server s4 192.0.2.4:0 source 192.0.2.20:1024-2048
resolvers dns
    nameserver ns1 192.0.2.53:53
`,
      },
    },
    {
      name: "a checked server at the any address, with an offset or no port",
      files: {
        "haproxy.cfg": `backend be
    server s1 :-1000 check
    server s2 0.0.0.0 check
    server s3 [::]:+1 check
`,
      },
    },
    {
      name: "2.6 reads the leading digits of a port and ignores the rest",
      settings: { haproxyVersion: "2.6" },
      files: {
        "haproxy.cfg": `frontend fe
    bind :80x
    default_backend be
backend be
    server s1 192.0.2.1:8080x check
`,
      },
    },
    {
      name: "2.6 does not check the addresses of peers",
      settings: { haproxyVersion: "2.6" },
      files: {
        "haproxy.cfg": `peers mypeers
    peer lb02 192.0.2.2
${backend}`,
      },
    },
  ],
  invalid: [
    {
      name: "ports HAProxy refuses",
      files: {
        "haproxy.cfg": `global
    log 127.0.0.1:99999 local0
    log 127.0.0.1:-1 local0
frontend fe
    bind :0
    bind :abc
    bind :-1
    bind :90-80
    bind 192.0.2.10
    bind :80,:80-70000
    default_backend be
backend be
    source 0.0.0.0:1-2
    server s1 192.0.2.1:65536 check
    server s2 192.0.2.2:80-90 check
    server s3 192.0.2.3:80 source 0.0.0.0:+1
    server-template web 2 192.0.2.9:70000
resolvers dns
    nameserver ns1 192.0.2.53
mailers ops
    mailer smtp1 192.0.2.25:25-26
`,
      },
      realTool: "'bind' : invalid character 'a' in port number 'abc' in ':abc'",
      expect: [
        { line: 2, severity: "error", messageId: "refused" },
        { line: 3, severity: "error", messageId: "refused" },
        { line: 5, severity: "error", messageId: "refused" },
        { line: 6, severity: "error", messageId: "refused" },
        { line: 7, severity: "error", messageId: "refused" },
        { line: 8, severity: "error", messageId: "refused" },
        { line: 9, severity: "error", messageId: "refused" },
        { line: 10, severity: "error", messageId: "refused" },
        { line: 13, severity: "error", messageId: "refused" },
        { line: 14, severity: "error", messageId: "refused" },
        { line: 15, severity: "error", messageId: "refused" },
        { line: 16, severity: "error", messageId: "refused" },
        { line: 17, severity: "error", messageId: "refused" },
        { line: 19, severity: "error", messageId: "refused" },
        { line: 21, severity: "error", messageId: "refused" },
      ],
    },
    {
      name: "a host that is no address in a bind",
      files: {
        "haproxy.cfg": `frontend fe
    bind "127.0.0'.1:8404"
    bind 192.0.2\\q.140:80
    default_backend be
${backend}`,
      },
      realTool: "invalid address: '127.0.0'.1' in '127.0.0'.1:8404'",
      expect: [
        { line: 2, severity: "error", messageId: "refused" },
        { line: 3, severity: "error", messageId: "refused" },
      ],
    },
    {
      name: "from 2.9 a port is digits only",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `global
    log 127.0.0.1:514x local0
frontend fe
    bind ":9000#-9004"
    default_backend be
backend be
    server s1 192.0.2.1:8080x check
    server s2 192.0.2.2:+1x check port 80
    server s3 192.0.2.3:80 source 0.0.0.0:1x
`,
      },
      realTool: "invalid character '#' in port number '9000#' in ':9000#-9004'",
      expect: [
        { line: 2, severity: "error", messageId: "refused" },
        { line: 4, severity: "error", messageId: "refused" },
        { line: 7, severity: "error", messageId: "refused" },
        { line: 8, severity: "error", messageId: "refused" },
        { line: 9, severity: "error", messageId: "refused" },
      ],
    },
    {
      name: "health-checked servers without a port to check",
      files: {
        "haproxy.cfg": `defaults
${TIMEOUTS_30S}backend be
    server s1 192.0.2.1 check
    server s2 192.0.2.2:+1 check
    server s3 192.0.2.3:+1 check port 80
    server s4 192.0.2.4 check agent-check agent-port 8080
backend be_http
    option httpchk
    server s1 192.0.2.5 check
backend be_tcp
    option tcp-check
    tcp-check connect port 80
    server s1 192.0.2.6 check
`,
      },
      realTool: "server 's1' has neither service port nor check port",
      expect: [
        { line: 6, severity: "error", messageId: "checkWithoutPort" },
        { line: 7, severity: "error", messageId: "checkWithoutPort" },
        { line: 9, severity: "error", messageId: "checkWithoutPort" },
        { line: 12, severity: "error", messageId: "checkWithoutPort" },
      ],
    },
    {
      name: "a peer without port (3.2)",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `peers mypeers
    peer lb02 192.0.2.2
${backend}`,
      },
      realTool: "missing port specification in '192.0.2.2'",
      expect: [{ line: 2, severity: "error", messageId: "refused" }],
    },
  ],
});
