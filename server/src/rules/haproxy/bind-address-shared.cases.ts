import { defineCases } from "../rule.js";
import type rule from "./bind-address-shared.js";

const T = `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

backend web
    server w1 192.0.2.11:80 check

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
        "haproxy.cfg": `${T}frontend www
    bind :80
    default_backend web

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
