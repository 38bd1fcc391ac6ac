import { defineCases } from "../rule.js";
import type rule from "./expired-timer-without-nopreempt.js";
import { OPEN_VI_1_WIDE, VIP_100_WIDE } from "./example-configs.js";

const instance = (lines: string): string => `${OPEN_VI_1_WIDE}${lines}${VIP_100_WIDE}}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "with nopreempt",
      settings: { keepalivedVersion: "2.3.3" },
      files: {
        "keepalived.conf": instance("    state BACKUP\n    priority 100\n    nopreempt\n    timer_expired_backup 1\n"),
      },
    },
  ],
  invalid: [
    {
      name: "without nopreempt",
      settings: { keepalivedVersion: "2.3" },
      files: { "keepalived.conf": instance("    state BACKUP\n    priority 100\n    timer_expired_backup 1 1\n") },
      realTool: "\\(VI_1\\) expired_timer_backup requires nopreempt - resetting",
      expect: [{ line: 6, messageId: "reset" }],
    },
    {
      name: "nopreempt with state MASTER is cleared first",
      settings: { keepalivedVersion: "2.3" },
      files: {
        "keepalived.conf": instance("    state MASTER\n    priority 100\n    nopreempt\n    timer_expired_backup\n"),
      },
      realTool: "expired_timer_backup requires nopreempt - resetting",
      expect: [{ line: 7, messageId: "reset" }],
    },
  ],
});
