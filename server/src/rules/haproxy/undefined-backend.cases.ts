import { defineCases } from "../rule.js";
import type rule from "./undefined-backend.js";
import { BACKEND_WEB, HTTP_DEFAULTS } from "./example-configs.js";

const defaults = `${HTTP_DEFAULTS}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "static, listen and dynamic backends",
      files: {
        "haproxy.cfg": `${defaults}frontend www
    bind :80
    use_backend api if { path_beg /api }
    use_backend be_%[req.hdr(host),lower]
    use_backend legacy if { path_beg /old }
    default_backend web

${BACKEND_WEB}
backend api
    server a1 192.0.2.21:8080 check

listen legacy
    bind 127.0.0.1:8081
    server l1 192.0.2.31:80 check
`,
      },
    },
    {
      name: "frontend and backend of the same name",
      files: {
        "haproxy.cfg": `${defaults}frontend app
    bind :80
    default_backend app

backend app
    server a1 192.0.2.11:80 check
`,
      },
    },
  ],
  invalid: [
    {
      name: "typo in default_backend",
      files: {
        "haproxy.cfg": `${defaults}frontend www
    bind :80
    default_backend web_servers

backend web_server
    server w1 192.0.2.11:80 check
`,
      },
      realTool: "unable to find required default_backend: 'web_servers'",
      expect: [{ line: 9, messageId: "noBackend" }],
      fixed: {
        "haproxy.cfg": `${defaults}frontend www
    bind :80
    default_backend web_server

backend web_server
    server w1 192.0.2.11:80 check
`,
      },
    },
    {
      name: "use_backend to a missing backend",
      files: {
        "haproxy.cfg": `${defaults}frontend www
    bind :80
    use_backend api if { path_beg /api }
    default_backend web

${BACKEND_WEB}`,
      },
      realTool: "unable to find required use_backend: 'api'",
      expect: [{ line: 9, messageId: "noBackend" }],
    },
    {
      name: "switching to a frontend",
      files: {
        "haproxy.cfg": `${defaults}frontend www
    bind :80
    default_backend admin

frontend admin
    bind 127.0.0.1:8081
    default_backend web

${BACKEND_WEB}`,
      },
      realTool: "unable to find required default_backend: 'admin'",
      expect: [{ line: 9, messageId: "onlyFrontend" }],
    },
    {
      name: "a default_backend inherited from defaults, reported in the frontend",
      files: {
        "haproxy.cfg": `${HTTP_DEFAULTS}    default_backend web

frontend www
    bind :80

backend api
    server a1 192.0.2.21:8080 check
`,
      },
      realTool: "Proxy 'www': unable to find required default_backend: 'web'",
      expect: [{ line: 8, messageId: "noBackend" }],
    },
  ],
});
