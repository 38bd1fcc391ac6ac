import { defineCases } from "../rule.js";
import type rule from "./equal-priorities.js";
import { examplePair } from "./example-pair.js";

export default defineCases<typeof rule>({
  valid: [{ name: "distinct priorities", files: examplePair() }],
  invalid: [
    {
      name: "equal base priorities",
      files: examplePair({ priority: 100 }, { priority: 100 }),
      expect: [{ line: 18, file: "lb02/keepalived.conf", messageId: "equalPriority" }],
    },
    {
      name: "equal effective priorities",
      files: examplePair({ priority: 100, weight: 2 }, { priority: 102, weight: null }),
      expect: [{ line: 10, file: "lb02/keepalived.conf", messageId: "equalPriority" }],
    },
  ],
});
