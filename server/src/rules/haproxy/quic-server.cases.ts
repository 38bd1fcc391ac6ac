import { defineCases } from "../rule.js";
import type rule from "./quic-server.js";
import { HTTP_DEFAULTS_5S } from "./example-configs.js";

const head = `${HTTP_DEFAULTS_5S}
frontend www
    bind 127.0.0.1:18443
    default_backend be_h3
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "a QUIC server in 3.0, which accepts it",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `${head}
backend be_h3
    server h3 quic4@127.0.0.1:4443 ssl verify none
`,
      },
    },
    {
      name: "a TCP server in 3.2",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `${head}
backend be_h3
    server h2 127.0.0.1:4443
`,
      },
    },
  ],
  invalid: [
    {
      name: "QUIC servers in 3.2",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `${head}
backend be_h3
    server h3 quic4@127.0.0.1:4443 ssl verify none
    server h3v6 quic6@[::1]:4443 ssl verify none
`,
      },
      realTool: "'server be_h3/h3' : QUIC protocol is unsupported on the backend side",
      expect: [
        { line: 12, messageId: "refused", severity: "error" },
        { line: 13, messageId: "refused", severity: "error" },
      ],
    },
  ],
});
