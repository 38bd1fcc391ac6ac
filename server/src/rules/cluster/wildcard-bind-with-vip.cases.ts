import { defineCases } from "../rule.js";
import { exampleHaproxy, examplePair } from "./example-pair.js";
import type rule from "./wildcard-bind-with-vip.js";
import { STATS_LISTEN } from "../haproxy/example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    { name: "bound to the VIP", files: { ...examplePair(), "lb01/haproxy.cfg": exampleHaproxy() } },
    {
      name: "an address taken from a variable is HP015's",
      files: { ...examplePair(), "lb01/haproxy.cfg": exampleHaproxy("${VIP}:80") },
    },
  ],
  invalid: [
    {
      name: "bind *:5000 (seed PostgreSQL)",
      files: { ...examplePair(), "lb01/haproxy.cfg": exampleHaproxy("*:5000") },
      expect: [{ line: 9, file: "lb01/haproxy.cfg", messageId: "everyAddress" }],
    },
    {
      name: "a comma list: each address is fixed in place",
      files: { ...examplePair(), "lb01/haproxy.cfg": exampleHaproxy(":21000,:21001") },
      expect: [
        { line: 9, file: "lb01/haproxy.cfg", messageId: "everyAddress" },
        { line: 9, file: "lb01/haproxy.cfg", messageId: "everyAddress" },
      ],
      fixed: { "lb01/haproxy.cfg": exampleHaproxy("192.0.2.100:21000,192.0.2.100:21001") },
    },
    {
      name: "a wildcard stats listener is reported here once (HP010 leaves it to this rule)",
      files: {
        ...examplePair(),
        "lb01/haproxy.cfg": exampleHaproxy("192.0.2.100:80", `${STATS_LISTEN}`),
      },
      expect: [{ line: 17, file: "lb01/haproxy.cfg", messageId: "everyAddress" }],
    },
  ],
});
