import { defineCases } from "../rule.js";
import type rule from "./weak-stats-credentials.js";
import { HTTP_DEFAULTS } from "./example-configs.js";

const T = `${HTTP_DEFAULTS}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "long random password, restricted admin",
      files: {
        "haproxy.cfg": `${T}listen stats
    bind 192.0.2.5:8404
    stats enable
    stats uri /stats
    stats auth ops:Vb9-long-random-secret
    stats admin if { src 192.0.2.0/24 }
`,
      },
    },
  ],
  invalid: [
    {
      name: "admin:admin and stats admin if TRUE",
      files: {
        "haproxy.cfg": `${T}listen stats
    bind 192.0.2.5:8404
    stats enable
    stats uri /stats
    stats auth admin:admin
    stats admin if TRUE
`,
      },
      expect: [
        { line: 11, messageId: "weakCredentials" },
        { line: 12, messageId: "adminForAll" },
      ],
    },
    {
      name: "short and placeholder passwords",
      files: {
        "haproxy.cfg": `${T}listen stats
    bind 192.0.2.5:8404
    stats enable
    stats auth ops:s3cr3t
    stats auth admin:strong_password_here
`,
      },
      expect: [
        { line: 10, messageId: "weakCredentials" },
        { line: 11, messageId: "weakCredentials" },
      ],
    },
  ],
});
