import { defineCases } from "../rule.js";
import type rule from "./auth-pass-truncated.js";
import { OPEN_VI_1, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "8 characters",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  authentication {
    auth_type PASS
    auth_pass k33pal1v
  }
${VIP_10}}
`,
      },
    },
  ],
  invalid: [
    {
      name: "11 characters",
      files: {
        "keepalived.conf": `${OPEN_VI_1}  authentication {
    auth_type PASS
    auth_pass secret12345
  }
${VIP_10}}
`,
      },
      realTool: "Truncating auth_pass to 8 characters",
      expect: [{ line: 6, messageId: "truncated" }],
    },
  ],
});
