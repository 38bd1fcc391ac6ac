import { defineCases } from "../rule.js";
import type rule from "./action-arguments.js";

const head = `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

cache small
    total-max-size 4

`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "actions with their words and conditions",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080
    http-request set-header X-Env "prod eu"
    http-request cache-use small if { path_beg /static }
    http-request allow if { src 192.0.2.0/24 }
    http-response set-header X-B b unless { status 500 }
    default_backend web

backend web
    http-response cache-store small
    server w1 192.0.2.11:80
`,
      },
    },
  ],
  invalid: [
    {
      name: "a cache-use option of a newer version",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080
    http-request cache-use small no-early-hints if { req.hdr(X-No-EH) -m str 1 }
    default_backend web

backend web
    http-response cache-store small
    server w1 192.0.2.11:80
`,
      },
      realTool:
        "'http-request cache-use' expects either 'if' or 'unless' followed by a condition but found 'no-early-hints'",
      expect: [{ line: 12, messageId: "extraWord" }],
    },
    {
      name: "an unquoted value with a space",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080
    http-request set-header X-Env prod eu
    default_backend web

backend web
    server w1 192.0.2.11:80
`,
      },
      realTool: "'http-request set-header' expects either 'if' or 'unless' followed by a condition but found 'eu'",
      expect: [{ line: 12, messageId: "extraWord" }],
    },
  ],
});
