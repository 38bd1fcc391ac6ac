import { defineCases } from "../rule.js";
import type rule from "./vrid-mismatch.js";
import { examplePair } from "./example-pair.js";

export default defineCases<typeof rule>({
  valid: [{ name: "same VRID", files: examplePair() }],
  invalid: [
    {
      name: "different VRIDs for one VIP",
      files: examplePair({}, { vrid: 52 }),
      expect: [{ line: 17, file: "lb02/keepalived.conf", messageId: "vridDiffers" }],
    },
    {
      name: "two pairs on one segment reuse virtual_router_id 51 on eth0 for different VIPs",
      files: {
        ...examplePair(),
        ...Object.fromEntries(
          Object.entries(
            examplePair(
              { src: "198.51.100.13", peers: ["198.51.100.14"], vips: ["192.0.2.101/24"] },
              { src: "198.51.100.14", peers: ["198.51.100.13"], vips: ["192.0.2.101/24"] },
            ),
          ).map(([name, text]) => [
            name.replace("lb01", "lb03").replace("lb02", "lb04"),
            text.replace("vrrp_instance VI_1", "vrrp_instance VI_2"),
          ]),
        ),
      },
      expect: [{ line: 17, file: "lb03/keepalived.conf", messageId: "vridShared" }],
    },
  ],
});
