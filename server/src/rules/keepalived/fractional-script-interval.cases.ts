import { defineCases } from "../rule.js";
import type rule from "./fractional-script-interval.js";
import { OPEN_BACKUP_VI_1, SCRIPT_SECURITY, TRACK_CHK_HAPROXY, VIP_100 } from "./example-configs.js";

const script = (interval: string, timeout = ""): string => `${SCRIPT_SECURITY}vrrp_script chk_haproxy {
  script "/bin/true"
  interval ${interval}
${
  timeout
    ? `  timeout ${timeout}
`
    : ""
}}
${OPEN_BACKUP_VI_1}  priority 100
${VIP_100}${TRACK_CHK_HAPROXY}}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "whole seconds (2.2)",
      settings: { keepalivedVersion: "2.2.7" },
      files: { "keepalived.conf": script("2") },
    },
    {
      name: "milliseconds from 2.3.2",
      settings: { keepalivedVersion: "2.3.3" },
      files: { "keepalived.conf": script("0.5", "0.25") },
    },
  ],
  invalid: [
    {
      name: "a fraction before 2.3.2",
      settings: { keepalivedVersion: "2.2.7" },
      files: { "keepalived.conf": script("0.5", "0.2") },
      realTool: "vrrp script interval '0.5' must be between 1 and",
      expect: [
        { line: 7, column: 12, messageId: "refused" },
        { line: 8, column: 11, messageId: "refused" },
      ],
    },
    {
      name: "more than three decimals (2.3.4)",
      settings: { keepalivedVersion: "2.3.4" },
      files: { "keepalived.conf": script("0.0005") },
      realTool: "'0.0005' has too many decimal",
      expect: [{ line: 7, messageId: "tooPrecise" }],
    },
  ],
});
