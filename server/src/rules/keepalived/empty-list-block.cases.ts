import { defineCases } from "../rule.js";
import type rule from "./empty-list-block.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "a notification_email block with an address",
      files: {
        "keepalived.conf": `global_defs {
    notification_email {
        ops@example.com
    }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: "an empty notification_email block",
      files: {
        "keepalived.conf": `global_defs {
    router_id lb01
    notification_email {
    }
    notification_email_from lb01@example.com
}
`,
      },
      realTool: "Warning - empty notification_email block",
      expect: [{ line: 4, messageId: "empty" }],
    },
  ],
});
