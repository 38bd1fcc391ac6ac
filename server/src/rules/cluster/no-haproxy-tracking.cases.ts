import { defineCases } from "../rule.js";
import type rule from "./no-haproxy-tracking.js";
import { exampleHaproxy, examplePair } from "./example-pair.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "tracked",
      files: { ...examplePair(), "lb01/haproxy.cfg": exampleHaproxy(), "lb02/haproxy.cfg": exampleHaproxy() },
    },
  ],
  invalid: [
    {
      name: "no tracker at all",
      files: {
        ...examplePair({ weight: null }, { weight: null }),
        "lb01/haproxy.cfg": exampleHaproxy(),
        "lb02/haproxy.cfg": exampleHaproxy(),
      },
      expect: [
        { line: 6, file: "lb01/keepalived.conf", messageId: "nothingTracked" },
        { line: 6, file: "lb02/keepalived.conf", messageId: "nothingTracked" },
      ],
    },
    {
      name: "the tracked HAProxy check is not defined",
      files: {
        ...examplePair(
          { weight: null, instanceExtra: ["track_script {", "    chk_haproxy", "}"] },
          { weight: null, instanceExtra: ["track_script {", "    chk_haproxy", "}"] },
        ),
        "lb01/haproxy.cfg": exampleHaproxy(),
        "lb02/haproxy.cfg": exampleHaproxy(),
      },
      expect: [
        { line: 6, file: "lb01/keepalived.conf", messageId: "checkDropped" },
        { line: 6, file: "lb02/keepalived.conf", messageId: "checkDropped" },
      ],
    },
  ],
});
