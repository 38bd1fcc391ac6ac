/**
 * Failure scenarios of a virtual router and their outcome (SEMANTICS.md 1.9): baseline; each node down; each
 * tracked script or process failing on each node; each tracked interface down; and recovery from each.
 */
import type { Cluster, Node, VirtualRouter, VrrpInstance } from "../model/types.js";
import { elect, type Standing } from "./election.js";
import { advertMismatches, type Member } from "./hearing.js";
import { instanceTrackers, type InstanceTrackers } from "./trackers.js";
import type { WeightFix } from "./weight-fixes.js";

export type FaultKind = "down" | "script" | "interface" | "process";

export interface Fault {
  node: string;
  kind: FaultKind;
  name?: string;
}

export type Verdict = "ok" | "no-failover" | "split-brain" | "vip-lost" | "no-failback";

export interface ScenarioOutcome {
  /** `baseline`, `lb01:down`, `lb01:script:chk_haproxy`, `recover:lb01:script:chk_haproxy` ... */
  id: string;
  faults: Fault[];
  /** For recovery scenarios: the failure it recovers from. */
  recoversFrom?: string;
  priorities: Record<string, number | null>;
  states: Record<string, "MASTER" | "BACKUP" | "FAULT" | "DOWN">;
  holders: string[];
  verdict: Verdict;
  race: boolean;
  /** Why the verdict is what it is, in a sentence. */
  note?: string;
}

export interface RouterSimulation {
  router: VirtualRouter;
  trackers: Map<Member, InstanceTrackers>;
  baseline: ScenarioOutcome;
  failures: ScenarioOutcome[];
  recoveries: ScenarioOutcome[];
  /**
   * The simulation context the outcomes were computed with (sync-group hooks included, for a router of a cluster):
   * what rules and the lab run further scenarios with (runScenario), instead of building their own.
   */
  context: SimulationContext;
  /**
   * For each failure that does not move the VIP off a failed vrrp_script (verdict no-failover, fault id as key), the
   * weights of that script that would: computed here, in the router's own context, so that no rule searches for them.
   */
  weightFixes: Map<string, WeightFix>;
}

/** A member's tracker state: simulationContext() computes one for every member of the router, so a miss is a bug. */
export function trackersOf(trackers: ReadonlyMap<Member, InstanceTrackers>, member: Member): InstanceTrackers {
  const found = trackers.get(member);
  if (!found) throw new Error(`no tracker state for ${member.node.name}'s ${member.instance.name}`);
  return found;
}

export function faultId(f: Fault): string {
  return f.kind === "down" ? `${f.node}:down` : `${f.node}:${f.kind}:${f.name}`;
}

/** Weight overrides used to search for the weight that would make failover happen. */
export interface WeightOverride {
  script: string;
  weight: number;
}

export function standingOf(
  member: Member,
  trackers: InstanceTrackers,
  faults: readonly Fault[],
  override?: WeightOverride,
): Standing {
  const name = member.node.name;
  if (faults.some((f) => f.node === name && f.kind === "down")) return "DOWN";
  if (trackers.vrrpStopped) return "DOWN";
  if (trackers.alwaysFault) return "FAULT";
  const down = new Set(faults.filter((f) => f.node === name && f.kind === "interface").map((f) => f.name));
  if (trackers.faultInterfaces.some((i) => down.has(i))) return "FAULT";
  const base = member.instance.basePriority;
  let total = base;
  for (const t of trackers.active) {
    const failed =
      (t.kind === "script" && faults.some((f) => f.node === name && f.kind === "script" && f.name === t.name)) ||
      (t.kind === "process" && faults.some((f) => f.node === name && f.kind === "process" && f.name === t.name)) ||
      (t.kind === "interface" && down.has(t.name));
    const ok = !failed;
    const weight = override && t.kind === "script" && t.name === override.script ? override.weight : t.weight;
    const m = t.reverse ? -1 : 1;
    if (weight === 0) {
      if (ok === t.reverse) return "FAULT";
    } else if (weight > 0) total += ok ? m * weight : 0;
    else total += ok ? 0 : m * weight;
  }
  if (base === 255) return 255;
  return Math.min(254, Math.max(1, total));
}

export interface SimulationContext {
  members: Member[];
  trackers: Map<Member, InstanceTrackers>;
  hears: (from: Member, to: Member) => boolean;
  /**
   * Sync groups: whether another member of the instance's group on the same node is FAULT (or down) under the faults.
   */
  groupFault?: (member: Member, faults: readonly Fault[]) => boolean;
  /** Faults of sibling routers of a sync group, which also concern this router. */
  siblingFaults?: () => Fault[];
}

/** The trackers of one instance on one node, computed once for the cluster (TrackerTable). */
export type TrackerSource = (node: Node, instance: VrrpInstance) => InstanceTrackers;

export function simulationContext(router: VirtualRouter, source: TrackerSource = instanceTrackers): SimulationContext {
  const members: Member[] = router.members.map((m) => ({ node: m.node, instance: m.instance }));
  const trackers = new Map(members.map((m) => [m, source(m.node, m.instance)]));
  const cache = new Map<string, boolean>();
  const hears = (from: Member, to: Member): boolean => {
    const key = `${members.indexOf(from)}>${members.indexOf(to)}`;
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = advertMismatches(from, to).length === 0));
    return v;
  };
  return { members, trackers, hears };
}

export function runScenario(
  ctx: SimulationContext,
  id: string,
  faults: Fault[],
  incumbents: ReadonlySet<Member> | undefined,
  override?: WeightOverride,
): { outcome: ScenarioOutcome; masters: Member[] } {
  // A node whose notify scripts stop HAProxy when it leaves MASTER has its HAProxy checks failing while it is not
  // master.
  const masterAtStart = (m: Member): boolean =>
    incumbents ? incumbents.has(m) : trackersOf(ctx.trackers, m).initialState === "MASTER";
  const effective: Fault[] = [...faults];
  for (const m of ctx.members) {
    const t = trackersOf(ctx.trackers, m);
    if (!t.stopsHaproxyWhenNotMaster || masterAtStart(m)) continue;
    for (const a of t.active)
      if (a.watchesHaproxy && (a.kind === "script" || a.kind === "process"))
        effective.push({ node: m.node.name, kind: a.kind, name: a.name });
  }
  const standing = new Map(
    ctx.members.map((m) => {
      const s = standingOf(m, trackersOf(ctx.trackers, m), effective, override);
      return [m, typeof s === "number" && ctx.groupFault?.(m, effective) ? "FAULT" : s] as const;
    }),
  );
  const result = elect({
    members: ctx.members,
    standing,
    nopreempt: new Map(ctx.members.map((m) => [m, trackersOf(ctx.trackers, m).nopreempt])),
    initialMaster: new Map(ctx.members.map((m) => [m, trackersOf(ctx.trackers, m).initialState === "MASTER"])),
    incumbents,
    hears: ctx.hears,
  });
  const priorities: ScenarioOutcome["priorities"] = {};
  const states: ScenarioOutcome["states"] = {};
  for (const [m, s] of standing) {
    priorities[m.node.name] = typeof s === "number" ? s : null;
    states[m.node.name] = typeof s === "number" ? (result.masters.includes(m) ? "MASTER" : "BACKUP") : s;
  }
  const holders = result.masters.map((m) => m.node.name);
  const verdict: Verdict = holders.length === 0 ? "vip-lost" : holders.length > 1 ? "split-brain" : "ok";
  return { outcome: { id, faults, priorities, states, holders, verdict, race: result.race }, masters: result.masters };
}

/** The failures to try: each node down, each active or dropped tracker failing, each fault interface down. */
export function failureFaults(ctx: SimulationContext): Fault[] {
  const out: Fault[] = [];
  const seen = new Set<string>();
  const add = (f: Fault): void => {
    const id = faultId(f);
    if (!seen.has(id)) {
      seen.add(id);
      out.push(f);
    }
  };
  for (const m of ctx.members) {
    const t = trackersOf(ctx.trackers, m);
    for (const a of t.active)
      add({
        node: m.node.name,
        kind: a.kind === "interface" ? "interface" : a.kind === "process" ? "process" : "script",
        name: a.name,
      });
    for (const d of t.dropped)
      if (d.kind === "script" || d.kind === "process") add({ node: m.node.name, kind: d.kind, name: d.name });
    for (const i of t.faultInterfaces) add({ node: m.node.name, kind: "interface", name: i });
  }
  for (const m of ctx.members) add({ node: m.node.name, kind: "down" });
  return out;
}

/** A fault that takes HAProxy's health away on that node (a tracker that watches haproxy, active or dropped). */
export function isHaproxyFailure(ctx: SimulationContext, f: Fault): boolean {
  if (f.kind !== "script" && f.kind !== "process") return false;
  const m = ctx.members.find((x) => x.node.name === f.node);
  if (!m) return false;
  const t = trackersOf(ctx.trackers, m);
  return [...t.active, ...t.dropped].some((x) => x.name === f.name && x.watchesHaproxy);
}

/**
 * Every scenario of a router. `startFrom` gives the nodes that are MASTER before the baseline (the lab passes the
 * holders it saw when a start-up race went the other way); without it the baseline is a cluster start.
 */
export function simulateRouter(
  router: VirtualRouter,
  ctx: SimulationContext = simulationContext(router),
  startFrom?: ReadonlySet<Member>,
): RouterSimulation {
  const base = runScenario(ctx, "baseline", [], startFrom);
  const baseline = base.outcome;
  if (baseline.verdict === "ok" && baseline.race)
    baseline.note = "equal priorities: which node holds the VIP first depends on timing";
  const failures: ScenarioOutcome[] = [];
  const recoveries: ScenarioOutcome[] = [];
  const baselineSet = new Set(base.masters);
  const siblings = ctx.siblingFaults?.() ?? [];
  const own = failureFaults(ctx);
  for (const fault of [...own, ...siblings.filter((f) => !own.some((o) => faultId(o) === faultId(f)))]) {
    const id = faultId(fault);
    const r = runScenario(ctx, id, [fault], baselineSet);
    const o = r.outcome;
    if (o.verdict === "ok" && isHaproxyFailure(ctx, fault) && o.holders.includes(fault.node)) {
      o.verdict = "no-failover";
      o.note = `${fault.node} keeps the VIP although its HAProxy check failed`;
    }
    failures.push(o);
    // A node that comes back starts in its initial state: with state MASTER it advertises at once.
    const back = ctx.members.filter(
      (m) =>
        fault.kind === "down" && m.node.name === fault.node && trackersOf(ctx.trackers, m).initialState === "MASTER",
    );
    const rec = runScenario(ctx, `recover:${id}`, [], new Set([...r.masters, ...back]));
    rec.outcome.recoversFrom = id;
    if (rec.outcome.verdict === "ok" && rec.outcome.holders.join(",") !== baseline.holders.join(",")) {
      rec.outcome.verdict = "no-failback";
      rec.outcome.note =
        `after recovery the VIP stays on ${rec.outcome.holders.join(", ")} instead of ` +
        `${baseline.holders.join(", ") || "nobody"}`;
    }
    recoveries.push(rec.outcome);
  }
  // Weight fixes answer "which weight makes a cluster start fail over": simulateCluster() adds them.
  return { router, context: ctx, trackers: ctx.trackers, baseline, failures, recoveries, weightFixes: new Map() };
}

/** The trackers keepalived keeps for every instance of every node of a cluster, by node and instance. */
export type TrackerTable = ReadonlyMap<Node, ReadonlyMap<VrrpInstance, InstanceTrackers>>;

export interface ClusterSimulation {
  cluster: Cluster;
  routers: RouterSimulation[];
  /** Every instance's trackers, in a router or not: what rules about trackers read (sharedTrackers()). */
  trackers: TrackerTable;
}
