import { defineCases } from "../rule.js";
import type rule from "./missing-timeouts.js";
import { BACKEND_WEB, FRONTEND_WWW } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "timeouts from defaults; tunnel in tcp mode; frontend without servers",
      files: {
        "haproxy.cfg": `defaults
    timeout client 30s
    timeout connect 5s
    timeout tunnel 1h

frontend db
    bind :5432
    default_backend pg

backend pg
    server pg1 192.0.2.31:5432 check

backend idle
    mode http
    http-request return status 200
`,
      },
    },
  ],
  invalid: [
    {
      name: "no timeouts at all",
      files: {
        "haproxy.cfg": `frontend pg
    bind :5000
    default_backend pg_primary

backend pg_primary
    server pg1 192.0.2.31:5432 check
`,
      },
      realTool: "missing timeouts for frontend 'pg'",
      expect: [
        { line: 1, messageId: "missing" },
        { line: 5, messageId: "missing" },
      ],
    },
    {
      name: "timeout server missing in http mode",
      files: {
        "haproxy.cfg": `defaults
    mode http
    timeout client 30s
    timeout connect 5s
    timeout tunnel 1h

${FRONTEND_WWW}
${BACKEND_WEB}`,
      },
      realTool: "missing timeouts for backend 'web'",
      expect: [{ line: 11, messageId: "missing" }],
    },
  ],
});
