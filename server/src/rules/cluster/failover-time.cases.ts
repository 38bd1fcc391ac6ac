import { defineCases } from "../rule.js";
import { examplePair } from "./example-pair.js";
import type rule from "./failover-time.js";

/** A pair whose HAProxy check runs every `interval` seconds and fails after 3 failures. */
function slow(
  a: Parameters<typeof examplePair>[0] = {},
  b: Parameters<typeof examplePair>[1] = {},
  interval = 5,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(examplePair(a, b)).map(([file, text]) => [
      file,
      text.replace("interval 2", `interval ${interval}`).replace("fall 2", "fall 3"),
    ]),
  );
}

export default defineCases<typeof rule>({
  valid: [
    { name: "interval 2, fall 2, advert_int 1", files: examplePair() },
    {
      name: "the VIP never moves: equal priorities after the drop (HA001's)",
      files: slow({ advertInt: 3, weight: -20 }, { advertInt: 3, weight: -20 }),
    },
    {
      name: "the VIP never moves: nopreempt on the backup (HA001's)",
      files: slow({ advertInt: 3 }, { advertInt: 3, nopreempt: true }),
    },
    {
      name: "weight 0: the holder goes to FAULT and the backup waits only its skew",
      files: slow({ advertInt: 3, weight: 0 }, { advertInt: 3, weight: 0 }, 3),
    },
  ],
  invalid: [
    {
      name: "slow check and slow adverts",
      files: slow({ advertInt: 3 }, { advertInt: 3 }),
      expect: [{ line: 6, file: "lb01/keepalived.conf", messageId: "slowFailover" }],
    },
    {
      name: "a weighted check waits for the master-down timer",
      files: slow({ advertInt: 3 }, { advertInt: 3 }, 3),
      expect: [{ line: 6, file: "lb01/keepalived.conf", messageId: "slowFailover" }],
    },
  ],
});
