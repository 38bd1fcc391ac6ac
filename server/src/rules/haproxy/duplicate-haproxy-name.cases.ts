import { defineCases } from "../rule.js";
import type rule from "./duplicate-haproxy-name.js";
import { BACKEND_WEB, FRONTEND_WWW, HTTP_DEFAULTS } from "./example-configs.js";

const defaults = `${HTTP_DEFAULTS}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "frontend and backend share a name",
      files: {
        "haproxy.cfg": `${defaults}frontend app
    bind :80
    default_backend app

backend app
    server app1 192.0.2.11:80 check
    server app2 192.0.2.12:80 check
`,
      },
    },
  ],
  invalid: [
    {
      name: "duplicate backend",
      files: {
        "haproxy.cfg": `${defaults}${FRONTEND_WWW}
${BACKEND_WEB}
backend web
    server w2 192.0.2.12:80 check
`,
      },
      realTool: "backend 'web' has the same name as backend 'web'",
      expect: [{ line: 14, messageId: "duplicateProxy" }],
    },
    {
      name: "listen against a frontend",
      files: {
        "haproxy.cfg": `${defaults}listen stats
    bind 127.0.0.1:8404
    stats enable

frontend stats
    bind :8080
    default_backend web

${BACKEND_WEB}`,
      },
      realTool: "frontend 'stats' has the same name as proxy 'stats'",
      expect: [{ line: 11, messageId: "duplicateProxy" }],
    },
    {
      name: "copy-pasted server line",
      files: {
        "haproxy.cfg": `${defaults}${FRONTEND_WWW}
backend web
    server web1 192.0.2.11:80 check
    server web1 192.0.2.12:80 check
`,
      },
      realTool: "another server named 'web1' was already defined",
      expect: [{ line: 13, messageId: "duplicateServer" }],
    },
  ],
});
