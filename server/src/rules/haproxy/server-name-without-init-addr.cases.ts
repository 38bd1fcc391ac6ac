import { defineCases } from "../rule.js";
import type rule from "./server-name-without-init-addr.js";
import { TIMEOUTS_30S } from "./example-configs.js";

const cfg = (defaults: string, servers: string, extra = ""): string => `defaults
    mode tcp
${TIMEOUTS_30S}${defaults}
frontend fe_api
    bind 127.0.0.1:16443
    default_backend be_api

backend be_api
${servers}
${extra}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "servers by IP address",
      files: {
        "haproxy.cfg": cfg(
          "",
          `    server m1 192.0.2.21:6443 check
    server m2 [2001:db8::22]:6443 check`,
        ),
      },
    },
    {
      name: "init-addr with none on the server",
      files: { "haproxy.cfg": cfg("", "    server m1 api-1.k8s.internal:6443 check init-addr last,libc,none") },
    },
    {
      name: "default-server init-addr in defaults (openshift/router#656's fix)",
      files: {
        "haproxy.cfg": cfg(
          "    default-server init-addr last,libc,none",
          "    server m1 api-1.k8s.internal:6443 check",
        ),
      },
    },
    {
      name: "resolvers add none at start-up",
      files: {
        "haproxy.cfg": cfg(
          "",
          "    server m1 api-1.k8s.internal:6443 check resolvers dns",
          `
resolvers dns
    nameserver ns1 192.0.2.53:53
`,
        ),
      },
    },
    {
      name: "a fallback address in init-addr",
      files: { "haproxy.cfg": cfg("", "    server m1 api-1.k8s.internal:6443 check init-addr libc,192.0.2.21") },
    },
    { name: "localhost", files: { "haproxy.cfg": cfg("", "    server local localhost:8080 check") } },
  ],
  invalid: [
    {
      name: "a host name and nothing else",
      files: {
        "haproxy.cfg": cfg(
          "",
          `    server m1 api-1.k8s.internal:6443 check
    server m2 192.0.2.22:6443 check`,
        ),
      },
      expect: [{ line: 12, messageId: "noFallback" }],
    },
    {
      name: "init-addr without none",
      files: {
        "haproxy.cfg": cfg("    default-server init-addr last,libc", "    server m1 api-1.k8s.internal:6443 check"),
      },
      expect: [{ line: 12, messageId: "listWithoutFallback" }],
    },
  ],
});
