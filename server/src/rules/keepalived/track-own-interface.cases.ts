import { defineCases } from "../rule.js";
import type rule from "./track-own-interface.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "another interface",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  track_interface {
    eth1 weight -50
  }
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "own interface with a weight",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority 100
  track_interface {
    eth0 weight -50
  }
  virtual_ipaddress {
    192.0.2.10/24
  }
}
`,
      },
      realTool: "Ignoring track_interface eth0 since own interface",
      expect: [{ line: 6, messageId: "ownInterface" }],
    },
  ],
});
