import { exampleHaproxy, examplePair } from "../cluster/example-pair.js";
import { defineCases } from "../rule.js";
import type rule from "./stats-page-exposed.js";
import { BACKEND_WEB, HTTP_DEFAULTS, TIMEOUTS_30S, STATS_LISTEN } from "./example-configs.js";

const T = `${HTTP_DEFAULTS}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "loopback stats and protected management bind",
      files: {
        "haproxy.cfg": `${T}listen stats_local
    bind 127.0.0.1:8404
    stats enable
    stats uri /

listen stats
    bind 192.0.2.5:8405
    stats enable
    stats uri /stats
    stats auth ops:Vb9-long-random-secret
`,
      },
    },
    {
      name: "stats backend reached only from an allowed source",
      files: {
        "haproxy.cfg": `${T}frontend mgmt
    bind 192.0.2.5:8080
    use_backend stats if { src 192.0.2.0/24 }
    default_backend web

backend stats
    stats enable
    stats uri /

${BACKEND_WEB}`,
      },
    },
    {
      name: "a protected page on a wildcard bind of a node with a VIP: HA014 reports the bind, not this rule",
      files: {
        ...examplePair(),
        "lb01/haproxy.cfg": exampleHaproxy("192.0.2.100:80", `${STATS_LISTEN}`),
      },
    },
  ],
  invalid: [
    {
      name: "open stats on a wildcard bind",
      files: {
        "haproxy.cfg": `${T}listen stats
    bind *:8404
    stats enable
    stats uri /stats
    stats refresh 10s
`,
      },
      expect: [{ line: 9, messageId: "unprotected" }],
    },
    {
      name: "authenticated stats on every address",
      files: {
        "haproxy.cfg": `${T}listen stats
    bind :8404
    mode http
    stats enable
    stats uri /stats
    stats auth ops:Vb9-long-random-secret
`,
      },
      expect: [{ line: 10, messageId: "wildcard" }],
    },
    {
      name: "stats enabled in defaults reach a public frontend",
      files: {
        "haproxy.cfg": `defaults
    mode http
    stats enable
${TIMEOUTS_30S}
frontend www
    bind 198.51.100.10:80
    default_backend web

${BACKEND_WEB}`,
      },
      expect: [
        { line: 8, messageId: "unprotected" },
        { line: 12, messageId: "unprotected" },
      ],
    },
  ],
});
