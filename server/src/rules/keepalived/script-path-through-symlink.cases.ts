import { defineCases } from "../rule.js";
import type rule from "./script-path-through-symlink.js";
import { OPEN_BACKUP_VI_1, TRACK_CHK_HAPROXY, VIP_100 } from "./example-configs.js";

const config = (command: string, user = "root"): string => `global_defs {
  enable_script_security
  script_user ${user}
}
vrrp_script chk_haproxy {
  script "${command}"
  interval 2
  weight -30
}
${OPEN_BACKUP_VI_1}  priority 100
${VIP_100}${TRACK_CHK_HAPROXY}}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "/usr/bin path (2.3.3)",
      settings: { keepalivedVersion: "2.3.3" },
      files: { "keepalived.conf": config("/usr/bin/true") },
    },
    {
      name: "/usr/sbin path (2.3.4)",
      settings: { keepalivedVersion: "2.3.4" },
      files: { "keepalived.conf": config("/usr/sbin/ip link") },
    },
    {
      name: "/bin path on 2.2 (real path checked)",
      settings: { keepalivedVersion: "2.2.7" },
      files: { "keepalived.conf": config("/bin/true") },
    },
  ],
  invalid: [
    {
      name: "/bin/sh -c on 2.3.3",
      settings: { keepalivedVersion: "2.3.3" },
      files: { "keepalived.conf": config("/bin/sh -c 'true'") },
      realTool: "Disabling track script chk_haproxy due to insecure",
      expect: [{ line: 6, messageId: "disabled" }],
    },
    {
      name: "/sbin path on 2.3.4",
      settings: { keepalivedVersion: "2.3.4" },
      files: { "keepalived.conf": config("/sbin/ip link") },
      realTool: "Disabling track script chk_haproxy due to insecure",
      expect: [{ line: 6, messageId: "disabled" }],
    },
  ],
});
