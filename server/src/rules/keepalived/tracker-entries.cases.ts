import { defineCases } from "../rule.js";
import type rule from "./tracker-entries.js";
import { SCRIPT_SECURITY } from "./example-configs.js";

const head = `${SCRIPT_SECURITY}vrrp_script chk {
  script "/usr/bin/true"
}
vrrp_track_process haproxy_proc {
  process haproxy
}
`;
const instance = (name: string, vrid: number, tracks: string): string => `vrrp_instance ${name} {
  interface eth0
  virtual_router_id ${vrid}
  priority 100
  virtual_ipaddress {
    192.0.2.${vrid}/24
  }
${tracks}}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "entries keepalived takes",
      files: {
        "keepalived.conf": `${head}${instance(
          "VI_1",
          51,
          `  track_script {
    chk weight -20 reverse
  }
  track_process {
    haproxy_proc weight -30
  }
  track_interface {
    lo weight 10 reverse
  }
`,
        )}`,
      },
    },
  ],
  invalid: [
    {
      name: "a duplicate, a weight without value, an undefined process, a word interfaces do not take",
      files: {
        "keepalived.conf": `${head}${instance(
          "VI_1",
          51,
          `  track_script {
    chk
    chk weight 10
  }
  track_process {
    haproxy_proc weight
    other_proc
  }
  track_interface {
    lo weight 10 noreverse
  }
`,
        )}`,
      },
      realTool: "track process other_proc not found, ignoring",
      expect: [
        { line: 20, messageId: "duplicate" },
        { line: 23, messageId: "weightWithoutValue" },
        { line: 24, messageId: "notDefined" },
        { line: 27, column: 18, messageId: "unknownWeightOption" },
      ],
    },
    {
      name: "an option other than weight",
      files: {
        "keepalived.conf": `${head}${instance(
          "VI_2",
          52,
          `  track_script {
    chk timeout 10
  }
`,
        )}`,
      },
      realTool: "unknown track script option timeout - ignoring",
      expect: [{ line: 19, messageId: "unknownOption" }],
    },
  ],
});
