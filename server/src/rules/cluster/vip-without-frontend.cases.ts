import { defineCases } from "../rule.js";
import type rule from "./vip-without-frontend.js";
import { exampleHaproxy, examplePair } from "./example-pair.js";

export default defineCases<typeof rule>({
  valid: [{ name: "VIP bound", files: { ...examplePair(), "lb01/haproxy.cfg": exampleHaproxy() } }],
  invalid: [
    {
      name: "frontend on another address",
      files: { ...examplePair(), "lb01/haproxy.cfg": exampleHaproxy("198.51.100.11:80") },
      expect: [{ line: 29, file: "lb01/keepalived.conf", messageId: "noFrontend" }],
    },
  ],
});
