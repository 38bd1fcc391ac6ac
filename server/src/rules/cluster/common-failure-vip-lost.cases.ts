import { defineCases } from "../rule.js";
import type rule from "./common-failure-vip-lost.js";
import { examplePair } from "./example-pair.js";

export default defineCases<typeof rule>({
  valid: [{ name: "weight 0 on a local check", files: examplePair({ weight: 0 }, { weight: 0 }) }],
  invalid: [
    {
      name: "weight 0 on a shared backend",
      files: examplePair(
        { weight: 0, check: "/usr/bin/curl -sf http://203.0.113.21:8080/health" },
        { weight: 0, check: "/usr/bin/curl -sf http://203.0.113.21:8080/health" },
      ),
      expect: [{ line: 32, file: "lb01/keepalived.conf", messageId: "commonFailure" }],
    },
  ],
});
