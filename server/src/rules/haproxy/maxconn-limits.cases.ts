import { defineCases } from "../rule.js";
import type rule from "./maxconn-limits.js";
import { HTTP_FRONTEND_TO_WEB, BACKEND_WEB } from "./example-configs.js";

const T = `${HTTP_FRONTEND_TO_WEB}${BACKEND_WEB}`;

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
