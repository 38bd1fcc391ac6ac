/**
 * What the lab expects in each scenario: the shared simulation's outcome (computed once by the analysis, sync groups
 * included), never a priority or an election of the lab's own. After a start-up race that went the other way, the
 * lab asks the core to run the router's scenarios again from the holders it saw, in the router's own context.
 */
import { resimulateFrom, type Member, type RouterSimulation, type ScenarioOutcome } from "../simulation.js";

export type Agreement = "yes" | "race" | "no" | "skipped";

export interface Prediction {
  holders: string[];
  race: boolean;
  /** Nodes tied for the top priority (a race agrees when one of them holds the VIP). */
  tied: string[];
  outcome: ScenarioOutcome;
}

/** Nodes tied for the top priority among those standing in a scenario. */
function tiedNodes(outcome: ScenarioOutcome): string[] {
  const standing = Object.entries(outcome.priorities).filter((e): e is [string, number] => typeof e[1] === "number");
  if (standing.length === 0) return [];
  const top = Math.max(...standing.map((e) => e[1]));
  return standing.filter((e) => e[1] === top).map((e) => e[0]);
}

export function predictionOf(outcome: ScenarioOutcome): Prediction {
  return { holders: outcome.holders, race: outcome.race, tied: tiedNodes(outcome), outcome };
}

/** Every scenario of the router (baseline, failures, recoveries) by id, as the simulation computed it. */
export function routerPredictions(router: RouterSimulation): Map<string, Prediction> {
  const all = [router.baseline, ...router.failures, ...router.recoveries];
  return new Map(all.map((outcome) => [outcome.id, predictionOf(outcome)]));
}

/** The failures and recoveries when the scenarios start from other holders (the shared context, sync groups too). */
export function predictionsFrom(router: RouterSimulation, holderNames: readonly string[]): Map<string, Prediction> {
  const incumbents = new Set<Member>(router.context.members.filter((m) => holderNames.includes(m.node.name)));
  const again = resimulateFrom(router, incumbents);
  return new Map([...again.failures, ...again.recoveries].map((outcome) => [outcome.id, predictionOf(outcome)]));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");
}

/** Agreement of the observed holders with a prediction; a race agrees when one of the tied nodes holds the VIP. */
export function judge(prediction: Prediction, observed: readonly string[]): Agreement {
  if (prediction.race && observed.length === 1 && prediction.tied.includes(observed[0])) return "race";
  return sameSet(prediction.holders, observed) ? "yes" : "no";
}
