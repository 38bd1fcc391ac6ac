import { defineCases } from "../rule.js";
import { examplePair } from "./example-pair.js";
import type rule from "./unicast-multicast-mismatch.js";

export default defineCases<typeof rule>({
  valid: [
    { name: "both unicast", files: examplePair() },
    {
      name: "both unicast, addresses written with a prefix",
      files: examplePair(
        { src: "198.51.100.11/24", peers: ["198.51.100.12/24"] },
        { src: "198.51.100.12/24", peers: ["198.51.100.11/24"] },
      ),
    },
    { name: "both multicast", files: examplePair({ multicast: true }, { multicast: true }) },
    {
      name: "an mcast_dst_ip keepalived rejects leaves the default group",
      files: examplePair({ multicast: true }, { multicast: true, instanceExtra: ["mcast_dst_ip 192.0.2.18"] }),
    },
  ],
  invalid: [
    {
      name: "unicast and multicast",
      files: examplePair({}, { multicast: true }),
      expect: [{ line: 14, file: "lb02/keepalived.conf", messageId: "modeMismatch" }],
    },
    {
      name: "no peer keepalived can read: multicast",
      files: examplePair({}, { peers: ["198.51.100.1x"] }),
      expect: [{ line: 14, file: "lb02/keepalived.conf", messageId: "modeMismatch" }],
    },
    {
      name: "different multicast groups",
      files: examplePair({ multicast: true }, { multicast: true, instanceExtra: ["mcast_dst_ip 224.0.0.19"] }),
      expect: [{ line: 30, file: "lb02/keepalived.conf", messageId: "groupMismatch" }],
    },
  ],
});
