/** The lab's report: a lab-setup problem is never a disagreement; a misreading model is named as the cause. */
import { describe, expect, test } from "vitest";
import { labExitCode, labJson, labText } from "../../server/src/lab/report.js";
import type { LabClusterResult, LabResult, LabScenarioResult } from "../../server/src/lab/run-lab.js";

const scenario = (id: string, predicted: string[], observed: string[], extra: Partial<LabScenarioResult> = {}) => ({
  id,
  predicted,
  observed,
  agree: predicted.join() === observed.join() ? ("yes" as const) : ("no" as const),
  race: false,
  verdict: predicted.length > 1 ? ("split-brain" as const) : ("ok" as const),
  seconds: 5,
  ...extra,
});

const cluster = (id: string, fields: Partial<LabClusterResult>): LabClusterResult => ({
  id,
  routers: [],
  notes: [],
  seconds: 10,
  namespaces: [],
  setupProblems: [],
  readingDifferences: [],
  ...fields,
});

function result(clusters: LabClusterResult[]): LabResult {
  const all = clusters.flatMap((c) => c.routers.flatMap((r) => r.scenarios));
  return {
    clusters,
    scenarios: all.length,
    agreements: all.filter((s) => s.agree === "yes").length,
    races: 0,
    disagreements: all.filter((s) => s.agree === "no").length,
    modelReadingDisagreements: all.filter((s) => s.agree === "no" && s.cause === "model-reading").length,
    setupProblems: clusters.filter((c) => c.setupProblems.length > 0).length,
    skipped: all.filter((s) => s.agree === "skipped").length,
    seconds: 20,
    keepalivedVersion: "2.3.4",
    labDir: "/tmp/x",
  };
}

const router = (scenarios: LabScenarioResult[]) => ({
  name: "VI_1",
  vrid: 51,
  vips: ["10.0.0.100/24"],
  labVips: ["192.0.2.12/24"],
  nodes: ["lb01", "lb02"],
  scenarios,
});

describe("lab report", () => {
  test("a lab-setup problem is reported as such, with no scenario counted as a disagreement", () => {
    const r = result([
      cluster("dup", {
        setupProblems: ["lb01 and lb02 would all have 10.0.0.1 (lab 192.0.2.10): the lab cannot tell whose it is"],
        routers: [router([{ ...scenario("baseline", ["lb01"], []), observed: null, agree: "skipped" }])],
      }),
    ]);
    expect(r.disagreements).toBe(0);
    const text = labText(r);
    expect(text).toContain("cluster dup: lab setup problem (no scenario run):");
    expect(text).toContain("0 disagree");
    expect(text).toContain("1 cluster with a lab setup problem");
    expect(labExitCode(r)).toBe(1);
  });

  test("a disagreement in a cluster whose model misreads the configuration names the model's reading", () => {
    const r = result([
      cluster("p24", {
        readingDifferences: [
          { node: "lb01", instance: "VI_1", item: "unicast_src_ip", model: "none", keepalived: "192.0.2.10" },
        ],
        routers: [router([scenario("baseline", ["lb01", "lb02"], ["lb01"], { cause: "model-reading" })])],
      }),
    ]);
    const text = labText(r);
    expect(text).toContain("the model reads the configuration differently from keepalived 2.3.4");
    expect(text).toContain("lb01/VI_1 unicast_src_ip: the model reads none, keepalived 192.0.2.10");
    expect(text).toContain("(the model's reading differs from keepalived's)");
    expect(text).toContain("1 disagree (1 where the model misreads the configuration)");
    expect(JSON.parse(labJson(r)).clusters[0].routers[0].scenarios[0].cause).toBe("model-reading");
    expect(labExitCode(r)).toBe(1);
  });

  test("everything agreeing exits 0", () => {
    const r = result([cluster("ok", { routers: [router([scenario("baseline", ["lb01"], ["lb01"])])] })]);
    expect(labText(r)).toContain("1 scenario: 1 agree, 0 disagree");
    expect(labExitCode(r)).toBe(0);
  });
});
