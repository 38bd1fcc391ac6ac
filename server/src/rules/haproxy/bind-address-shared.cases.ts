import { defineCases } from "../rule.js";
import type rule from "./bind-address-shared.js";
import { BACKEND_WEB, FRONTEND_WWW, HTTP_DEFAULTS } from "./example-configs.js";

const T = `${HTTP_DEFAULTS}
${BACKEND_WEB}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "distinct ports, addresses and interfaces",
      files: {
        "haproxy.cfg": `${T}frontend www
    bind 192.0.2.10:80
    bind 192.0.2.10:443
    default_backend web

frontend www2
    bind 192.0.2.20:80
    default_backend web

frontend mgmt
    bind :8080 interface eth1
    default_backend web

frontend mgmt2
    bind :8080 interface eth2
    default_backend web
`,
      },
    },
  ],
  invalid: [
    {
      name: "same address twice",
      files: {
        "haproxy.cfg": `${T}${FRONTEND_WWW}
frontend www_new
    bind *:80
    default_backend web
`,
      },
      expect: [{ line: 15, messageId: "sameAddress" }],
    },
    {
      name: "wildcard against a specific address, through a port range",
      files: {
        "haproxy.cfg": `${T}frontend www
    bind *:8000-8010
    default_backend web

frontend vip
    bind 192.0.2.10:8005
    default_backend web
`,
      },
      expect: [{ line: 15, messageId: "wildcardAndSpecific" }],
    },
  ],
});
