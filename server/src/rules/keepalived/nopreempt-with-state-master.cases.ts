import { defineCases } from "../rule.js";
import type rule from "./nopreempt-with-state-master.js";
import { VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "nopreempt on a BACKUP",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  state BACKUP
  nopreempt
  interface eth0
  virtual_router_id 51
  priority 150
${VIP_10}}
`,
      },
    },
  ],
  invalid: [
    {
      name: "nopreempt and preempt_delay with state MASTER",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  state MASTER
  nopreempt
  preempt_delay 30
  interface eth0
  virtual_router_id 51
  priority 150
${VIP_10}}
`,
      },
      realTool: "nopreempt will not work with initial state MASTER - clearing",
      expect: [
        { line: 3, messageId: "nopreemptCleared" },
        { line: 4, messageId: "preemptDelayCleared" },
      ],
    },
    {
      // keepalived ignores `state BACKUP` after `state MASTER`: the fix rewrites every MASTER line.
      name: "two state MASTER lines",
      files: {
        "keepalived.conf": `vrrp_instance VI_1 {
  state MASTER
  state MASTER
  nopreempt
  priority 150
}
`,
      },
      expect: [{ line: 4, messageId: "nopreemptCleared" }],
      fixed: {
        "keepalived.conf": `vrrp_instance VI_1 {
  state BACKUP
  state BACKUP
  nopreempt
  priority 150
}
`,
      },
    },
  ],
});
