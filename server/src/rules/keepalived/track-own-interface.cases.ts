import { defineCases } from "../rule.js";
import type rule from "./track-own-interface.js";
import { OPEN_VI_1, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "another interface",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  track_interface {
    eth1 weight -50
  }
${VIP_10}}
`,
      },
    },
  ],
  invalid: [
    {
      name: "own interface with a weight",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  priority 100
  track_interface {
    eth0 weight -50
  }
${VIP_10}}
`,
      },
      realTool: "Ignoring track_interface eth0 since own interface",
      expect: [{ line: 6, messageId: "ownInterface" }],
    },
  ],
});
