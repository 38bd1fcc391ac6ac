import type { TextEdit } from "../finding.js";
import { defineRule } from "../rule.js";
import { trackersOf, type Member, type ScenarioOutcome, type Tracker, type WeightFix } from "../../simulation.js";
import { related, routers, type RouterView } from "./router-view.js";

function priorities(o: ScenarioOutcome): string {
  return Object.entries(o.priorities)
    .map(([n, p]) => `${n} ${p ?? o.states[n]}`)
    .join(", ");
}

export default defineRule({
  id: "HA001",
  name: "failover-not-triggered",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "When HAProxy fails on the VIP holder, no other node takes the VIP over.",
    description:
      "Simulates each HAProxy health check (vrrp_script or track_process that watches haproxy) failing on the node " +
      "that holds the VIP, with keepalived's own rules: effective priority = base + weights (clamped to 1..254, " +
      "never for priority 255), a backup takes over only with a strictly higher priority and without nopreempt, " +
      "trackers dropped at start-up (undefined or late scripts, script security without a user, sync groups without " +
      "sync_group_tracking_weight) count for nothing. Reports the scenario, the priorities on every node and the " +
      "smallest weight that would make the failover happen.",
    why:
      "This is the classic keepalived + HAProxy outage: the check detects that HAProxy is dead, the master's " +
      "priority drops, but not below the backup's, so the VIP stays on a node that serves nothing. keepalived " +
      "preempts only on strictly higher priority (vrrp.c vrrp_state_backup()), equal priority never preempts, and nopreempt blocks " +
      "weighted failover entirely.",
    sources: [
      "keepalived vrrp/vrrp_track.c vrrp_set_effective_priority()",
      "keepalived vrrp/vrrp.c vrrp_state_backup(), vrrp_state_master_rx()",
      "keepalived issues #2599, #2483 (nopreempt with weights)",
      "SEMANTICS.md 1.3-1.4 (verified live with keepalived 2.2.7)",
    ],
    bad:
      '# lb01: priority 100, lb02: priority 90\nvrrp_script chk_haproxy {\n    script "/usr/bin/pgrep -x haproxy"\n' +
      "    weight 2      # healthy lb01 102, failed 100: still above lb02's 92\n}\n",
    good:
      'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep -x haproxy"\n' +
      "    weight -30    # failed lb01 70 < lb02 90: lb02 takes over\n}\n",
    realTool: "Neither keepalived -t nor haproxy -c can see it: each file is valid on its own.",
    reportedBy: "none",
  },
  messages: {
    trackerDropped: (data: { tracker: string | undefined; node: string; reason: string; vip: string; rule: string }) =>
      `when ${data.tracker} fails on ${data.node} (the VIP holder), nothing happens: keepalived does not use this ` +
      `tracker (${data.reason}), so ${data.vip} stays on ${data.node} with HAProxy down. Fix the cause (${data.rule}).`,
    noTakeover: (data: { tracker: string | undefined; node: string; vip: string; why: string }) =>
      `failover does not happen: when ${data.tracker} fails on ${data.node} (the VIP holder) no other node can take ` +
      `${data.vip} over: ${data.why}. Fix that node first.`,
    priorityGapTooSmall: (data: {
      tracker: string | undefined;
      node: string;
      why: string;
      vip: string;
      priorities: string;
      advice: string;
    }) =>
      `failover does not happen: when ${data.tracker} fails on ${data.node} (the VIP holder), ${data.why}; ` +
      `${data.vip} stays on a node whose HAProxy is down (priorities: ${data.priorities}).${data.advice}`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      // A virtual router with one node has no backup to fail over to: that is a single-node setup, not this rule's
      // case.
      if (new Set(view.members.map((m) => m.node)).size < 2) continue;
      for (const outcome of view.simulation.failures) {
        if (outcome.verdict !== "no-failover") continue;
        const fault = outcome.faults[0];
        const member = view.members.find((m) => m.node.name === fault.node);
        if (!member) continue; // a failure scenario fails a member of this router
        const trackers = trackersOf(view.simulation.trackers, member);
        const active = trackers.active.find((a) => a.name === fault.name);
        const dropped = trackers.dropped.find((d) => d.name === fault.name);
        const vip = member.instance.vips.map((v) => v.text).join(", ") || "the VIP";
        const others = view.members.filter((m) => m !== member);
        const relatedPlaces = others.map((m) =>
          related(
            m.instance.priority?.location ?? m.instance.nameLocation,
            `${m.node.name}: base priority ${m.instance.basePriority}`,
          ),
        );
        if (!active && dropped) {
          ctx.report({
            file: dropped.location.file,
            range: dropped.location.range,
            messageId: "trackerDropped",
            data: { tracker: fault.name, node: fault.node, reason: dropped.reason, vip, rule: dropped.rule },
            related: relatedPlaces,
          });
          continue;
        }
        if (!active) continue;
        const unable = nobodyCanTakeOver(view, outcome, others);
        if (unable !== undefined) {
          ctx.report({
            file: (active.script?.weightLocation ?? active.location).file,
            range: (active.script?.weightLocation ?? active.location).range,
            messageId: "noTakeover",
            data: { tracker: fault.name, node: fault.node, vip, why: unable },
            related: relatedPlaces,
          });
          continue;
        }
        const weights: WeightFix = view.simulation.weightFixes.get(outcome.id) ?? { zero: false };
        const options = weightOptions(weights);
        // Keep the sign the operator chose: a bonus stays a bonus, a penalty a penalty.
        const fixWeight =
          active.weight > 0 ? (weights.positive ?? weights.negative) : (weights.negative ?? weights.positive);
        const edits = fixWeight === undefined ? [] : weightEdits(view, active, fixWeight);
        const where = active.script?.weightLocation ?? active.location;
        ctx.report({
          file: where.file,
          range: where.range,
          messageId: "priorityGapTooSmall",
          data: {
            tracker: fault.name,
            node: fault.node,
            why: gapReason(view, outcome, others),
            vip,
            priorities: priorities(outcome),
            advice:
              options.length > 0
                ? ` Use ${options.join(", or ")} on '${active.name}'.`
                : " No weight fixes this: use weight 0 and remove nopreempt, or fix the priorities.",
          },
          related: [related(active.location, `${fault.node} tracks ${active.name} here`), ...relatedPlaces],
          fixes:
            edits.length > 0
              ? [{ description: `Set weight ${fixWeight} on '${active.name}' on every node`, safe: true, edits }]
              : undefined,
        });
      }
    }
  },
});

/**
 * When every other node is in FAULT (or down) for a reason of its own: who they are and why, in a sentence; else
 * undefined.
 */
function nobodyCanTakeOver(view: RouterView, outcome: ScenarioOutcome, others: readonly Member[]): string | undefined {
  const unable = others.filter((m) => outcome.priorities[m.node.name] === null);
  if (unable.length !== others.length || others.length === 0) return undefined;
  return unable
    .map((m) => {
      const alwaysFault = trackersOf(view.simulation.trackers, m).alwaysFault;
      return `${m.node.name} is ${outcome.states[m.node.name]}${alwaysFault ? ` (${alwaysFault})` : ""}`;
    })
    .join("; ");
}

/** Why a live backup does not take over: nopreempt, an equal priority, or a priority still too low. */
function gapReason(view: RouterView, outcome: ScenarioOutcome, others: readonly Member[]): string {
  const failed = outcome.faults[0].node;
  const before = view.simulation.baseline.priorities[failed];
  const after = outcome.priorities[failed];
  const best = others
    .map((member) => ({ member, priority: outcome.priorities[member.node.name] }))
    .filter((entry) => entry.priority !== null)
    .sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0))[0];
  const blockers = others.filter((m) => trackersOf(view.simulation.trackers, m).nopreempt);
  if (blockers.length > 0 && best && (best.priority ?? 0) > (after ?? 0))
    return (
      `${blockers.map((m) => m.node.name).join(", ")} ha${blockers.length === 1 ? "s" : "ve"} nopreempt, so a ` +
      `backup never takes over from a live master whatever the priorities`
    );
  if (best && best.priority === after)
    return `${best.member.node.name} has the same priority ${best.priority}, and equal priority never preempts`;
  return (
    `${failed}'s priority goes from ${before} to ${after}, still ` +
    `${best ? `above ${best.member.node.name}'s ${best.priority}` : "the highest"}`
  );
}

/** The weights of the failed script that would make the failover happen, as advice. */
function weightOptions(weights: WeightFix): string[] {
  const options: string[] = [];
  if (weights.negative !== undefined) options.push(`weight ${weights.negative} or lower`);
  if (weights.positive !== undefined) options.push(`weight ${weights.positive} or higher`);
  if (weights.zero) options.push("weight 0 (the node goes to FAULT)");
  return options;
}

/** The fix: the script's `weight` line set to `fixWeight` on every node (only when every node's script has one). */
function weightEdits(view: RouterView, active: Tracker, fixWeight: number): TextEdit[] {
  const edits: TextEdit[] = [];
  if (
    !active.script?.weightLocation ||
    view.members.some((m) => m.node.keepalived?.scripts.get(active.name)?.weightLocation === undefined)
  )
    return edits;
  for (const m of view.members) {
    const script = m.node.keepalived?.scripts.get(active.name);
    const weightAt = script?.weightLocation;
    if (
      script &&
      weightAt &&
      !edits.some((e) => e.file === weightAt.file && e.range.start.line === weightAt.range.start.line)
    ) {
      edits.push({
        file: weightAt.file,
        range: weightAt.range,
        newText: `weight ${fixWeight}${script.weightReverse ? " reverse" : ""}`,
      });
    }
  }
  return edits;
}
