import { defineCases } from "../rule.js";
import type rule from "./vrrp-version-mismatch.js";
import { examplePair } from "./example-pair.js";

export default defineCases<typeof rule>({
  valid: [{ name: "both version 3", files: examplePair({ version: 3, auth: null }, { version: 3, auth: null }) }],
  invalid: [
    {
      name: "3 vs default 2",
      files: examplePair({}, { version: 3 }),
      expect: [{ line: 20, file: "lb02/keepalived.conf", messageId: "versionDiffers" }],
    },
  ],
});
