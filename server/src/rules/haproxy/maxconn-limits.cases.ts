import { defineCases } from "../rule.js";
import type rule from "./maxconn-limits.js";

const T = `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend www
    bind :80
    default_backend web

backend web
    server w1 192.0.2.11:80 check
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "frontend below global",
      files: {
        "haproxy.cfg": `global
    maxconn 20000

${T.replace(
  `bind :80
`,
  `bind :80
    maxconn 10000
`,
)}`,
      },
    },
  ],
  invalid: [
    {
      name: "no global maxconn",
      files: {
        "haproxy.cfg": `global
    daemon

${T}`,
      },
      expect: [{ line: 1, messageId: "noGlobalMaxconn", severity: "info" }],
    },
    {
      name: "frontend above global",
      files: {
        "haproxy.cfg": `global
    maxconn 2000

${T.replace(
  `bind :80
`,
  `bind :80
    maxconn 10000
`,
)}`,
      },
      expect: [{ line: 12, messageId: "aboveGlobal" }],
    },
  ],
});
