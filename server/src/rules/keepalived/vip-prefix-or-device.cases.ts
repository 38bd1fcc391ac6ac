import { defineCases } from "../rule.js";
import type rule from "./vip-prefix-or-device.js";
import { OPEN_VI_1 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "prefix and own device",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  virtual_ipaddress {
    192.0.2.10/24 dev eth0
    198.51.100.10/24 dev eth1 no_track
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "bare address and another device",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  virtual_ipaddress {
    192.0.2.10
    198.51.100.10/24 dev eth1
  }
}
`,
      },
      expect: [
        { line: 5, messageId: "noPrefix" },
        { line: 6, messageId: "otherDevice" },
      ],
    },
  ],
});
