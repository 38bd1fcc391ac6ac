import { defineCases } from "../rule.js";
import type rule from "./zero-raised-to-one.js";

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
  ],
});
