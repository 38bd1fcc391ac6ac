/**
 * The simulation's entry point for the shells (CLI, language server, lab): the results the analysis computed and the
 * calls that re-run a router's scenarios in its own context. Shells import this, never server/src/simulate/*.
 */
export {
  faultId,
  runScenario,
  simulateRouter,
  type ClusterSimulation,
  type Fault,
  type RouterSimulation,
  type ScenarioOutcome,
  type Verdict,
} from "./simulate/scenarios.js";
export { scriptWatchesHaproxy, type Tracker } from "./simulate/trackers.js";
export { authApplies, type Member } from "./simulate/hearing.js";
export {
  failoverMatrix,
  matrixTables,
  verdictLabel,
  type FailoverMatrix,
  type MatrixInstance,
  type MatrixScenario,
} from "./simulate/failover-matrix.js";
