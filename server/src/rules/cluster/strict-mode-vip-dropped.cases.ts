import { defineCases } from "../rule.js";
import { exampleHaproxy, examplePair } from "./example-pair.js";
import type rule from "./strict-mode-vip-dropped.js";

const served = (files: Record<string, string>): Record<string, string> => ({
  ...files,
  "lb01/haproxy.cfg": exampleHaproxy(),
});

export default defineCases<typeof rule>({
  valid: [
    {
      name: "strict with accept under VRRPv3",
      files: served(
        examplePair({ version: 3, instanceExtra: ["strict_mode on", "accept"], auth: null, multicast: true }),
      ),
    },
    { name: "no strict mode", files: served(examplePair({ auth: null, multicast: true })) },
  ],
  invalid: [
    {
      name: "strict mode without accept",
      files: served(examplePair({ auth: null, multicast: true, instanceExtra: ["strict_mode on"] })),
      expect: [{ line: 26, file: "lb01/keepalived.conf", messageId: "vipTrafficDropped" }],
    },
    {
      name: "strict mode under VRRPv2 resets accept (keepalived -t: 'accept mode for VRRP version 2 ... resetting')",
      files: served(examplePair({ auth: null, multicast: true, instanceExtra: ["strict_mode on", "accept"] })),
      expect: [{ line: 26, file: "lb01/keepalived.conf", messageId: "vipTrafficDropped" }],
    },
    {
      name: "no_accept",
      files: served(examplePair({ auth: null, multicast: true, instanceExtra: ["no_accept"] })),
      expect: [{ line: 26, file: "lb01/keepalived.conf", messageId: "vipTrafficDropped" }],
    },
  ],
});
