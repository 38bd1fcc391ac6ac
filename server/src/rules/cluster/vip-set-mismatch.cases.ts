import { defineCases } from "../rule.js";
import type rule from "./vip-set-mismatch.js";
import { examplePair } from "./example-pair.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "same VIPs",
      files: examplePair(
        { vips: ["192.0.2.100/24", "192.0.2.101/24"] },
        { vips: ["192.0.2.101/24", "192.0.2.100/24"] },
      ),
    },
  ],
  invalid: [
    {
      name: "one VIP missing on the backup",
      files: examplePair({ vips: ["192.0.2.100/24", "192.0.2.101/24"] }, { vips: ["192.0.2.100/24"] }),
      expect: [{ line: 29, file: "lb02/keepalived.conf", messageId: "vipSetsDiffer" }],
    },
  ],
});
