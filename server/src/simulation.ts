/**
 * The simulation's entry point for rules and shells (CLI, language server, lab): the results the analysis computed
 * once per cluster (analyze.ts, simulate/cluster-simulation.ts) and the calls that re-run a router's scenarios in that
 * router's own shared context. Nothing here builds a simulation context or computes trackers or priorities of its
 * own; test/architecture.test.ts checks that nothing outside server/src/simulate/ and analyze.ts does either.
 */
import type { Member } from "./simulate/hearing.js";
import type { Fault, RouterSimulation, ScenarioOutcome } from "./simulate/scenarios.js";
import { runScenario, simulateRouter } from "./simulate/scenarios.js";

export {
  faultId,
  trackersOf,
  type ClusterSimulation,
  type Fault,
  type RouterSimulation,
  type ScenarioOutcome,
  type Verdict,
} from "./simulate/scenarios.js";
export { scriptWatchesHaproxy, type InstanceTrackers, type Tracker } from "./simulate/trackers.js";
export { authApplies, type Member } from "./simulate/hearing.js";
export {
  failoverMatrix,
  matrixTables,
  verdictLabel,
  type FailoverMatrix,
  type MatrixInstance,
  type MatrixScenario,
} from "./simulate/failover-matrix.js";
export { sharedTrackers } from "./simulate/tracker-lookup.js";
export type { WeightFix } from "./simulate/weight-fixes.js";

/** One more scenario of a router (several faults at once, other holders), in the router's shared context. */
export function rerunScenario(
  router: RouterSimulation,
  id: string,
  faults: Fault[],
  incumbents: ReadonlySet<Member> | undefined,
): { outcome: ScenarioOutcome; masters: Member[] } {
  return runScenario(router.context, id, faults, incumbents);
}

/** Every scenario of a router again, starting from other holders (a start-up race the lab saw go the other way). */
export function resimulateFrom(router: RouterSimulation, incumbents: ReadonlySet<Member>): RouterSimulation {
  return simulateRouter(router.router, router.context, incumbents);
}
