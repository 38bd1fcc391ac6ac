import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA023",
  name: "priority-out-of-range",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "`priority` is not an integer between 1 and 255; keepalived uses 100 instead.",
    description:
      "Reports a vrrp_instance `priority` whose value is not an integer in 1..255 (0, 256, 300, -5, 'high', 1.5).",
    why:
      "keepalived reports the value and falls back to the default priority 100. The election then no longer follows " +
      "the plan: a node meant to be preferred with 300 competes at 100, typically equal to its peer, and the initial " +
      "master depends on timing.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_prio_handler() at v2.2.7: read_unsigned_strvec(strvec, 1, " +
        "&base_priority, 1, VRRP_PRIO_OWNER, false), else 'Priority not valid! must be between 1 & 255. Using default " +
        "100' and base_priority = VRRP_PRIO_DFL",
      "RFC 3768 section 5.3.4",
    ],
    bad: "vrrp_instance VI_1 {\n    priority 300\n}\n",
    good: "vrrp_instance VI_1 {\n    priority 200\n}\n",
    realTool:
      "keepalived -t reports \"number '300' outside range [1, 255]\" and '(VI_1) Priority not valid! must be " +
      "between 1 & 255. Using default 100' on the line (exit 5).",
    reportedBy: "keepalived -t",
  },
  messages: {
    invalid: (data: { problem: string }) =>
      `priority ${data.problem}: keepalived uses 100 instead (set a value between 1 and 254, or 255 only for the ` +
      `address owner)`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const p = inst.priority;
        if (!p) continue;
        const v = p.value;
        if (Number.isInteger(v) && v >= 1 && v <= 255) continue;
        const problem = Number.isNaN(v) ? "is not a number" : `${v} is outside 1..255`;
        ctx.report({ ...at(p.location), messageId: "invalid", data: { problem } });
      }
    }
  },
});
