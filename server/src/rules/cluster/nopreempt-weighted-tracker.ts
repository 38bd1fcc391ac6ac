import { defineRule } from "../rule.js";
import { trackersOf } from "../../simulate/scenarios.js";
import { hasNopreempt, routers } from "./router-view.js";

export default defineRule({
  id: "HA018",
  name: "nopreempt-weighted-tracker",
  severity: "warning",
  scope: "cluster",
  docs: {
    summary:
      "Every other node has nopreempt while this node's HAProxy check only changes the priority: its failure never " +
      "moves the VIP.",
    description:
      "For each node's HAProxy tracker with a non-zero weight, checks the nodes that would have to take over: when " +
      "nopreempt is in effect on every other node of the virtual router (state BACKUP, priority below 255), a " +
      "failure of that check while the node holds the VIP moves nothing. The cluster view of KA030.",
    why:
      "With nopreempt a backup never takes over from a live master, whatever the priorities, so a weighted HAProxy " +
      "check can never move the VIP; only FAULT (weight 0), stopping keepalived or the node's death can. keepalived's " +
      "maintainers answer exactly this in #2483 and #2599: remove the weight so the instance goes to FAULT.",
    sources: [
      "keepalived 2.2.7 keepalived/vrrp/vrrp.c vrrp_state_backup() (with nopreempt a backup accepts every advert of " +
        "a live master), vrrp_complete_instance() (nopreempt cleared with state MASTER or priority 255)",
      "keepalived issues #2483, #2599",
      "SEMANTICS.md 1.4, seed 4 (verified live)",
    ],
    bad: "vrrp_script chk_haproxy {\n    weight -30\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    nopreempt\n}\n",
    good: "vrrp_script chk_haproxy {\n    weight 0      # failure -> FAULT, which nopreempt does not block\n}\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  messages: {
    neverMoves: (data: { node: string; check: string; weight: number; others: string }) =>
      `'${data.check}' on ${data.node} only changes the priority (weight ${data.weight}), and ${data.others} ` +
      `${data.others.includes(",") ? "have" : "has"} nopreempt: a backup with nopreempt never takes over from a live ` +
      `master, so when HAProxy fails while ${data.node} holds the VIP, the VIP stays there. Use weight 0 (FAULT) for ` +
      `the HAProxy check, or drop nopreempt.`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      if (view.members.length < 2) continue;
      for (const m of view.members) {
        const others = view.members.filter((x) => x.node !== m.node);
        if (!others.every((x) => trackersOf(view.simulation.trackers, x).nopreempt)) continue;
        for (const a of trackersOf(view.simulation.trackers, m).active) {
          if (!a.watchesHaproxy || a.weight === 0) continue;
          const where = a.script?.weightLocation ?? a.location;
          ctx.report({
            file: where.file,
            range: where.range,
            messageId: "neverMoves",
            data: {
              node: m.node.name,
              check: a.name,
              weight: a.weight,
              others: others.map((x) => x.node.name).join(", "),
            },
            related: others.filter(hasNopreempt).map((x) => ({
              file: x.instance.nopreempt.file,
              range: x.instance.nopreempt.range,
              message: `${x.node.name}: nopreempt`,
            })),
          });
        }
      }
    }
  },
});
