import { defineCases } from "../rule.js";
import type rule from "./bind-address-unknown.js";
import { exampleHaproxy, examplePair } from "./example-pair.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "VIP and node address",
      files: {
        ...examplePair(),
        "lb01/haproxy.cfg": exampleHaproxy(
          "192.0.2.100:80",
          `listen stats
    bind 198.51.100.11:8404
    stats enable
`,
        ),
      },
    },
  ],
  invalid: [
    {
      name: "typo in the VIP",
      files: { ...examplePair(), "lb01/haproxy.cfg": exampleHaproxy("192.0.2.10:80") },
      expect: [{ line: 9, file: "lb01/haproxy.cfg", messageId: "unknownAddress" }],
    },
  ],
});
