import { defineCases } from "../rule.js";
import type rule from "./block-without-target.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "a neighbor, a delay and a file",
      files: {
        "keepalived.conf": `bfd_instance bfd_gw {
    neighbor_ip 192.0.2.1
}
garp_group {
    garp_interval 0.1
    interface eth0
}
track_file ready {
    file /etc/keepalived/ready
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "a bfd_instance without its neighbor",
      files: { "keepalived.conf": "bfd_instance name {\n}\n" },
      realTool: "BFD instance name has no neighbor address set, disabling instance",
      expect: [{ line: 2, messageId: "noNeighbor" }],
    },
    {
      name: "a garp_group without a delay",
      files: { "keepalived.conf": "garp_group {\n    interface eth0\n}\n" },
      realTool: "garp group 0 does not have any delay set - removing",
      expect: [{ line: 3, messageId: "noDelay" }],
    },
    {
      name: "a vrrp_track_file without its file",
      files: { "keepalived.conf": "vrrp_track_file name {\n    weight 10\n}\n" },
      realTool: "No file set for track_file name - ignoring",
      expect: [{ line: 3, messageId: "noFile" }],
    },
    {
      name: "a vrrp_track_process without its process",
      files: { "keepalived.conf": "vrrp_track_process tp1 {\n    weight 10\n}\n" },
      realTool: "track process 'tp1' process name not specified",
      expect: [{ line: 3, messageId: "noProcess" }],
    },
  ],
});
