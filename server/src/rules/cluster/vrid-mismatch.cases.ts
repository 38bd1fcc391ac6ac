import { defineCases } from "../rule.js";
import type rule from "./vrid-mismatch.js";
import { examplePair } from "./example-pair.js";

export default defineCases<typeof rule>({
  valid: [{ name: "same VRID", files: examplePair() }],
  invalid: [
    {
      name: "different VRIDs for one VIP",
      files: examplePair({}, { vrid: 52 }),
      expect: [{ line: 17, file: "lb02/keepalived.conf", message: "virtual_router_id 52" }],
    },
  ],
});
