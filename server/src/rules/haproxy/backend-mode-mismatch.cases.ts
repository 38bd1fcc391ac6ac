import { defineCases } from "../rule.js";
import type rule from "./backend-mode-mismatch.js";
import { BACKEND_WEB, FRONTEND_WWW, TIMEOUTS_30S } from "./example-configs.js";

const timeouts = `${TIMEOUTS_30S}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "same modes, and tcp frontend to http backend",
      files: {
        "haproxy.cfg": `defaults
    mode http
${timeouts}${FRONTEND_WWW}
frontend tls
    mode tcp
    bind :8443
    default_backend web

${BACKEND_WEB}`,
      },
    },
  ],
  invalid: [
    {
      name: "second defaults section switches the backend to tcp",
      files: {
        "haproxy.cfg": `defaults
    mode http
${timeouts}${FRONTEND_WWW}
defaults
    mode tcp
${timeouts}${BACKEND_WEB}`,
      },
      realTool: "tries to use incompatible tcp backend 'web'",
      expect: [{ line: 9, messageId: "tcpBackend" }],
    },
    {
      name: "use_backend to a tcp backend",
      files: {
        "haproxy.cfg": `defaults
${timeouts}listen www
    mode http
    bind :80
    use_backend db if { path_beg /db }
    server w1 192.0.2.11:80 check

backend db
    server pg1 192.0.2.31:5432 check
`,
      },
      realTool: "tries to use incompatible tcp backend 'db'",
      expect: [{ line: 9, messageId: "tcpBackend" }],
    },
  ],
});
