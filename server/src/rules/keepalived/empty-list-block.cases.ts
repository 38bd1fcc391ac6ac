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
    {
      name: "a track_group with members and a garp_group with interfaces",
      files: {
        "keepalived.conf": `track_group tg1 {
    group {
        VI_1
    }
}
garp_group {
    garp_interval 1
    interfaces {
        eth0
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
    {
      name: "2.2: an empty track_group group block and an empty garp_group interfaces block",
      settings: { keepalivedVersion: "2.2" },
      files: {
        "keepalived.conf": `track_group tg1 {
    group {
    }
}
track_group tg2 {
}
garp_group {
    garp_interval 1
    interfaces {
    }
}
`,
      },
      realTool: "Warning - track group tg1 has empty group block",
      expect: [
        { line: 3, messageId: "emptyGroup" },
        { line: 10, messageId: "emptyInterfaces" },
      ],
    },
    {
      name: "2.3: a track_group without members is removed",
      settings: { keepalivedVersion: "2.3" },
      files: {
        "keepalived.conf": `track_group tg1 {
    group {
    }
}
track_group tg2 {
}
`,
      },
      realTool: "Static track group tg2 has no members - removing",
      expect: [
        { line: 3, messageId: "emptyGroup" },
        { line: 4, messageId: "noMembers" },
        { line: 6, messageId: "noMembers" },
      ],
    },
  ],
});
