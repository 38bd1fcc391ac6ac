import { defineCases } from "../rule.js";
import type rule from "./undefined-reference.js";
import { HTTP_DEFAULTS_5S } from "./example-configs.js";

const timeouts = `    timeout client 5s
    timeout server 5s
    timeout connect 5s
`;
const head = `defaults
    mode http
${timeouts}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "ACL values of src and dst in the forms HAProxy reads",
      files: {
        "haproxy.cfg": `${HTTP_DEFAULTS_5S}frontend f
    bind :8080
    acl ok src 192.0.2.0/24 2001:db8::/64 10.0.0.1 ::1 10.0.0.0/255.255.0.0 ::ffff:192.0.2.1
    acl lan dst -n 198.51.100.0/24
    http-request deny if !ok or lan
    default_backend b
backend b
    server s1 192.0.2.1:80
`,
      },
    },
    {
      name: "names that resolve",
      files: {
        "haproxy.cfg": `${head}userlist admins
    user admin insecure-password secret

frontend fe
    bind :8080
    acl blocked src 192.0.2.66
    http-request deny if blocked || !TRUE
    http-request auth if !{ http_auth(admins) }
    http-request track-sc0 src table be
    http-request set-header X-Conn %[srv_conn(be/s1)]
    default_backend be

backend be
    stick-table type ip size 1k expire 30s store http_req_rate(10s)
    http-request track-sc1 src
    stick on src
    use-server s1 if { src 192.0.2.1 }
    server s1 192.0.2.11:80
`,
      },
    },
  ],
  invalid: [
    {
      name: "an ACL used above its declaration",
      files: {
        "haproxy.cfg": `${head}frontend fe
    bind :8080
    http-request deny if blocked
    acl blocked src 192.0.2.66
`,
      },
      realTool: "no such ACL : 'blocked'",
      expect: [{ line: 9, messageId: "aclDeclaredLater" }],
    },
    {
      name: "an ACL of the defaults section used in a proxy",
      files: {
        "haproxy.cfg": `defaults common
    mode http
${timeouts}    acl internal src 192.0.2.0/24

frontend fe from common
    bind :8080
    http-request deny if !internal
`,
      },
      realTool: "no such ACL : 'internal'",
      expect: [{ line: 10, messageId: "noSuchAcl" }],
    },
    {
      name: "track-sc in a proxy without a stick table",
      files: {
        "haproxy.cfg": `${head}frontend fe
    bind :8080
    http-request track-sc0 src
`,
      },
      realTool: "unable to find table 'fe' referenced by track-sc0",
      expect: [{ line: 9, messageId: "trackTable" }],
    },
    {
      name: "track-sc in a defaults section, without a table name",
      files: {
        "haproxy.cfg": `defaults invalid
    mode http
${timeouts}    http-request track-sc0 src

backend be
    stick-table type ip size 100k expire 30s store http_req_rate(10s)
    server www 192.0.2.11:80
`,
      },
      realTool: "unable to find table 'invalid' referenced by track-sc0",
      expect: [{ line: 6, messageId: "trackTable" }],
    },
    {
      name: "a server argument without its backend in a defaults section",
      files: {
        "haproxy.cfg": `defaults invalid
    mode http
${timeouts}    http-request set-header x-test "%[srv_conn(www)]"

backend be from invalid
    server www 192.0.2.11:80
`,
      },
      realTool: "backend name must be set in arg 1 of sample fetch keyword 'srv_conn'",
      expect: [{ line: 6, messageId: "argument" }],
    },
    {
      name: "a server, a backend and this proxy as a backend in fetch arguments",
      files: {
        "haproxy.cfg": `${head}frontend fe
    bind :8080
    http-request set-header X-A %[srv_conn(be/nope)]
    http-request set-header X-B %[be_conn(nob)]
    http-request set-header X-C %[be_conn]
    default_backend be

backend be
    server s1 192.0.2.11:80
`,
      },
      realTool: "unable to find server 'nope' in proxy 'be'",
      expect: [
        { line: 9, messageId: "argument" },
        { line: 10, messageId: "argument" },
        { line: 11, messageId: "argument" },
      ],
    },
    {
      name: "a stick rule and a use-server rule naming what the backend lacks",
      files: {
        "haproxy.cfg": `${head}backend be
    stick on src
    use-server s9 if TRUE
    server s1 192.0.2.11:80
`,
      },
      realTool: "unable to find server 's9' referenced in a 'use-server' rule",
      expect: [
        { line: 8, messageId: "stickTable" },
        { line: 9, messageId: "useServer" },
      ],
    },
    {
      name: "an unknown userlist in http_auth",
      files: {
        "haproxy.cfg": `${head}frontend fe
    bind :8080
    http-request auth if !{ http_auth(nolist) }
`,
      },
      realTool: "unable to find userlist 'nolist'",
      expect: [{ line: 9, messageId: "argument" }],
    },
    {
      name: "ACL values of src an address HAProxy cannot read, and the condition that names one",
      files: {
        "haproxy.cfg": `${HTTP_DEFAULTS_5S}frontend f
    bind :8080
    acl a6 src 2001:db8::/129
    acl a4 src 192.0.2.0/33
    acl ok src 192.0.2.0/24 2001:db8::/64 10.0.0.1 ::1
    acl bad4 src 192.0.2.300
    acl dm src 10.0.0.0/255.255.0.0
    http-request deny if !a6
    http-request deny if a4
    default_backend b
backend b
    server s1 192.0.2.1:80
`,
      },
      realTool: "'2001:db8::/129' is not a valid IPv4 or IPv6 address",
      expect: [
        { line: 8, messageId: "aclValue" },
        { line: 9, messageId: "aclValue" },
        { line: 11, messageId: "aclValue" },
        { line: 13, messageId: "aclRefused" },
      ],
    },
  ],
});
