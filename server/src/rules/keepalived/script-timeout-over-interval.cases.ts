import { defineCases } from "../rule.js";
import type rule from "./script-timeout-over-interval.js";

const script = (times: string): string => `vrrp_script chk_api {
  script "/usr/bin/curl -fsS -m 2 -o /dev/null http://127.0.0.1:8404/health"
${times}  fall 2
}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "no timeout (the interval applies)",
      files: {
        "keepalived.conf": script(`  interval 2
`),
      },
    },
    {
      name: "timeout equal to the interval",
      files: {
        "keepalived.conf": script(`  interval 3
  timeout 3
`),
      },
    },
    {
      name: "timeout shorter",
      files: {
        "keepalived.conf": script(`  interval 5
  timeout 2
`),
      },
    },
  ],
  invalid: [
    {
      name: "2.2.7 starts another copy every interval",
      settings: { keepalivedVersion: "2.2.7" },
      files: {
        "keepalived.conf": script(`  interval 2
  timeout 10
`),
      },
      expect: [{ line: 4, messageId: "pilesUp" }],
    },
    {
      name: "2.3.3 skips the runs in between",
      settings: { keepalivedVersion: "2.3.3" },
      files: {
        "keepalived.conf": script(`  interval 2
  timeout 10
`),
      },
      expect: [{ line: 4, messageId: "skipped" }],
    },
    {
      name: "the default interval of 1 s",
      settings: { keepalivedVersion: "2.3.4" },
      files: {
        "keepalived.conf": script(`  timeout 5
`),
      },
      expect: [{ line: 3, messageId: "skipped" }],
    },
  ],
});
