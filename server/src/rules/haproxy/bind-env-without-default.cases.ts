import { defineCases } from "../rule.js";
import type rule from "./bind-env-without-default.js";
import { BACKEND_WEB, HTTP_DEFAULTS } from "./example-configs.js";

const head = `${HTTP_DEFAULTS}
${BACKEND_WEB}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "default given in double quotes",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind "\${VIP-192.0.2.10}:80"
    bind "*:\${PORT-8080}"
    default_backend web
`,
      },
    },
    {
      name: "values known to the analysis",
      settings: { env: { VIP: "192.0.2.10", PORT: "8080", APP: "192.0.2.21" } },
      files: {
        "haproxy.cfg": `${head}frontend www
    bind "\${VIP}:80"
    bind *:$PORT
    default_backend app

backend app
    server a1 \${APP}:8080 check
`,
      },
    },
    {
      name: "a single-quoted dollar outside addresses is text",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind 192.0.2.10:80
    http-request set-header X-Cost '$5'
    default_backend web
`,
      },
    },
  ],
  invalid: [
    {
      name: "the host is the variable: every address",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind \${VIP}:80
    bind "\${VIP}:8080"
    bind '$VIP:8443'
    default_backend web
`,
      },
      expect: [
        { line: 11, column: 10, messageId: "everyAddress", severity: "info" },
        { line: 12, messageId: "everyAddress" },
        { line: 13, messageId: "everyAddress" },
      ],
    },
    {
      name: "the port, or the whole address, is the variable: HAProxy refuses to start",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind *:\${PORT}
    bind "\${LISTEN}"
    bind \${LISTEN}
    bind \${NET}.5:80
    default_backend web
`,
      },
      expect: [
        { line: 11, messageId: "refusedBind", severity: "warning" },
        { line: 12, messageId: "refusedBind", severity: "warning" },
        { line: 13, messageId: "refusedBind", severity: "warning" },
        { line: 14, messageId: "refusedBind", severity: "warning" },
      ],
    },
    {
      name: "server addresses",
      files: {
        "haproxy.cfg": `${head}frontend www
    bind 192.0.2.10:80
    default_backend app

backend app
    server a1 \${APP}:8080 check
    server a2 \${APP2} check
`,
      },
      expect: [
        { line: 15, messageId: "serverClientDestination", severity: "info" },
        { line: 16, messageId: "refusedServer", severity: "warning" },
      ],
    },
  ],
});
