import { defineRule } from "../rule.js";
import { trackersOf } from "../../simulate/scenarios.js";
import { hasNopreempt, related, routers } from "./router-view.js";

export default defineRule({
  id: "HA002",
  name: "nopreempt-inconsistent",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "nopreempt is cleared on every node (all state MASTER), or set on only some of them.",
    description:
      "Looks at nopreempt across the nodes of a virtual router. With `state MASTER` (or priority 255) keepalived " +
      "clears nopreempt, so when every node says state MASTER + nopreempt there is no nopreempt at all; when only " +
      "some nodes have it, the VIP fails back to the others but not to them.",
    why:
      "People add nopreempt to avoid a second switch when the old master returns. keepalived only honours it on nodes " +
      "that start as BACKUP with a priority below 255 (vrrp_complete_instance() clears it otherwise, with a warning " +
      "in the log), and it only matters on the node that would take over, so a half-configured pair behaves " +
      "differently depending on which node failed.",
    sources: [
      "keepalived vrrp/vrrp.c vrrp_complete_instance() ('nopreempt will not work with initial state MASTER - clearing')",
      "keepalived.conf(5) nopreempt",
      "SEMANTICS.md 1.4 (verified live)",
    ],
    bad: "# lb01 and lb02 both:\nstate MASTER\nnopreempt\n",
    good: "# lb01 and lb02 both:\nstate BACKUP\nnopreempt\n",
    realTool: "keepalived -t on each node prints the clearing warning; nothing looks at both nodes.",
    reportedBy: "none",
  },
  messages: {
    noEffectAnywhere: (data: { router: string; nodes: string }) =>
      `nopreempt has no effect on any node of ${data.router}: keepalived clears it where the initial state is MASTER ` +
      `or the priority is 255 (${data.nodes}). Use state BACKUP on every node that should not preempt.`,
    inconsistent: (data: { effective: string; without: string; cleared: string; withoutCount: number }) =>
      `nopreempt is in effect on ${data.effective} but not on ${data.without}${data.cleared}: ${data.without} still ` +
      `take${data.withoutCount === 1 ? "s" : ""} the VIP back whenever ${data.withoutCount === 1 ? "its" : "their"} ` +
      `priority is higher, the others never do, so whether the VIP moves back after a recovery depends on which ` +
      `node failed. Set the same preemption policy (state BACKUP + nopreempt) on every node.`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      const withFlag = view.members.filter(hasNopreempt);
      if (withFlag.length === 0 || view.members.length < 2) continue;
      const effective = withFlag.filter((m) => trackersOf(view.simulation.trackers, m).nopreempt);
      if (effective.length === 0) {
        const first = withFlag[0];
        ctx.report({
          file: first.instance.nopreempt.file,
          range: first.instance.nopreempt.range,
          messageId: "noEffectAnywhere",
          data: { router: view.simulation.router.name, nodes: withFlag.map((m) => m.node.name).join(", ") },
          related: withFlag.slice(1).map((m) => related(m.instance.nopreempt, `${m.node.name}: nopreempt cleared`)),
        });
        continue;
      }
      const without = view.members.filter((m) => !effective.some((x) => x === m));
      if (without.length > 0) {
        const m = without[0];
        const where = m.instance.nopreempt ?? m.instance.nameLocation;
        ctx.report({
          file: where.file,
          range: where.range,
          messageId: "inconsistent",
          data: {
            effective: effective.map((x) => x.node.name).join(", "),
            without: without.map((x) => x.node.name).join(", "),
            cleared: m.instance.nopreempt ? " (cleared: state MASTER or priority 255)" : "",
            withoutCount: without.length,
          },
          related: effective.map((x) => related(x.instance.nopreempt, `${x.node.name}: nopreempt in effect`)),
        });
      }
    }
  },
});
