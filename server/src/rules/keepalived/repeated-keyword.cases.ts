import { defineCases } from "../rule.js";
import type rule from "./repeated-keyword.js";
import { OPEN_VI_1, SCRIPT_SECURITY, VIP_10 } from "./example-configs.js";

const secure = `${SCRIPT_SECURITY}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "each keyword once; keywords that take the last value",
      files: {
        "keepalived.conf": `${secure}${OPEN_VI_1}  priority 100
  priority 110
  notify_master /bin/true
${VIP_10}}
`,
      },
    },
  ],
  invalid: [
    {
      name: "a second notify_master in the instance",
      files: {
        "keepalived.conf": `${secure}${OPEN_VI_1}  notify_master /bin/true
  notify_master /bin/false
${VIP_10}}
`,
      },
      realTool: "notify_master script already specified - ignoring /bin/false",
      expect: [{ line: 9, messageId: "repeated" }],
    },
    {
      name: "nftables twice, in two global_defs blocks",
      files: {
        "keepalived.conf": `global_defs {
  nftables
}
global_defs {
  nftables keepalived2
}
${OPEN_VI_1}${VIP_10}}
`,
      },
      realTool: "nftables already specified - ignoring",
      expect: [{ line: 5, messageId: "repeated" }],
    },
    {
      name: "global scripts and fifos given twice (checked in the helper the handler calls)",
      files: {
        "keepalived.conf": `global_defs {
    startup_script /usr/bin/true
    startup_script /usr/bin/false
    notify_fifo
    notify_fifo /run/keepalived-1.fifo
    notify_fifo /run/keepalived-2.fifo
    vrrp_notify_fifo_script /usr/bin/true
    vrrp_notify_fifo_script /usr/bin/false
}
`,
      },
      realTool:
        "startup script already specified[^]*notify_fifo already specified - ignoring /run/keepalived-2.fifo[^]*" +
        "vrrp_notify_fifo_script already specified - ignoring /usr/bin/false",
      expect: [
        { line: 3, messageId: "repeated" },
        { line: 6, messageId: "repeated" },
        { line: 8, messageId: "repeated" },
      ],
      withRules: ["KA046"],
    },
  ],
});
