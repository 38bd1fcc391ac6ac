import { defineCases } from "../rule.js";
import type rule from "./expired-timer-without-nopreempt.js";

const instance = (lines: string): string => `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
${lines}    virtual_ipaddress {
        192.0.2.100/24
    }
}
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
