import { defineCases } from "../rule.js";
import type rule from "./unicast-peer-is-self.js";
import { OPEN_VI_1, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "only the other node",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  unicast_src_ip 192.0.2.11
  unicast_peer {
    192.0.2.12
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "shared peer list",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  unicast_src_ip 192.0.2.11
  unicast_peer {
    192.0.2.11
    192.0.2.12
  }
${VIP_10}}
`,
      },
      expect: [{ line: 6, messageId: "peerIsSelf" }],
    },
  ],
});
