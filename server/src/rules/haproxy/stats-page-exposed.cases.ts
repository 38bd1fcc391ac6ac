import { exampleHaproxy, examplePair } from "../cluster/example-pair.js";
import { defineCases } from "../rule.js";
import type rule from "./stats-page-exposed.js";

const T = "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "loopback stats and protected management bind",
      files: {
        "haproxy.cfg": `${T}listen stats_local\n    bind 127.0.0.1:8404\n    stats enable\n    stats uri /\n\nlisten stats\n    bind 192.0.2.5:8405\n    stats enable\n    stats uri /stats\n    stats auth ops:Vb9-long-random-secret\n`,
      },
    },
    {
      name: "stats backend reached only from an allowed source",
      files: {
        "haproxy.cfg": `${T}frontend mgmt\n    bind 192.0.2.5:8080\n    use_backend stats if { src 192.0.2.0/24 }\n    default_backend web\n\nbackend stats\n    stats enable\n    stats uri /\n\nbackend web\n    server w1 192.0.2.11:80 check\n`,
      },
    },
    {
      name: "a protected page on a wildcard bind of a node with a VIP: HA014 reports the bind, not this rule",
      files: {
        ...examplePair(),
        "lb01/haproxy.cfg": exampleHaproxy(
          "192.0.2.100:80",
          "listen stats\n    bind *:8404\n    stats enable\n    stats auth ops:Vb9-long-random-secret\n",
        ),
      },
    },
  ],
  invalid: [
    {
      name: "open stats on a wildcard bind",
      files: {
        "haproxy.cfg": `${T}listen stats\n    bind *:8404\n    stats enable\n    stats uri /stats\n    stats refresh 10s\n`,
      },
      expect: [{ line: 9, messageId: "unprotected" }],
    },
    {
      name: "authenticated stats on every address",
      files: {
        "haproxy.cfg": `${T}listen stats\n    bind :8404\n    mode http\n    stats enable\n    stats uri /stats\n    stats auth ops:Vb9-long-random-secret\n`,
      },
      expect: [{ line: 10, messageId: "wildcard" }],
    },
    {
      name: "stats enabled in defaults reach a public frontend",
      files: {
        "haproxy.cfg":
          "defaults\n    mode http\n    stats enable\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nfrontend www\n    bind 198.51.100.10:80\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n",
      },
      expect: [
        { line: 8, messageId: "unprotected" },
        { line: 12, messageId: "unprotected" },
      ],
    },
  ],
});
