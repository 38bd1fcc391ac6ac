import { defineCases } from "../rule.js";
import type rule from "./check-depends-on-vip.js";
import { examplePair } from "./example-pair.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "local probe",
      files: examplePair(
        { check: "/usr/bin/curl -sf http://127.0.0.1:8404/health" },
        { check: "/usr/bin/curl -sf http://127.0.0.1:8404/health" },
      ),
    },
  ],
  invalid: [
    {
      name: "probe through the VIP",
      files: examplePair({ check: "/usr/bin/curl -sf http://192.0.2.100/health" }),
      expect: [{ line: 7, file: "lb01/keepalived.conf", messageId: "checkUsesVip" }],
    },
  ],
});
