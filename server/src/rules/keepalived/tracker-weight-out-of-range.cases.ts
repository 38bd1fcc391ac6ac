import { defineCases } from "../rule.js";
import type rule from "./tracker-weight-out-of-range.js";
import { OPEN_VI_1, SCRIPT_SECURITY, SCRIPT_USER_FIRST, TRACK_CHK_HAPROXY, VIP_10 } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "weights in range",
      files: {
        "keepalived.conf": `${SCRIPT_SECURITY}vrrp_script chk {
  script "/usr/bin/test -e /run/haproxy.pid"
  weight -253
}
${OPEN_VI_1}  priority 100
  track_script {
    chk weight 253
  }
  track_interface {
    lo weight -50
  }
${VIP_10}}
`,
      },
    },
  ],
  invalid: [
    {
      name: "script weight -300",
      files: {
        "keepalived.conf": `${SCRIPT_USER_FIRST}vrrp_script chk_haproxy {
  script "/usr/bin/test -e /run/haproxy.pid"
  weight -300
}
${OPEN_VI_1}  priority 100
${TRACK_CHK_HAPROXY}${VIP_10}}
`,
      },
      realTool: "vrrp_script chk_haproxy weight -300 must be in \\[-253, 253\\]",
      expect: [{ line: 7, messageId: "weightOutOfRange" }],
    },
    {
      name: "track_script 254 and track_interface 300",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/usr/bin/test -e /run/haproxy.pid"
}
${OPEN_VI_1}  priority 100
  track_script {
    chk weight 254
  }
  track_interface {
    ifb0 weight 300
  }
}
`,
      },
      realTool: "weight for chk cannot be \\+/-254",
      expect: [
        { line: 9, messageId: "scriptWeightClamped" },
        { line: 12, messageId: "interfaceWeightInvalid" },
      ],
    },
    {
      name: "a vrrp_script weight that is no number, and a track_script override of 300",
      files: {
        "keepalived.conf": `vrrp_script chk {
  script "/usr/bin/test -e /run/haproxy.pid"
  weight abc
}
vrrp_script chk_other {
  script "/usr/bin/test -e /run/other.pid"
}
${OPEN_VI_1}  priority 100
  track_script {
    chk
    chk_other weight 300
  }
}
`,
      },
      expect: [
        { line: 3, messageId: "weightNotNumber" },
        { line: 14, messageId: "scriptWeightInvalid" },
      ],
    },
    {
      name: "track_interface -254, track_file and track_process 300",
      files: {
        "keepalived.conf": `vrrp_track_file flag {
  file /run/ha-lint-flag
}
vrrp_track_process haproxy {
  process haproxy
}
${OPEN_VI_1}  priority 100
  track_interface {
    ifb0 weight -254
  }
  track_file {
    flag weight 300
  }
  track_process {
    haproxy weight 300
  }
}
`,
      },
      expect: [
        { line: 12, messageId: "interfaceWeightClamped" },
        { line: 15, messageId: "fileWeightInvalid" },
        { line: 18, messageId: "processWeightInvalid" },
      ],
    },
    {
      name: "the own weight of vrrp_track_process and track_file blocks",
      files: {
        "keepalived.conf": `vrrp_track_process tp1 {
    process haproxy
    weight 300
}
vrrp_track_process tp2 {
    process haproxy
    weight 0
    weight -255
}
track_file tf1 {
    file /run/keepalived-tf1
    weight ten
}
track_file tf2 {
    file /run/keepalived-tf2
    weight 10
    weight 300
}
`,
      },
      realTool:
        "(?=[^]*Weight \\(300\\) for vrrp_track_process tp1 must be between \\[-254..254\\] inclusive)" +
        "[^]*Weight \\(ten\\) for track_file tf1 must be between",
      expect: [
        { line: 3, messageId: "trackerBlockWeightInvalid" },
        { line: 8, messageId: "trackerBlockWeightInvalid" },
        { line: 12, messageId: "trackerBlockWeightInvalid" },
      ],
    },
  ],
});
