import { defineCases } from "../rule.js";
import type rule from "./bind-address-shared.js";

const T =
  "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nbackend web\n    server w1 192.0.2.11:80 check\n\n";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "distinct ports, addresses and interfaces",
      files: {
        "haproxy.cfg": `${T}frontend www\n    bind 192.0.2.10:80\n    bind 192.0.2.10:443\n    default_backend web\n\nfrontend www2\n    bind 192.0.2.20:80\n    default_backend web\n\nfrontend mgmt\n    bind :8080 interface eth1\n    default_backend web\n\nfrontend mgmt2\n    bind :8080 interface eth2\n    default_backend web\n`,
      },
    },
  ],
  invalid: [
    {
      name: "same address twice",
      files: {
        "haproxy.cfg": `${T}frontend www\n    bind :80\n    default_backend web\n\nfrontend www_new\n    bind *:80\n    default_backend web\n`,
      },
      expect: [{ line: 15, messageId: "sameAddress" }],
    },
    {
      name: "wildcard against a specific address, through a port range",
      files: {
        "haproxy.cfg": `${T}frontend www\n    bind *:8000-8010\n    default_backend web\n\nfrontend vip\n    bind 192.0.2.10:8005\n    default_backend web\n`,
      },
      expect: [{ line: 15, messageId: "wildcardAndSpecific" }],
    },
  ],
});
