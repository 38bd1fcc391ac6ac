import { defineCases } from "../rule.js";
import type rule from "./unused-suppression.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "the suppression is used",
      files: {
        "haproxy.cfg": `frontend f
    # ha-lint disable-next-line HP017 -- vendor build keyword
    fancy-keyword on
`,
      },
      withRules: ["HP017"],
    },
  ],
  invalid: [
    {
      name: "nothing to suppress",
      files: {
        "haproxy.cfg": `frontend f
    # ha-lint disable-next-line HP017 -- old
    maxconn 100
`,
      },
      withRules: ["HP017"],
      expect: [{ line: 2, messageId: "suppressesNothing" }],
    },
    {
      name: "unknown rule",
      files: {
        "haproxy.cfg": `# ha-lint disable-file XX999
frontend f
`,
      },
      expect: [{ line: 1, messageId: "unknownRule" }],
    },
  ],
});
