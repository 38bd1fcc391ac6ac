import { defineCases } from "../rule.js";
import { examplePair } from "./example-pair.js";
import type rule from "./unicast-src-not-node-address.js";

export default defineCases<typeof rule>({
  valid: [
    { name: "own addresses", files: examplePair() },
    {
      name: "own addresses written with a prefix",
      files: examplePair(
        { src: "198.51.100.11/24", peers: ["198.51.100.12/24"] },
        { src: "198.51.100.12/24", peers: ["198.51.100.11/24"] },
      ),
    },
  ],
  invalid: [
    {
      name: "copied source address: lb02 lists it as its peer too",
      files: examplePair({}, { src: "198.51.100.11", peers: ["198.51.100.11"] }),
      expect: [{ line: 24, file: "lb02/keepalived.conf", messageId: "copiedSource" }],
    },
    {
      name: "the same source address on both nodes",
      files: examplePair({}, { src: "198.51.100.11/24", peers: ["198.51.100.13"] }),
      expect: [{ line: 24, file: "lb02/keepalived.conf", messageId: "sharedSource" }],
    },
    {
      name: "VIP as source",
      files: examplePair({ src: "192.0.2.100" }),
      expect: [{ line: 24, file: "lb01/keepalived.conf", messageId: "sourceIsVip" }],
    },
  ],
});
