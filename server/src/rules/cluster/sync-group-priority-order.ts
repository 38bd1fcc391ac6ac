import type { Location } from "../../syntax/source.js";
import { defineRule } from "../rule.js";

const node = (prio1: number, prio2: number, state: string): string =>
  `vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n    }\n}\nvrrp_instance VI_1 {\n` +
  `    state ${state}\n    interface eth0\n    virtual_router_id 51\n    priority ${prio1}\n` +
  `    virtual_ipaddress {\n        192.0.2.100/24\n    }\n}\nvrrp_instance VI_2 {\n    state ${state}\n` +
  `    interface eth1\n    virtual_router_id 52\n    priority ${prio2}\n    virtual_ipaddress {\n` +
  `        198.51.100.100/24\n    }\n}\n`;

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
                message: `sync group members disagree on the preferred node: ${a.router.name} prefers ${da > 0 ? nodes[x].name : nodes[y].name} but ${b.router.name} prefers ${db > 0 ? nodes[x].name : nodes[y].name}; the group is pulled both ways and keeps re-electing. Order the priorities the same way for every member.`,
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
  cases: {
    valid: [
      {
        name: "same order",
        files: { "lb01/keepalived.conf": node(120, 120, "MASTER"), "lb02/keepalived.conf": node(100, 100, "BACKUP") },
      },
    ],
    invalid: [
      {
        name: "crossed priorities",
        files: { "lb01/keepalived.conf": node(120, 100, "MASTER"), "lb02/keepalived.conf": node(100, 120, "BACKUP") },
        expect: [{ line: 20, file: "lb02/keepalived.conf", message: "keeps re-electing" }],
      },
    ],
  },
});
