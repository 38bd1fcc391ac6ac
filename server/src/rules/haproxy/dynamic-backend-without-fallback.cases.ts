import { defineCases } from "../rule.js";
import type rule from "./dynamic-backend-without-fallback.js";
import { HTTP_DEFAULTS, TIMEOUTS_30S } from "./example-configs.js";

const T = `${HTTP_DEFAULTS}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "dynamic name with a fallback",
      files: {
        "haproxy.cfg": `${T}frontend www
    bind :80
    use_backend be_%[req.hdr(host),lower,word(1,:)]
    default_backend be_default

backend be_default
    server w1 192.0.2.11:80 check
`,
      },
    },
    {
      name: "fallback from defaults",
      files: {
        "haproxy.cfg": `defaults
    mode http
    default_backend be_default
${TIMEOUTS_30S}
frontend www
    bind :80
    use_backend be_%[req.hdr(host),lower]

backend be_default
    server w1 192.0.2.11:80 check
`,
      },
    },
    {
      name: "a listen section falls back to its own servers",
      files: {
        "haproxy.cfg": `${T}listen www
    bind :80
    use_backend be_%[req.hdr(host),lower]
    server w1 192.0.2.11:80 check
`,
      },
    },
  ],
  invalid: [
    {
      name: "host-based switching without a fallback",
      files: {
        "haproxy.cfg": `${T}frontend www
    bind :80
    use_backend be_%[req.hdr(host),lower,word(1,:)]

backend be_example.org
    server w1 192.0.2.11:80 check
`,
      },
      expect: [{ line: 9, messageId: "noFallback" }],
    },
  ],
});
