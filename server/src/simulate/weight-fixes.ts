/**
 * The weights that would make a failover happen (HA001's advice): for a failed vrrp_script that leaves the VIP on the
 * failed node, the smallest negative and positive weights of that script, and whether weight 0 works. Searched in
 * the router's own simulation context (sync groups included), once per router, when the simulation is computed.
 */
import type { Fault, ScenarioOutcome, SimulationContext, WeightOverride } from "./scenarios.js";
import { runScenario } from "./scenarios.js";
import type { Member } from "./hearing.js";
import type { InstanceTrackers } from "./trackers.js";

export interface WeightFix {
  negative?: number;
  positive?: number;
  /** Weight 0 (FAULT on failure) moves the VIP. */
  zero: boolean;
}

/** What weightFixes needs of a router's simulation (the RouterSimulation being built). */
interface SimulatedRouter {
  context: SimulationContext;
  trackers: Map<Member, InstanceTrackers>;
  failures: ScenarioOutcome[];
}

/** Whether `override` makes the VIP start on `node` and move to one other node when `script` fails there. */
function movesVip(ctx: SimulationContext, node: string, override: WeightOverride): boolean {
  const base = runScenario(ctx, "baseline", [], undefined, override);
  if (base.outcome.holders.length !== 1 || base.outcome.holders[0] !== node) return false;
  const fault: Fault = { node, kind: "script", name: override.script };
  const fail = runScenario(ctx, "x", [fault], new Set(base.masters), override);
  return fail.outcome.holders.length === 1 && fail.outcome.holders[0] !== node;
}

/** Smallest weights (negative and positive) of `script` that move the VIP off `node` when the script fails there. */
export function weightsThatWork(ctx: SimulationContext, node: string, script: string): WeightFix {
  const works = (weight: number): boolean => movesVip(ctx, node, { script, weight });
  const out: WeightFix = { zero: works(0) };
  for (let weight = 1; weight <= 253; weight++) {
    if (out.negative === undefined && works(-weight)) out.negative = -weight;
    if (out.positive === undefined && works(weight)) out.positive = weight;
    if (out.negative !== undefined && out.positive !== undefined) break;
  }
  return out;
}

/**
 * The failures a weight could fix: verdict no-failover, an active vrrp_script failing, in a router of two nodes or
 * more, where another node could take over (not all of them unable: no weight helps then).
 */
function fixableScript(router: SimulatedRouter, outcome: ScenarioOutcome): string | undefined {
  const fault = outcome.faults[0];
  if (outcome.verdict !== "no-failover" || fault?.kind !== "script") return undefined;
  const members = router.context.members;
  if (new Set(members.map((m) => m.node)).size < 2) return undefined;
  const member = members.find((m) => m.node.name === fault.node);
  const active = member && router.trackers.get(member)?.active.find((a) => a.name === fault.name);
  if (active?.kind !== "script") return undefined;
  const others = members.filter((m) => m !== member);
  if (others.every((m) => outcome.priorities[m.node.name] === null)) return undefined;
  return active.name;
}

/** Weight fixes of every fixable failure of a router, by fault id. */
export function weightFixes(router: SimulatedRouter): Map<string, WeightFix> {
  const out = new Map<string, WeightFix>();
  for (const outcome of router.failures) {
    const script = fixableScript(router, outcome);
    if (script !== undefined) out.set(outcome.id, weightsThatWork(router.context, outcome.faults[0].node, script));
  }
  return out;
}
