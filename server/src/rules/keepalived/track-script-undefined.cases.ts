import { defineCases } from "../rule.js";
import type rule from "./track-script-undefined.js";
import {
  CHK_HAPROXY,
  OPEN_BACKUP_VI_1,
  OPEN_VI_1,
  SCRIPT_SECURITY,
  TRACK_CHK_HAPROXY,
  VIP_10,
} from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "a vrrp_script without its name stops keepalived before the instance (KA046)",
      files: {
        "keepalived.conf": `vrrp_script {
  script "/usr/bin/true"
}
${OPEN_VI_1}  priority 100
${VIP_10}${TRACK_CHK_HAPROXY}}
`,
      },
    },
    {
      name: "script defined before the instance",
      files: {
        "keepalived.conf": `${SCRIPT_SECURITY}${CHK_HAPROXY}${OPEN_BACKUP_VI_1}  priority 100
${VIP_10}${TRACK_CHK_HAPROXY}}
`,
      },
    },
  ],
  invalid: [
    {
      name: "script defined after the instance",
      files: {
        "keepalived.conf": `${SCRIPT_SECURITY}${OPEN_BACKUP_VI_1}  priority 100
${VIP_10}${TRACK_CHK_HAPROXY}}
${CHK_HAPROXY}`,
      },
      realTool: "track script chk_haproxy not found, ignoring",
      expect: [{ line: 14, messageId: "definedAfter" }],
    },
    {
      name: "typo in the tracked name",
      files: {
        "keepalived.conf": `vrrp_script chk_haproxy {
  script "/usr/bin/test -e /run/haproxy.pid"
}
${OPEN_VI_1}${VIP_10}  track_script {
    chk_haproxi
  }
}
`,
      },
      realTool: "track script chk_haproxi not found",
      expect: [{ line: 11, messageId: "notFound" }],
    },
    {
      name: "vrrp_script without a script line, tracked by a sync group",
      files: {
        "keepalived.conf": `vrrp_script chk {
  interval 2
}
${OPEN_VI_1}${VIP_10}}
vrrp_sync_group G1 {
  group {
    VI_1
  }
  track_script {
    chk
  }
}
`,
      },
      expect: [{ line: 16, messageId: "removed" }],
    },
    {
      name: "the tracked script runs as the default user, which this machine lacks",
      files: {
        "keepalived.conf": `global_defs {
  enable_script_security
}
vrrp_script chk_haproxy {
  script "/usr/bin/test -e /run/haproxy.pid"
  weight -30
}
${OPEN_VI_1}  priority 100
${VIP_10}${TRACK_CHK_HAPROXY}}
`,
      },
      withRules: ["KA003"],
      realTool: "track script chk_haproxy not found, ignoring",
      expect: [{ line: 16, messageId: "removedForUser" }],
    },
  ],
});
