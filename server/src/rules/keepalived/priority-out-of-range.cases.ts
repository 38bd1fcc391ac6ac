import { defineCases } from "../rule.js";
import type rule from "./priority-out-of-range.js";
import { OPEN_VI_1, VIP_10 } from "./example-configs.js";

const instance = (priority: string): string => `${OPEN_VI_1}  priority ${priority}
${VIP_10}}
`;

export default defineCases<typeof rule>({
  valid: [{ name: "priority 150", files: { "keepalived.conf": instance("150") } }],
  invalid: [
    {
      name: "priority 300",
      files: { "keepalived.conf": instance("300") },
      realTool: "Priority not valid! must be between 1 & 255. Using default 100",
      expect: [{ line: 4, messageId: "invalid" }],
    },
    {
      name: "priority 0",
      files: { "keepalived.conf": instance("0") },
      realTool: "number '0' outside range \\[1, 255\\]",
      expect: [{ line: 4, messageId: "invalid" }],
    },
    {
      name: "not a number",
      files: { "keepalived.conf": instance("high") },
      realTool: "invalid number 'high'",
      expect: [{ line: 4, messageId: "invalid" }],
    },
  ],
});
