/**
 * The lab expects what the shared simulation computed, for every scenario of every fixture (issue 16): the VRRP lab's
 * predictions are the simulation's outcomes; its re-run after a start-up race (predictionsFrom) uses the router's own
 * context, so started from the simulation's baseline holders it gives every failure and recovery again (sync groups
 * included); the traffic lab's drills give the simulation's holders for the same faults. No root needed.
 */
import { relative } from "node:path";
import { describe, expect, test } from "vitest";
import { predictionsFrom, routerPredictions } from "../../server/src/lab/lab-predictions.js";
import {
  haproxyStopOutcome,
  haproxyTrackers,
  predictHolderFault,
  type PredictionInputs,
} from "../../server/src/lab/traffic-verdict.js";
import type { RouterSimulation } from "../../server/src/simulate/scenarios.js";
import { analyzeFixture, fixtureDirs, fixturesDir, readExpectation } from "../support/fixture-run.js";

const outcomeKey = (holders: readonly string[], race: boolean): string =>
  `${[...holders].sort().join("+")} race=${race}`;

function inputsFor(router: RouterSimulation): PredictionInputs {
  return {
    router,
    maxOutageMs: 5000,
    advertSeconds: 1,
    cannotBind: new Set(),
    findingText: () => [],
    scriptTiming: () => ({ interval: 1, fall: 1, rise: 1 }),
  };
}

const dirs = fixtureDirs();

describe("the lab's expectations are the simulation's, on every fixture", () => {
  let routersSeen = 0;
  let syncGroupRouters = 0;
  for (const dir of dirs) {
    test(relative(fixturesDir, dir), () => {
      const result = analyzeFixture(dir, readExpectation(dir).settings);
      for (const cluster of result.input.simulations)
        for (const router of cluster.routers) {
          routersSeen++;
          if (router.router.members.some((m) => m.instance.syncGroup !== undefined)) syncGroupRouters++;
          const all = [router.baseline, ...router.failures, ...router.recoveries];
          const predictions = routerPredictions(router);
          expect([...predictions.keys()].sort()).toEqual(all.map((o) => o.id).sort());
          for (const outcome of all) {
            const prediction = predictions.get(outcome.id)!;
            expect(prediction.outcome).toBe(outcome);
            expect(outcomeKey(prediction.holders, prediction.race)).toBe(outcomeKey(outcome.holders, outcome.race));
          }
          // Re-run from the simulation's own baseline holders: the same failures and recoveries.
          const again = predictionsFrom(router, router.baseline.holders);
          for (const outcome of [...router.failures, ...router.recoveries]) {
            const prediction = again.get(outcome.id);
            expect(prediction, `${router.router.name} ${outcome.id}`).toBeDefined();
            expect(`${outcome.id}: ${outcomeKey(prediction!.holders, prediction!.race)}`).toBe(
              `${outcome.id}: ${outcomeKey(outcome.holders, outcome.race)}`,
            );
          }
          // The traffic lab's drills on each node: keepalived stopped is the simulation's node-down scenario; HAProxy
          // stopped with one HAProxy check is that check's failure scenario.
          for (const member of router.router.members) {
            const node = member.node.name;
            const down = router.failures.find((o) => o.id === `${node}:down`);
            if (down && down.holders.length > 0 && !down.holders.includes(node))
              expect(predictHolderFault(inputsFor(router), node, "keepalived").holders).toEqual(down.holders);
            const checks = haproxyTrackers(router, node);
            if (checks.length === 1) {
              const failure = router.failures.find((o) => o.id === `${node}:script:${checks[0].name}`);
              expect(haproxyStopOutcome(router, node)).toBe(failure);
              if (failure && failure.holders.length > 0)
                expect(predictHolderFault(inputsFor(router), node, "haproxy").holders).toEqual(failure.holders);
            }
          }
        }
    });
  }
  test("fixtures with routers and sync groups were compared", () => {
    expect(routersSeen).toBeGreaterThan(40);
    expect(syncGroupRouters).toBeGreaterThan(0);
  });
});
