import { defineCases } from "../rule.js";
import type rule from "./vrrp-script-without-command.js";
import { SCRIPT_SECURITY } from "./example-configs.js";

const secure = `${SCRIPT_SECURITY}`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "a script with its command",
      files: {
        "keepalived.conf": `${secure}vrrp_script chk {
  script "/usr/bin/true"
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "no script line",
      files: {
        "keepalived.conf": `${secure}vrrp_script chk {
  interval 2
  weight -30
}
`,
      },
      realTool: "No script set for vrrp_script chk - removing",
      expect: [{ line: 8, messageId: "noCommand" }],
    },
    {
      name: "the script line is cut by a comment character",
      files: {
        "keepalived.conf": `${secure}vrrp_script chk {
  script #/usr/bin/test -e /run/haproxy.pid
}
`,
      },
      realTool: "No script set for vrrp_script chk - removing",
      expect: [{ line: 7, messageId: "noCommand" }],
    },
  ],
});
