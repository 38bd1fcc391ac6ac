import { defineCases } from "../rule.js";
import { examplePair } from "./example-pair.js";
import type rule from "./nopreempt-weighted-tracker.js";

export default defineCases<typeof rule>({
  valid: [
    { name: "no nopreempt", files: examplePair() },
    {
      name: "nopreempt with a weight-0 check (FAULT)",
      files: examplePair({ state: "BACKUP", nopreempt: true, weight: 0 }, { nopreempt: true, weight: 0 }),
    },
  ],
  invalid: [
    {
      name: "nopreempt on both nodes, weighted checks",
      files: examplePair({ state: "BACKUP", nopreempt: true }, { nopreempt: true }),
      expect: [
        { line: 11, file: "lb01/keepalived.conf", messageId: "neverMoves" },
        { line: 11, file: "lb02/keepalived.conf", messageId: "neverMoves" },
      ],
    },
    {
      name: "nopreempt only on the backup: only the master's check is concerned",
      files: examplePair({}, { nopreempt: true }),
      expect: [{ line: 11, file: "lb01/keepalived.conf", messageId: "neverMoves" }],
    },
  ],
});
