import { defineCases } from "../rule.js";
import type rule from "./rule-order.js";
import { HTTP_DEFAULTS } from "./example-configs.js";

const head = `${HTTP_DEFAULTS}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "rules in the order HAProxy runs them",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080
    tcp-request connection accept if { src 192.0.2.0/24 }
    tcp-request content accept
    http-request deny if { src 192.0.2.66 }
    http-request redirect scheme https ignore-empty
    http-request set-header X-A b
    redirect prefix /x if { path_beg /old }
    use_backend api if { path_beg /api }
    default_backend web

backend api
    use-server a1 if { path_beg /api/v1 }
    server a1 192.0.2.21:80

backend web
    server w1 192.0.2.11:80
`,
      },
    },
  ],
  invalid: [
    {
      name: "an http-request rule after a use_backend rule",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080
    use_backend api if { path_beg /api }
    http-request deny if { src 192.0.2.66 }
    default_backend api

backend api
    server a1 192.0.2.21:80
`,
      },
      realTool: "a 'http-request' rule placed after a 'use_backend' rule will still be processed before",
      expect: [{ line: 10, messageId: "placedAfter" }],
    },
    {
      name: "tcp-request rules after http-request rules",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080
    http-request set-header X-A b
    tcp-request content accept
    tcp-request connection reject if { src 192.0.2.66 }
    default_backend api

backend api
    server a1 192.0.2.21:80
`,
      },
      realTool: "a 'tcp-request[a-z ]*' rule placed after an 'http-request' rule will still be processed before",
      expect: [
        { line: 10, messageId: "placedAfter" },
        { line: 11, messageId: "placedAfter" },
      ],
    },
    {
      name: "rules after an unconditional deny",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind :8080
    http-request deny
    http-request set-header X-A b
    stats http-request allow
    stats http-request deny if { src 192.0.2.66 }
    default_backend api

backend api
    server a1 192.0.2.21:80
`,
      },
      realTool: "previous 'http-request' action is final and has no condition attached, further entries are NOOP",
      expect: [
        { line: 10, messageId: "afterFinal" },
        { line: 12, messageId: "afterUnconditionalStats" },
      ],
    },
  ],
});
