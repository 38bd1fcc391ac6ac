import { defineCases } from "../rule.js";
import type rule from "./failover-not-triggered.js";
import { examplePair, exampleHaproxy } from "./example-pair.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "weight -30 with priorities 120/100 (seed nginx)",
      files: {
        ...examplePair({ weight: -30 }, { weight: -30 }),
        "lb01/haproxy.cfg": exampleHaproxy(),
        "lb02/haproxy.cfg": exampleHaproxy(),
      },
    },
    { name: "weight 0: the failed node goes to FAULT", files: examplePair({ weight: 0 }, { weight: 0 }) },
    {
      name: "positive weight larger than the gap",
      files: examplePair({ priority: 100, weight: 5 }, { priority: 98, weight: 5 }),
    },
  ],
  invalid: [
    {
      name: "positive weight too small for the peer's priority (seed PostgreSQL)",
      files: examplePair({ priority: 100, weight: 2 }, { priority: 90, weight: 2 }),
      expect: [{ line: 11, file: "lb01/keepalived.conf", messageId: "priorityGapTooSmall" }],
    },
    {
      name: "negative weight too small",
      files: examplePair({ weight: -10 }, { weight: -10 }),
      expect: [{ line: 11, file: "lb01/keepalived.conf", messageId: "priorityGapTooSmall" }],
    },
    {
      name: "equal after the drop never preempts",
      files: examplePair({ weight: -20 }, { weight: -20 }),
      expect: [{ line: 11, file: "lb01/keepalived.conf", messageId: "priorityGapTooSmall" }],
    },
    {
      name: "nopreempt blocks weighted failover",
      files: examplePair({ state: "BACKUP", nopreempt: true }, { nopreempt: true }),
      expect: [{ line: 11, file: "lb01/keepalived.conf", messageId: "priorityGapTooSmall" }],
    },
    {
      name: "the VIP holder is the address owner: its weighted check counts for nothing",
      files: examplePair({ priority: 255 }, {}),
      expect: [{ line: 32, file: "lb01/keepalived.conf", messageId: "trackerDropped" }],
    },
    {
      name: "the only backup stays in FAULT (unicast_fault_no_peer with no peer)",
      files: examplePair({}, { peers: [], instanceExtra: ["unicast_fault_no_peer"] }),
      expect: [{ line: 11, file: "lb01/keepalived.conf", messageId: "noTakeover" }],
    },
  ],
});
