import { defineCases } from "../rule.js";
import type rule from "./check-probes-wrong-port.js";
import { exampleHaproxy, examplePair } from "./example-pair.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "probes the bound port",
      files: {
        ...examplePair({ check: "/usr/bin/curl -sf http://127.0.0.1:80/" }),
        "lb01/haproxy.cfg": exampleHaproxy(),
      },
    },
  ],
  invalid: [
    {
      name: "probes a port nobody binds",
      files: {
        ...examplePair({ check: "/bin/sh -c 'ss -lnt | grep -q :8080'" }),
        "lb01/haproxy.cfg": exampleHaproxy(),
      },
      expect: [{ line: 7, file: "lb01/keepalived.conf", messageId: "wrongPort" }],
    },
  ],
});
