import { defineCases } from "../rule.js";
import type rule from "./fractional-script-interval.js";

const script = (interval: string, timeout = ""): string => `global_defs {
  enable_script_security
  script_user root
}
vrrp_script chk_haproxy {
  script "/bin/true"
  interval ${interval}
${
  timeout
    ? `  timeout ${timeout}
`
    : ""
}}
vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority 100
  virtual_ipaddress {
    192.0.2.100/24
  }
  track_script {
    chk_haproxy
  }
}
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
