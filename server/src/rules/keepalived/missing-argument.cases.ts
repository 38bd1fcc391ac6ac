import { defineCases } from "../rule.js";
import type rule from "./missing-argument.js";
import { OPEN_VI_1, VIP_10 } from "./example-configs.js";

const vip = `${VIP_10}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "every keyword with its words; words a handler may do without",
      files: {
        "keepalived.conf": `global_defs {
  router_id lb01
  vrrp_skip_check_adv_addr
}
${OPEN_VI_1}  priority 100
  lower_prio_no_advert
${vip}}
`,
      },
    },
  ],
  invalid: [
    {
      name: "interface without its name: keepalived exits",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  interface
  virtual_router_id 51
${vip}}
`,
      },
      realTool: "Configuration line starting `interface` is missing a parameter",
      expect: [{ line: 2, messageId: "exits", severity: "error" }],
    },
    {
      name: "a notify script keyword without its script: keepalived exits",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  notify_master
${vip}}
`,
      },
      realTool: "missing a parameter after keyword `notify_master`",
      expect: [{ line: 4, messageId: "exits" }],
    },
    {
      name: "router_id without its name: the line is ignored",
      files: {
        "keepalived.conf": `global_defs {
  router_id
}
${OPEN_VI_1}${vip}}
`,
      },
      realTool: "routerid name missing - ignoring",
      expect: [{ line: 2, messageId: "ignored", severity: "warning" }],
    },
    {
      name: "a vrrp_instance without its name: the block is skipped",
      files: {
        "keepalived.conf": `${OPEN_VI_1}${vip}}
vrrp_instance {
  interface eth0
}
`,
      },
      realTool: "vrrp_instance must have a name",
      expect: [{ line: 8, messageId: "blockSkipped", severity: "warning" }],
    },
    {
      name: "global scripts and fifos without their word (checked in the helper the handler calls)",
      files: {
        "keepalived.conf": `global_defs {
    shutdown_script
    startup_script_timeout
    vrrp_notify_fifo
    notify_fifo_script
}
`,
      },
      realTool:
        "shutdown script missing[^]*startup_script_timeout requires value[^]*No vrrp_notify_fifo name specified[^]*" +
        "No notify_fifo_script specified",
      expect: [
        { line: 2, messageId: "ignored" },
        { line: 3, messageId: "ignored" },
        { line: 4, messageId: "ignored" },
        { line: 5, messageId: "ignored" },
      ],
    },
  ],
});
