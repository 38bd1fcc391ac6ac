import { defineCases } from "../rule.js";
import { exampleHaproxy, examplePair } from "./example-pair.js";
import type rule from "./standby-config-drift.js";

const drifted = exampleHaproxy()
  .replace("server app2 203.0.113.22:8080 check", "server app2 203.0.113.23:8080")
  .replace("timeout client 30s", "timeout client 60s");

/** The same values written another way: HAProxy reads them identically. */
const respelled = exampleHaproxy()
  .replace("timeout connect 5s", "timeout connect 5000")
  .replace("timeout client 30s", "timeout client 30000ms")
  .replace("timeout server 30s", "timeout server 30s")
  .replace("maxconn 4096", "maxconn 4096")
  .replace("server app1 203.0.113.21:8080 check", "server app1 203.0.113.21:08080 check");

export default defineCases<typeof rule>({
  valid: [
    {
      name: "same configuration",
      files: { ...examplePair(), "lb01/haproxy.cfg": exampleHaproxy(), "lb02/haproxy.cfg": exampleHaproxy() },
    },
    {
      name: "the same values in other units and spellings: 5s = 5000 = 5000ms, port 08080 = 8080",
      files: { ...examplePair(), "lb01/haproxy.cfg": exampleHaproxy(), "lb02/haproxy.cfg": respelled },
    },
    {
      name: "node-local management binds differ",
      files: {
        ...examplePair(),
        "lb01/haproxy.cfg": exampleHaproxy(
          "192.0.2.100:80",
          `listen mgmt
    bind 198.51.100.11:8404
    stats enable
`,
        ),
        "lb02/haproxy.cfg": exampleHaproxy(
          "192.0.2.100:80",
          `listen mgmt
    bind 198.51.100.12:8404
    stats enable
`,
        ),
      },
    },
  ],
  invalid: [
    {
      name: "server address, check and timeout drifted",
      files: { ...examplePair(), "lb01/haproxy.cfg": exampleHaproxy(), "lb02/haproxy.cfg": drifted },
      expect: [
        { line: 6, file: "lb02/haproxy.cfg", severity: "warning", messageId: "timeout" },
        { line: 15, file: "lb02/haproxy.cfg", severity: "error", messageId: "serverAddress" },
        { line: 15, file: "lb02/haproxy.cfg", severity: "error", messageId: "serverCheck" },
      ],
    },
    {
      name: "a number without unit is milliseconds, not seconds",
      files: {
        ...examplePair(),
        "lb01/haproxy.cfg": exampleHaproxy(),
        "lb02/haproxy.cfg": exampleHaproxy().replace("timeout connect 5s", "timeout connect 5"),
      },
      expect: [{ line: 5, file: "lb02/haproxy.cfg", severity: "warning", messageId: "timeout" }],
    },
    {
      name: "a backend only on the primary",
      files: {
        ...examplePair(),
        "lb01/haproxy.cfg": exampleHaproxy().concat(`backend spare
    server s1 203.0.113.41:8080 check
`),
        "lb02/haproxy.cfg": exampleHaproxy(),
      },
      expect: [{ line: 1, file: "lb02/haproxy.cfg", severity: "error", messageId: "proxyOnlyOnPrimary" }],
    },
    {
      name: "binds, routing, servers, checks, maxconn and stats credentials drifted",
      files: {
        ...examplePair(),
        "lb01/haproxy.cfg": exampleHaproxy(),
        "lb02/haproxy.cfg": exampleHaproxy("192.0.2.100:8080")
          .replace(
            `    default_backend app
`,
            `    maxconn 100
    use_backend app if { path_beg /api }
    default_backend app
`,
          )
          .replace("GET /health", "GET /status")
          .replace(
            "server app2 203.0.113.22:8080 check",
            `server app3 203.0.113.22:8080 check
    stats auth admin:secret`,
          ),
      },
      expect: [
        { line: 8, file: "lb02/haproxy.cfg", severity: "error", messageId: "bindMissing" },
        { line: 9, file: "lb02/haproxy.cfg", severity: "error", messageId: "bindExtra" },
        { line: 10, file: "lb02/haproxy.cfg", severity: "warning", messageId: "maxconn" },
        { line: 11, file: "lb02/haproxy.cfg", severity: "error", messageId: "useBackend" },
        { line: 13, file: "lb02/haproxy.cfg", severity: "error", messageId: "serverMissing" },
        { line: 13, file: "lb02/haproxy.cfg", severity: "error", messageId: "checkSettings" },
        { line: 17, file: "lb02/haproxy.cfg", severity: "error", messageId: "serverExtra" },
        { line: 18, file: "lb02/haproxy.cfg", severity: "warning", messageId: "statsCredentials" },
      ],
    },
    {
      name: "a frontend only on the standby, another mode, another default backend",
      files: {
        ...examplePair(),
        "lb01/haproxy.cfg": exampleHaproxy(),
        "lb02/haproxy.cfg": exampleHaproxy()
          .replace(
            `    default_backend app
`,
            `    mode tcp
    default_backend app2
`,
          )
          .concat(
            `frontend extra
    bind 192.0.2.100:81
    default_backend app
backend app2
    server b1 203.0.113.31:8080 check
`,
          ),
      },
      expect: [
        { line: 10, file: "lb02/haproxy.cfg", severity: "error", messageId: "mode" },
        { line: 11, file: "lb02/haproxy.cfg", severity: "error", messageId: "defaultBackend" },
        { line: 17, file: "lb02/haproxy.cfg", severity: "error", messageId: "proxyOnlyOnStandby" },
        { line: 20, file: "lb02/haproxy.cfg", severity: "error", messageId: "proxyOnlyOnStandby" },
      ],
    },
  ],
});
