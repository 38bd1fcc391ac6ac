import { defineCases } from "../rule.js";
import { examplePair } from "./example-pair.js";
import type rule from "./unicast-src-not-node-address.js";

/** The example pair as .ha-lint.yaml names it, with each node's addresses. */
const declared = (lb01: string[], lb02: string[]) => ({
  clusters: [
    {
      id: "pair",
      nodes: [
        { name: "lb01", keepalived: "lb01/keepalived.conf", addresses: lb01 },
        { name: "lb02", keepalived: "lb02/keepalived.conf", addresses: lb02 },
      ],
    },
  ],
});

export default defineCases<typeof rule>({
  valid: [
    { name: "own addresses", files: examplePair() },
    {
      name: "own addresses, declared",
      files: examplePair(),
      manifest: declared(["198.51.100.11"], ["198.51.100.12/24", "203.0.113.12"]),
    },
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
    {
      name: "a source address the node's declared addresses lack",
      files: examplePair({ src: "198.51.100.9" }),
      manifest: declared(["198.51.100.11"], ["198.51.100.12"]),
      expect: [{ line: 24, file: "lb01/keepalived.conf", messageId: "undeclaredSource" }],
    },
    {
      name: "the same, at keepalived 2.3.4 (IP_FREEBIND: the message says so)",
      files: examplePair({ src: "198.51.100.9" }),
      manifest: declared(["198.51.100.11"], ["198.51.100.12"]),
      settings: { keepalivedVersion: "2.3.4" },
      expect: [{ line: 24, file: "lb01/keepalived.conf", messageId: "undeclaredSource" }],
    },
  ],
});
