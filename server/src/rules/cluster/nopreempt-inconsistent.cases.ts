import { defineCases } from "../rule.js";
import type rule from "./nopreempt-inconsistent.js";
import { examplePair } from "./example-pair.js";

export default defineCases<typeof rule>({
  valid: [
    { name: "no nopreempt", files: examplePair() },
    {
      name: "nopreempt on both, state BACKUP",
      files: examplePair({ state: "BACKUP", nopreempt: true, weight: 0 }, { nopreempt: true, weight: 0 }),
    },
  ],
  invalid: [
    {
      name: "both state MASTER with nopreempt",
      files: examplePair({ nopreempt: true }, { state: "MASTER", nopreempt: true }),
      expect: [{ line: 20, file: "lb01/keepalived.conf", messageId: "noEffectAnywhere" }],
    },
    {
      name: "nopreempt on one node only",
      files: examplePair({ state: "BACKUP", weight: 0 }, { nopreempt: true, weight: 0 }),
      expect: [{ line: 14, file: "lb01/keepalived.conf", messageId: "inconsistent" }],
    },
  ],
});
