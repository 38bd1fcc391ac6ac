import { defineCases } from "../rule.js";
import type rule from "./advert-int-mismatch.js";
import { examplePair } from "./example-pair.js";

export default defineCases<typeof rule>({
  valid: [
    { name: "same interval", files: examplePair() },
    {
      name: "VRRPv3 adopts the master's interval",
      files: examplePair({ version: 3, auth: null }, { version: 3, auth: null, advertInt: 2 }),
    },
  ],
  invalid: [
    {
      name: "1 s vs 2 s",
      files: examplePair({}, { advertInt: 2 }),
      expect: [{ line: 19, file: "lb02/keepalived.conf", messageId: "intervalMismatch" }],
    },
  ],
});
