import type { Location } from "../../syntax/source.js";
import { defineRule } from "../rule.js";

export default defineRule({
  id: "HA019",
  name: "sync-group-priority-order",
  severity: "warning",
  scope: "cluster",
  docs: {
    summary: "Members of a vrrp_sync_group prefer different nodes.",
    description:
      "For instances that are in a sync group on the nodes, compares which node has the higher priority for each " +
      "member: a sync group whose members favour different nodes.",
    why:
      "A sync group moves its members together; when one member's priorities favour lb01 and another's favour lb02, " +
      "each election pulls the group to a different node and the group keeps re-electing (the man page warns of " +
      "'constant re-elections').",
    sources: ["keepalived.conf(5) vrrp_sync_group"],
    bad: "# lb01: VI_1 priority 120, VI_2 priority 100\n# lb02: VI_1 priority 100, VI_2 priority 120\n",
    good: "# lb01: 120 and 120; lb02: 100 and 100\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  messages: {
    preferredNodesDiffer: (data: { router: string; preferred: string; otherRouter: string; otherPreferred: string }) =>
      `sync group members disagree on the preferred node: ${data.router} prefers ${data.preferred} but ` +
      `${data.otherRouter} prefers ${data.otherPreferred}; the group is pulled both ways and keeps re-electing. ` +
      `Order the priorities the same way for every member.`,
  },
  check(ctx) {
    for (const cs of ctx.simulations) {
      const grouped = cs.routers.filter(
        (r) => r.router.members.every((m) => m.instance.syncGroup !== undefined) && r.router.members.length >= 2,
      );
      for (let i = 0; i < grouped.length; i++) {
        for (let j = i + 1; j < grouped.length; j++) {
          const a = grouped[i];
          const b = grouped[j];
          const nodes = a.router.members.map((m) => m.node).filter((n) => b.router.members.some((m) => m.node === n));
          for (let x = 0; x < nodes.length; x++) {
            for (let y = x + 1; y < nodes.length; y++) {
              const pa = (r: typeof a, n: (typeof nodes)[number]) => {
                const member = r.router.members.find((m) => m.node === n);
                if (!member) throw new Error(`${n.name} is in both routers by construction`);
                return member.instance;
              };
              const da = Math.sign(pa(a, nodes[x]).basePriority - pa(a, nodes[y]).basePriority);
              const db = Math.sign(pa(b, nodes[x]).basePriority - pa(b, nodes[y]).basePriority);
              if (da === 0 || db === 0 || da === db) continue;
              const loc: Location = pa(b, nodes[y]).priority?.location ?? pa(b, nodes[y]).nameLocation;
              ctx.report({
                file: loc.file,
                range: loc.range,
                messageId: "preferredNodesDiffer",
                data: {
                  router: a.router.name,
                  preferred: da > 0 ? nodes[x].name : nodes[y].name,
                  otherRouter: b.router.name,
                  otherPreferred: db > 0 ? nodes[x].name : nodes[y].name,
                },
                related: [
                  {
                    file: (pa(a, nodes[y]).priority?.location ?? pa(a, nodes[y]).nameLocation).file,
                    range: (pa(a, nodes[y]).priority?.location ?? pa(a, nodes[y]).nameLocation).range,
                    message: `${a.router.name} on ${nodes[y].name}`,
                  },
                ],
              });
            }
          }
        }
      }
    }
  },
});
