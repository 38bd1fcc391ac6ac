import { defineCases } from "../rule.js";
import type rule from "./include-matches-nothing.js";
import { BACKUP_INSTANCE_HEAD, VIP_100_WIDE } from "./example-configs.js";

const instance = `${BACKUP_INSTANCE_HEAD}${VIP_100_WIDE}}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "an include that matches",
      files: {
        "keepalived.conf": `include conf.d/vi_1.conf
`,
        "conf.d/vi_1.conf": instance,
      },
    },
  ],
  invalid: [
    {
      name: "a glob matching nothing",
      files: {
        "keepalived.conf": `${instance}include conf.d/*.conf
`,
      },
      expect: [{ line: 10, messageId: "noMatch", severity: "warning" }],
    },
    {
      name: "includea makes it fatal",
      files: {
        "keepalived.conf": `${instance}includea conf.d/*.conf
`,
      },
      realTool: "Config files missing 'conf.d/\\*.conf'",
      expect: [{ line: 10, messageId: "noMatchFatal", severity: "error" }],
    },
    {
      name: "includem: fatal for a named file, not for an empty wildcard",
      files: {
        "keepalived.conf": `${instance}includem conf.d/vi_2.conf
includem conf.d/*.conf
`,
      },
      expect: [
        { line: 10, messageId: "noMatchFatal" },
        { line: 11, messageId: "noMatch" },
      ],
    },
    {
      name: "an executable include file",
      files: {
        "keepalived.conf": `include conf.d/*.conf
includer conf.d/*.conf
`,
        "conf.d/vi_1.conf": instance,
      },
      executable: ["conf.d/vi_1.conf"],
      expect: [
        { line: 1, messageId: "skipped" },
        { line: 2, messageId: "skippedFatal", severity: "error" },
      ],
    },
    {
      name: "an include file that cannot be read",
      files: {
        "keepalived.conf": `include conf.d/*.conf
includer conf.d/*.conf
`,
        "conf.d/vi_1.conf": instance,
      },
      unreadable: ["conf.d/vi_1.conf"],
      expect: [
        { line: 1, messageId: "unreadable" },
        { line: 2, messageId: "unreadableFatal", severity: "error" },
      ],
    },
  ],
});
