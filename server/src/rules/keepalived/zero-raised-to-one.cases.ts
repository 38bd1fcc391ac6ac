import { defineCases } from "../rule.js";
import type rule from "./zero-raised-to-one.js";
import { OPEN_VI_1_WIDE } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "values from 1 on",
      files: {
        "keepalived.conf": `global_defs {
    vrrp_garp_master_repeat 1
}
vrrp_script chk_haproxy {
    script "/usr/bin/pgrep -x haproxy"
    interval 2
    timeout 1
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "an empty quoted interval is 0",
      files: {
        "keepalived.conf": `vrrp_script chk_haproxy {
    script "/usr/bin/pgrep -x haproxy"
    interval ""
}
`,
      },
      realTool: "\\(chk_haproxy\\): vrrp script interval must be greater than 0, setting to 1",
      expect: [{ line: 3, messageId: "raised" }],
    },
    {
      name: "a zero timeout and global repeat",
      files: {
        "keepalived.conf": `global_defs {
    vrrp_garp_master_repeat 00
}
vrrp_script chk_haproxy {
    script "/usr/bin/pgrep -x haproxy"
    timeout 0
}
`,
      },
      realTool: "vrrp script timeout must be greater than 0, setting to 1",
      expect: [
        { line: 2, messageId: "raised" },
        { line: 6, messageId: "raised" },
      ],
    },
    {
      name: "smtp_connect_timeout, the refresh repeats and an instance's repeat",
      files: {
        "keepalived.conf": `global_defs {
    smtp_connect_timeout 0
    vrrp_garp_master_refresh_repeat 0
}
${OPEN_VI_1_WIDE}    priority 100
    garp_master_repeat 0
    garp_master_refresh_repeat 0
    virtual_ipaddress {
        192.0.2.10/24
    }
}
`,
      },
      realTool:
        "smtp_conect_timeout must be greater than 0[^]*\\(VI_1\\): garp_master_repeat must be greater than 0[^]*" +
        "\\(VI_1\\): garp_master_refresh_repeat must be greater than 0",
      expect: [
        { line: 2, messageId: "raised" },
        { line: 3, messageId: "raised" },
        { line: 9, messageId: "raised" },
        { line: 10, messageId: "raised" },
      ],
    },
  ],
});
