import { defineRule } from "../rule.js";
import { examplePair } from "./example-pair.js";
import { routers } from "./router-view.js";

export default defineRule({
  id: "HA018",
  name: "nopreempt-weighted-tracker",
  severity: "warning",
  scope: "cluster",
  docs: {
    summary: "nopreempt is in effect while the HAProxy check only changes the priority (a non-zero weight).",
    description:
      "For every node where nopreempt is in effect (state BACKUP, priority below 255), reports HAProxy trackers with a non-zero weight: the cluster view of KA030.",
    why: "With nopreempt a backup never takes over from a live master, whatever the priorities, so a weighted HAProxy check can never move the VIP; only FAULT (weight 0), stopping keepalived or the node's death can. keepalived's maintainers answer exactly this in #2483 and #2599: remove the weight so the instance goes to FAULT.",
    sources: [
      "keepalived issues #2483, #2599",
      "keepalived vrrp/vrrp.c vrrp_state_backup()",
      "SEMANTICS.md 1.4, seed 4 (verified live)",
    ],
    bad: "vrrp_script chk_haproxy {\n    weight -30\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    nopreempt\n}\n",
    good: "vrrp_script chk_haproxy {\n    weight 0      # failure -> FAULT, which nopreempt does not block\n}\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      for (const m of view.members) {
        const t = view.simulation.trackers.get(m)!;
        if (!t.nopreempt || view.members.length < 2) continue;
        for (const a of t.active) {
          if (!a.watchesHaproxy || a.weight === 0) continue;
          const where = a.script?.weightLocation ?? a.location;
          ctx.report({
            file: where.file,
            range: where.range,
            message: `${m.node.name} has nopreempt, and '${a.name}' only changes the priority (weight ${a.weight}): no backup takes over from a live master, so a failed HAProxy never moves the VIP. Use weight 0 (FAULT) for the HAProxy check, or drop nopreempt.`,
            related: [{ file: m.instance.nopreempt!.file, range: m.instance.nopreempt!.range, message: "nopreempt" }],
          });
        }
      }
    }
  },
  cases: {
    valid: [
      {
        name: "nopreempt with weight 0",
        files: examplePair({ state: "BACKUP", nopreempt: true, weight: 0 }, { nopreempt: true, weight: 0 }),
      },
    ],
    invalid: [
      {
        name: "nopreempt with weight -30",
        files: examplePair({ state: "BACKUP", nopreempt: true }, { nopreempt: true }),
        expect: [
          { line: 11, file: "lb01/keepalived.conf", message: "nopreempt" },
          { line: 11, file: "lb02/keepalived.conf", message: "nopreempt" },
        ],
      },
    ],
  },
});
