/**
 * The traffic suite: each cluster of traffic-clusters.ts runs with real keepalived AND real HAProxy in network
 * namespaces, backend responders and a client probing every VIP:port every 50 ms; every scenario's verdict must match
 * the static prediction (findings + simulation), and the named verdicts must be the ones the lab sees. Runs only as
 * root with haproxy, keepalived and ip; HA_LINT_LAB=0 skips it. HA_LINT_LAB_JOBS sets the clusters run at once
 * (default 4); HA_LINT_LAB_FULL=1 runs every cluster (npm test a sample); HA_LINT_LAB_REPORT=1 prints the table; HA_LINT_LAB_HTML=FILE writes the HTML report.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Finding } from "../../server/src/rules/finding.js";
import type { ClusterSimulation } from "../../server/src/simulate/scenarios.js";
import { runTraffic, type TrafficResult } from "../../server/src/lab/traffic.js";
import { trafficHtml, trafficText } from "../../server/src/lab/traffic-report.js";
import { analyzeFiles } from "../support/cluster-builder.js";
import { TRAFFIC_CI_SAMPLE, trafficClusters as allClusters } from "./traffic-clusters.js";
import { labCanRun } from "./lab-gate.js";

/** `npm test` runs TRAFFIC_CI_SAMPLE (about 3 minutes on 2 cores); HA_LINT_LAB_FULL=1 runs every cluster. */
const full = process.env.HA_LINT_LAB_FULL === "1";
const trafficClusters = full ? allClusters : allClusters.filter((c) => TRAFFIC_CI_SAMPLE.includes(c.name));

const canRun = labCanRun(["keepalived", "haproxy", "ip"]);

const namespaces = (): string[] =>
  execFileSync("ip", ["netns", "list"], { encoding: "utf8" })
    .split("\n")
    .map((l) => l.split(/\s+/)[0])
    .filter(Boolean);
const rootLinks = (): string[] =>
  execFileSync("ip", ["-o", "link", "show"], { encoding: "utf8" })
    .split("\n")
    .map((l) => /^\d+: ([^:@]+)/.exec(l)?.[1])
    .filter((x): x is string => x !== undefined);
const processesIn = (dir: string): number[] =>
  readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, "utf8").includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);

describe.runIf(canRun)("lab --traffic: clients reach healthy backends after every failover", () => {
  let result: TrafficResult;
  let linksBefore: string[];

  beforeAll(async () => {
    linksBefore = rootLinks();
    const sims: ClusterSimulation[] = [];
    const findings: Finding[] = [];
    for (const c of trafficClusters) {
      const a = analyzeFiles(c.files);
      findings.push(...a.findings);
      sims.push(...a.input.simulations.filter((s) => s.routers.length > 0));
    }
    result = await runTraffic(sims, {
      jobs: Number(process.env.HA_LINT_LAB_JOBS ?? 4),
      timeout: 9 * 60,
      findings,
      displayId: (id) => id.replace(/^\/lab\//, ""),
    });
    if (process.env.HA_LINT_LAB_REPORT) process.stdout.write(trafficText(result));
    if (process.env.HA_LINT_LAB_HTML) writeFileSync(process.env.HA_LINT_LAB_HTML, trafficHtml(result));
  }, 10 * 60_000);

  afterAll(() => {
    if (!result) return;
    const lines = result.clusters.flatMap((c) =>
      c.scenarios.map((s) => `  ${c.id} ${s.id}: ${s.verdict}, outage ${s.outageMs} ms, ${s.failed}/${s.sent} failed`),
    );
    process.stderr.write(
      `traffic suite: ${result.clusters.length} clusters, ${result.scenarios} scenarios, ${result.disagreements} disagree, ${result.seconds}s\n${lines.join("\n")}\n`,
    );
  });

  test("every cluster of the suite ran (ten or more in full), none skipped or failed", () => {
    expect(trafficClusters.length).toBeGreaterThanOrEqual(full ? 10 : TRAFFIC_CI_SAMPLE.length);
    expect(result.clusters.length).toBe(trafficClusters.length);
    expect(result.clusters.filter((c) => c.skipped || c.error).map((c) => `${c.id}: ${c.skipped ?? c.error}`)).toEqual(
      [],
    );
  });

  test.each(trafficClusters.map((c) => c.name))("%s: every verdict matches the static prediction", (name) => {
    const c = trafficClusters.find((x) => x.name === name)!;
    const run = result.clusters.find((x) => x.id === name);
    expect(run).toBeDefined();
    expect(run!.scenarios.length).toBeGreaterThanOrEqual(5);
    const bad = run!.scenarios
      .filter((s) => !s.agree)
      .map(
        (s) =>
          `${s.id}: predicted ${s.predicted.verdicts.join(" or ")} (${s.predicted.why}), observed ${s.verdict} (outage ${s.outageMs} ms)`,
      );
    expect(bad).toEqual([]);
    for (const [prefix, verdict] of Object.entries(c.expect)) {
      const s = run!.scenarios.find((x) => x.id === prefix || x.id.startsWith(`${prefix}:`));
      expect(s, `${name}: scenario ${prefix}`).toBeDefined();
      expect(`${prefix}: ${s!.verdict}`).toBe(`${prefix}: ${verdict}`);
    }
  });

  test("no namespace, link, process or lab folder of the run remains", () => {
    const ours = result.clusters.flatMap((c) => c.namespaces);
    expect(ours.length).toBeGreaterThan(0);
    const left = namespaces();
    expect(ours.filter((n) => left.includes(n))).toEqual([]);
    expect(rootLinks().filter((l) => !linksBefore.includes(l))).toEqual([]);
    expect(processesIn(result.labDir)).toEqual([]);
    expect(existsSync(result.labDir)).toBe(false);
  });
});
