import { defineCases } from "../rule.js";
import type rule from "./proxy-without-bind.js";
import { BACKEND_WEB, FRONTEND_WWW, HTTP_DEFAULTS } from "./example-configs.js";

const defaults = `${HTTP_DEFAULTS}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "binds, and a disabled frontend",
      files: {
        "haproxy.cfg": `${defaults}${FRONTEND_WWW}
frontend old
    disabled
    default_backend web

${BACKEND_WEB}`,
      },
    },
  ],
  invalid: [
    {
      name: "frontend without bind next to one with",
      files: {
        "haproxy.cfg": `${defaults}${FRONTEND_WWW}
frontend api
    default_backend web

${BACKEND_WEB}`,
      },
      realTool: "frontend 'api' has no 'bind' directive",
      expect: [{ line: 11, messageId: "noBind" }],
    },
    {
      name: "nothing listens",
      files: {
        "haproxy.cfg": `${defaults}listen app
    server a1 192.0.2.11:80 check
`,
      },
      realTool: "proxy 'app' has no 'bind' directive",
      expect: [{ line: 7, messageId: "nothingListens" }],
    },
    {
      name: "the stats socket listens",
      files: {
        "haproxy.cfg": `global
    stats socket /run/haproxy-admin.sock

${defaults}listen app
    server a1 192.0.2.11:80 check
`,
      },
      realTool: "proxy 'app' has no 'bind' directive",
      expect: [{ line: 10, messageId: "noBind" }],
    },
  ],
});
