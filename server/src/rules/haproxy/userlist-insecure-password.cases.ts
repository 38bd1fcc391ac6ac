import { defineCases } from "../rule.js";
import type rule from "./userlist-insecure-password.js";
import { BACKEND_WEB, HTTP_DEFAULTS } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "hashed password",
      files: {
        "haproxy.cfg": `userlist admins
    user ops password $6$k5e9jS1c$u0Qh1rPpRZbTQnYqD6i4S0

${HTTP_DEFAULTS}
frontend www
    bind :80
    http-request auth realm admin unless { http_auth(admins) }
    default_backend web

${BACKEND_WEB}`,
      },
    },
  ],
  invalid: [
    {
      name: "clear-text password",
      files: {
        "haproxy.cfg": `userlist admins
    user ops insecure-password Vb9-long-random-secret
    user audit password $6$k5e9jS1c$u0Qh1rPpRZbTQnYqD6i4S0
`,
      },
      expect: [{ line: 2, messageId: "insecurePassword" }],
    },
  ],
});
