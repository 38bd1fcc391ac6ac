/**
 * The worked cases of SEMANTICS.md 1.9, each verified live with keepalived 2.2.7 in two network namespaces:
 * the simulation must give the holders real keepalived produced.
 */
import { describe, expect, test } from "vitest";
import { analyzeFiles, cluster, routerOf } from "../support/cluster-builder.js";

const A = "192.0.2.1";
const B = "192.0.2.2";

function scenario(files: Record<string, string>, id: string) {
  const r = routerOf(analyzeFiles(files));
  const all = [r.baseline, ...r.failures, ...r.recoveries];
  const s = all.find((o) => o.id === id);
  if (!s) throw new Error(`no scenario ${id}: ${all.map((o) => o.id).join(", ")}`);
  return s;
}

describe("worked seeds (live keepalived 2.2.7)", () => {
  test("1a: 100 vs 99, weight 2: A 102 / B 101, A's check fails -> B takes over", () => {
    const files = cluster([
      { priority: 100, state: "MASTER", weight: 2, src: A },
      { priority: 99, state: "BACKUP", weight: 2, src: B },
    ]);
    const base = scenario(files, "baseline");
    expect(base.priorities).toEqual({ lb01: 102, lb02: 101 });
    expect(base.holders).toEqual(["lb01"]);
    const fail = scenario(files, "lb01:script:chk_haproxy");
    expect(fail.priorities).toEqual({ lb01: 100, lb02: 101 });
    expect(fail.holders).toEqual(["lb02"]);
    expect(fail.verdict).toBe("ok");
  });

  test("1b: 100 vs 100, weight 2: 102 = 102 is a start-up race (higher IP B won); A's failure still moves the VIP", () => {
    const files = cluster([
      { priority: 100, state: "BACKUP", weight: 2, src: A },
      { priority: 100, state: "BACKUP", weight: 2, src: B },
    ]);
    const base = scenario(files, "baseline");
    expect(base.race).toBe(true);
    expect(base.holders).toEqual(["lb02"]);
    const failB = scenario(files, "lb02:script:chk_haproxy");
    expect(failB.holders).toEqual(["lb01"]);
  });

  test("2: 120 vs 100, weight -30: 90 < 100 -> B takes over", () => {
    const files = cluster([
      { priority: 120, state: "MASTER", weight: -30, src: A },
      { priority: 100, state: "BACKUP", weight: -30, src: B },
    ]);
    expect(scenario(files, "baseline").holders).toEqual(["lb01"]);
    const fail = scenario(files, "lb01:script:chk_haproxy");
    expect(fail.priorities.lb01).toBe(90);
    expect(fail.holders).toEqual(["lb02"]);
    // Preemption brings it back when HAProxy recovers.
    expect(scenario(files, "recover:lb01:script:chk_haproxy").holders).toEqual(["lb01"]);
  });

  test("3: 120 vs 100, weight -10: 110 > 100 -> A keeps the VIP with a dead HAProxy", () => {
    const fail = scenario(
      cluster([
        { priority: 120, state: "MASTER", weight: -10, src: A },
        { priority: 100, state: "BACKUP", weight: -10, src: B },
      ]),
      "lb01:script:chk_haproxy",
    );
    expect(fail.priorities).toEqual({ lb01: 110, lb02: 100 });
    expect(fail.holders).toEqual(["lb01"]);
    expect(fail.verdict).toBe("no-failover");
  });

  test("3b: 120 vs 100, weight -20: 100 = 100 -> no failover (equal never preempts, even from the higher IP)", () => {
    const fail = scenario(
      cluster([
        { priority: 120, state: "MASTER", weight: -20, src: A },
        { priority: 100, state: "BACKUP", weight: -20, src: B },
      ]),
      "lb01:script:chk_haproxy",
    );
    expect(fail.priorities).toEqual({ lb01: 100, lb02: 100 });
    expect(fail.holders).toEqual(["lb01"]);
    expect(fail.verdict).toBe("no-failover");
  });

  test("4: nopreempt on both, weight -30: 90 < 100 but nobody preempts -> no failover", () => {
    const files = cluster([
      { priority: 120, state: "BACKUP", nopreempt: true, weight: -30, src: A },
      { priority: 100, state: "BACKUP", nopreempt: true, weight: -30, src: B },
    ]);
    expect(scenario(files, "baseline").holders).toEqual(["lb01"]);
    const fail = scenario(files, "lb01:script:chk_haproxy");
    expect(fail.holders).toEqual(["lb01"]);
    expect(fail.verdict).toBe("no-failover");
  });

  test("4 (state MASTER + nopreempt on both): nopreempt is cleared, plain priority election", () => {
    const fail = scenario(
      cluster([
        { priority: 120, state: "MASTER", nopreempt: true, weight: -30, src: A },
        { priority: 100, state: "MASTER", nopreempt: true, weight: -30, src: B },
      ]),
      "lb01:script:chk_haproxy",
    );
    expect(fail.holders).toEqual(["lb02"]);
  });

  test("5: 100 vs 120, weight 0: B goes FAULT -> A takes over", () => {
    const files = cluster([
      { priority: 100, state: "BACKUP", weight: 0, src: A },
      { priority: 120, state: "MASTER", weight: 0, src: B },
    ]);
    expect(scenario(files, "baseline").holders).toEqual(["lb02"]);
    const fail = scenario(files, "lb02:script:chk_haproxy");
    expect(fail.states.lb02).toBe("FAULT");
    expect(fail.holders).toEqual(["lb01"]);
  });

  test("sync group without sync_group_tracking_weight: the weight -30 script is removed, the VIP does not move", () => {
    const files = cluster([
      { priority: 120, state: "MASTER", weight: -30, src: A, syncGroup: true },
      { priority: 100, state: "BACKUP", weight: -30, src: B, syncGroup: true },
    ]);
    const r = routerOf(analyzeFiles(files));
    expect(
      [...r.trackers.values()].every((t) => t.active.length === 0 && t.dropped.some((d) => d.rule === "KA010")),
    ).toBe(true);
    const fail = scenario(files, "lb01:script:chk_haproxy");
    expect(fail.holders).toEqual(["lb01"]);
    expect(fail.verdict).toBe("no-failover");
  });

  test("state MASTER without priority is an address owner (255): weights never apply", () => {
    const files = cluster([
      { state: "MASTER", weight: -30, src: A },
      { priority: 100, state: "BACKUP", weight: -30, src: B },
    ]);
    const base = scenario(files, "baseline");
    expect(base.priorities).toEqual({ lb01: 255, lb02: 100 });
    expect(scenario(files, "lb01:script:chk_haproxy").verdict).toBe("no-failover");
  });

  test("unicast peer typo in the higher node's list: the lower one never hears it, both become MASTER", () => {
    const files = cluster([
      { priority: 120, state: "MASTER", weight: -30, src: A },
      { priority: 100, state: "BACKUP", weight: -30, src: B },
    ]);
    files["/c/lb01/keepalived.conf"] = files["/c/lb01/keepalived.conf"].replace(`    ${B}\n`, "    192.0.2.9\n");
    const base = scenario(files, "baseline");
    expect(base.holders).toEqual(["lb01", "lb02"]);
    expect(base.verdict).toBe("split-brain");
  });

  test("unicast peer typo in the lower node's list: looks fine until the lower node becomes MASTER", () => {
    const files = cluster([
      { priority: 120, state: "MASTER", weight: -30, src: A },
      { priority: 100, state: "BACKUP", weight: -30, src: B },
    ]);
    files["/c/lb02/keepalived.conf"] = files["/c/lb02/keepalived.conf"].replace(`    ${A}\n`, "    192.0.2.9\n");
    expect(scenario(files, "baseline").holders).toEqual(["lb01"]);
    const fail = scenario(files, "lb01:script:chk_haproxy");
    expect(fail.holders).toEqual(["lb01", "lb02"]);
    expect(fail.verdict).toBe("split-brain");
  });
});
