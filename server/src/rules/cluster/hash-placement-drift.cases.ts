import { defineCases } from "../rule.js";
import type rule from "./hash-placement-drift.js";
import { HTTP_DEFAULTS } from "../haproxy/example-configs.js";

/** One node's haproxy.cfg: a source-hashed backend with the given balance lines and server lines. */
const cfg = (balance: string, servers: string[]): string => `${HTTP_DEFAULTS}
frontend fe_app
    bind 192.0.2.100:80
    default_backend be_app

backend be_app
${balance}${servers.map((s) => `    ${s}\n`).join("")}`;

const A = "server app1 192.0.2.31:8080 check";
const B = "server app2 192.0.2.32:8080 check";
const C = "server app3 192.0.2.33:8080 check";
const SOURCE = "    balance source\n";
const CONSISTENT = "    balance source\n    hash-type consistent\n";
const pair = (one: string, two: string): Record<string, string> => ({
  "lb01/haproxy.cfg": one,
  "lb02/haproxy.cfg": two,
});

export default defineCases<typeof rule>({
  valid: [
    { name: "the same file on both nodes", files: pair(cfg(SOURCE, [A, B, C]), cfg(SOURCE, [A, B, C])) },
    {
      name: "round robin places no client: order does not matter",
      files: pair(cfg("    balance roundrobin\n", [A, B]), cfg("    balance roundrobin\n", [B, A])),
    },
    {
      name: "consistent hashing with explicit ids: order does not matter",
      files: pair(cfg(CONSISTENT, [`${A} id 1`, `${B} id 2`]), cfg(CONSISTENT, [`${B} id 2`, `${A} id 1`])),
    },
    {
      name: "HAProxy 3.0: hash-key addr makes the ring independent of the order",
      settings: { haproxyVersion: "3.0" },
      files: pair(
        cfg(CONSISTENT + "    default-server hash-key addr\n", [A, B]),
        cfg(CONSISTENT + "    default-server hash-key addr\n", [B, A]),
      ),
    },
    {
      name: "a backup server is not placed by the hash",
      files: pair(cfg(SOURCE, [A, B, `${C} backup`]), cfg(SOURCE, [A, B, `${C} backup weight 5`])),
    },
  ],
  invalid: [
    {
      name: "map-based: servers listed in another order",
      files: pair(cfg(SOURCE, [A, B, C]), cfg(SOURCE, [B, A, C])),
      expect: [{ line: 12, file: "lb02/haproxy.cfg", messageId: "order" }],
    },
    {
      name: "another weight for one server",
      files: pair(cfg(SOURCE, [A, B]), cfg(SOURCE, [A, `${B} weight 50`])),
      expect: [{ line: 14, file: "lb02/haproxy.cfg", messageId: "weight" }],
    },
    {
      name: "consistent hashing: automatic ids follow the order",
      files: pair(cfg(CONSISTENT, [A, B]), cfg(CONSISTENT, [B, A])),
      expect: [{ line: 14, file: "lb02/haproxy.cfg", messageId: "ringKey" }],
    },
    {
      name: "hash-type consistent on one node only",
      files: pair(cfg(SOURCE, [A, B]), cfg(CONSISTENT, [A, B])),
      expect: [{ line: 12, file: "lb02/haproxy.cfg", messageId: "method" }],
    },
    {
      name: "HAProxy 3.0: hash-key addr on one node, the default id on the other",
      settings: { haproxyVersion: "3.0" },
      files: pair(cfg(CONSISTENT, [A, B]), cfg(CONSISTENT, [`${A} hash-key addr`, B])),
      expect: [{ line: 14, file: "lb02/haproxy.cfg", messageId: "ringKey" }],
    },
  ],
});
