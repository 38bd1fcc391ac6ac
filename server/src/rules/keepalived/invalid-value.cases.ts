import { defineCases } from "../rule.js";
import type rule from "./invalid-value.js";
import { instanceWith as instance } from "./example-configs.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "values in range, on/off words, known words",
      files: {
        "keepalived.conf": `global_defs {
  vrrp_version 3
  vrrp_garp_master_delay 5
}
${instance(`  garp_lower_prio_repeat 5
  debug 4
  advert_int 0.5
  lower_prio_no_advert on
  garp_master_refresh 60
`)}`,
      },
    },
    {
      name: "a number in double quotes with leading blanks (lib/parser.c skips them)",
      files: {
        "keepalived.conf": instance(`  debug "  3"
`),
      },
    },
  ],
  invalid: [
    {
      name: "out of range, negative, beyond the unsigned range",
      files: {
        "keepalived.conf": instance(`  unicast_ttl 300
  debug -1
  garp_master_repeat 99999999999
`),
      },
      realTool: "number '300' outside range \\[0, 255\\]",
      expect: [
        { line: 5, column: 15, messageId: "numberRefused" },
        { line: 6, messageId: "numberRefused" },
        { line: 7, messageId: "numberRefused" },
      ],
    },
    {
      name: "trailing text: refused by -t, leading digits kept by the daemon (ignore_error)",
      files: {
        "keepalived.conf": instance(`  garp_master_refresh 1.5
`),
      },
      realTool: "invalid number '1.5'",
      expect: [{ line: 5, messageId: "numberTakenByDaemon" }],
    },
    {
      name: "a decimal with too many places and out of range",
      files: {
        "keepalived.conf": instance(`  advert_int 0.0000005
`),
      },
      realTool: "has too many decimal places",
      expect: [{ line: 5, messageId: "numberRefused" }],
    },
    {
      name: "a decimal with too many places, rounded",
      files: {
        "keepalived.conf": instance(`  preempt_delay 1.00000051
  state BACKUP
`),
      },
      realTool: "number '1.00000051' has too many decimal places",
      expect: [{ line: 5, messageId: "numberRounded" }],
    },
    {
      name: "a decimal with trailing text: keepalived -t reports it and still takes a value",
      files: {
        "keepalived.conf": instance(`  preempt_delay 5000000x
`),
      },
      realTool: "invalid number '5000000x'",
      expect: [{ line: 5, messageId: "numberLeadingDigits" }],
    },
    {
      name: "global_defs values",
      files: {
        "keepalived.conf": `global_defs {
  vrrp_version 4
  vrrp_garp_master_delay 5x
}
${instance("")}`,
      },
      realTool: "Version must be either 2 or 3",
      expect: [
        { line: 2, messageId: "numberRefused" },
        { line: 3, messageId: "numberTakenByDaemon" },
      ],
    },
    {
      name: "not an on/off word",
      files: {
        "keepalived.conf": instance(`  lower_prio_no_advert sometimes
`),
      },
      realTool: "invalid lower_prio_no_advert sometimes specified",
      expect: [{ line: 5, messageId: "notOnOff" }],
    },
    {
      name: "not one of the words of the keyword",
      files: {
        "keepalived.conf": instance(`  authentication {
    auth_type SECRET
    auth_pass abc
  }
`),
      },
      realTool: "unknown authentication type 'SECRET'",
      expect: [{ line: 6, messageId: "notOneOf" }],
    },
    {
      name: "a vrrp_track_process delay out of range (read in vrrp_tprocess_delay_general())",
      files: {
        "keepalived.conf": "vrrp_track_process tp1 {\n    process haproxy\n    delay 0\n    fork_delay 4000\n}\n",
      },
      realTool: "(?=[^]*delay \\(0\\) for vrrp_track_process tp1 must be between)[^]*fork_delay \\(4000\\)",
      expect: [
        { line: 3, messageId: "numberRefused" },
        { line: 4, messageId: "numberRefused" },
      ],
    },
  ],
});
