import { defineRule } from "../rule.js";
import { memberPairs, priorityLoc, related, routers } from "./router-view.js";

export default defineRule({
  id: "HA010",
  name: "equal-priorities",
  severity: "warning",
  scope: "cluster",
  docs: {
    summary: "Two nodes of a virtual router have the same base priority, or the same healthy effective priority.",
    description:
      "Compares base priorities and the effective priorities of the healthy baseline between the nodes of each " +
      "virtual router.",
    why:
      "With equal priorities who becomes MASTER depends on timing: keepalived 2.2.7 vrrp.c vrrp_state_backup() does " +
      "not preempt a MASTER whose advert has the same priority, and vrrp_state_master_rx() settles two MASTERs by the " +
      "higher source address only when both are MASTER at once; and a failure that drops the master to the backup's " +
      "priority moves nothing. The keepalived maintainers advise distinct priorities on every node.",
    sources: [
      "keepalived vrrp/vrrp.c vrrp_state_backup(), vrrp_state_master_rx()",
      "keepalived issue #1515",
      "SEMANTICS.md 1.4, seed 1b (verified live)",
    ],
    bad: "# lb01: priority 100\n# lb02: priority 100\n",
    good: "# lb01: priority 110\n# lb02: priority 100\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  messages: {
    equalPriority: (data: { name: string; nodeName: string; what: string; routerName: string }) =>
      `${data.name} and ${data.nodeName} have ${data.what} on ${data.routerName}: a BACKUP never preempts a MASTER ` +
      `of equal priority, so whichever node became MASTER first keeps the VIP (start-up order decides; only two ` +
      `MASTERs at once settle it by the higher source address). Give every node a distinct priority.`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      const reported = new Set<string>();
      for (const [a, b] of memberPairs(view.members)) {
        const pa = a.instance.basePriority;
        const pb = b.instance.basePriority;
        const ea = view.simulation.baseline.priorities[a.node.name];
        const eb = view.simulation.baseline.priorities[b.node.name];
        let what: string | undefined;
        if (pa === pb) what = `the same priority ${pa}`;
        else if (ea !== null && ea === eb)
          what = `different base priorities (${pa}, ${pb}) but the same healthy effective priority ${ea}`;
        if (!what) continue;
        const key = `${b.node.name}`;
        if (reported.has(key)) continue;
        reported.add(key);
        ctx.report({
          file: priorityLoc(b.instance).file,
          range: priorityLoc(b.instance).range,
          messageId: "equalPriority",
          data: { name: b.node.name, nodeName: a.node.name, what, routerName: view.simulation.router.name },
          related: [related(priorityLoc(a.instance), `${a.node.name}: priority ${pa}`)],
        });
      }
    }
  },
});
