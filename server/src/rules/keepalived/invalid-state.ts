import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA007",
  name: "invalid-state",
  severity: "error",
  scope: "keepalived",
  docs: {
    summary: "`state` is not exactly MASTER or BACKUP.",
    description:
      "Reports a vrrp_instance `state` whose value is not one of the two upper-case words keepalived accepts (`master`, `Master`, `MAIN`, ...). Offers the upper-case spelling as a fix when the intent is clear.",
    why: "keepalived compares the state case-sensitively. Anything else is reported as 'unknown state' and the instance starts as BACKUP, so the node meant to start as master does not, and priority-only assumptions about the initial owner break.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_state_handler() 'unknown state '%s', defaulting to BACKUP'",
      "keepalived.conf(5) vrrp_instance state MASTER|BACKUP",
    ],
    bad: "vrrp_instance VI_1 {\n    state master\n}\n",
    good: "vrrp_instance VI_1 {\n    state MASTER\n}\n",
    realTool: "keepalived -t reports \"unknown state 'master', defaulting to BACKUP\" (rc 5).",
    reportedBy: "keepalived -t",
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const state = inst.state;
        if (!state || state.value === "MASTER" || state.value === "BACKUP") continue;
        const upper = state.value.toUpperCase();
        const meant = upper === "MASTER" || upper === "BACKUP" ? upper : undefined;
        ctx.report({
          ...at(state.location),
          message: `state '${state.value}' is not MASTER or BACKUP (keepalived compares case-sensitively); keepalived starts ${inst.name} as BACKUP${meant ? ` (write 'state ${meant}')` : " (use MASTER or BACKUP)"}`,
          fixes: meant
            ? [
                {
                  description: `Write 'state ${meant}'`,
                  safe: true,
                  edits: [{ file: state.location.file, range: state.location.range, newText: meant }],
                },
              ]
            : undefined,
        });
      }
    }
  },
  cases: {
    valid: [
      {
        name: "upper case",
        files: {
          "keepalived.conf":
            "vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 150\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n",
        },
      },
    ],
    invalid: [
      {
        name: "lower case master",
        files: {
          "keepalived.conf":
            "vrrp_instance VI_1 {\n  state master\n  interface eth0\n  virtual_router_id 51\n  priority 150\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n",
        },
        realTool: "unknown state 'master', defaulting to BACKUP",
        expect: [{ line: 2, message: "write 'state MASTER'" }],
      },
      {
        name: "made-up state",
        files: {
          "keepalived.conf": "vrrp_instance VI_1 {\n  state PRIMARY\n  interface eth0\n  virtual_router_id 51\n}\n",
        },
        expect: [{ line: 2, message: "starts VI_1 as BACKUP" }],
      },
    ],
  },
});
