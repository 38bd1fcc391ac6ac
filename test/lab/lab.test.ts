/**
 * The lab suite: every scenario of every cluster in clusters.ts, run against real keepalived daemons in network
 * namespaces, must give the VIP holders the simulation predicts. Runs only as root with keepalived and ip installed.
 * HA_LINT_LAB_JOBS sets how many clusters run at the same time (default 5); HA_LINT_LAB_REPORT=1 prints the table,
 * HA_LINT_LAB_LOGS=DIR keeps each node's lab config and keepalived log; HA_LINT_LAB=0 skips the suite.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { labText } from "../../server/src/lab/report.js";
import { runLab, type LabResult } from "../../server/src/lab/run-lab.js";
import type { ClusterSimulation } from "../../server/src/simulate/scenarios.js";
import { analyzeFiles } from "../support/cluster-builder.js";
import { labClusters } from "./clusters.js";

function has(cmd: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Root, keepalived and ip present; HA_LINT_LAB=0 skips the suite (about ten minutes) on a machine that could run it. */
const canRun =
  process.env.HA_LINT_LAB !== "0" &&
  process.platform === "linux" &&
  process.getuid?.() === 0 &&
  has("keepalived") &&
  has("ip");

const rootLinks = (): string[] =>
  execFileSync("ip", ["-o", "link", "show"], { encoding: "utf8" })
    .split("\n")
    .map((l) => /^\d+: ([^:@]+)/.exec(l)?.[1])
    .filter((x): x is string => x !== undefined);
const namespaces = (): string[] =>
  execFileSync("ip", ["netns", "list"], { encoding: "utf8" })
    .split("\n")
    .map((l) => l.split(/\s+/)[0])
    .filter(Boolean);
/** keepalived processes started from a lab folder of this run. */
const labDaemons = (dir: string): number[] =>
  readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const cmd = readFileSync(`/proc/${p}/cmdline`, "utf8");
        return cmd.includes("keepalived") && cmd.includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);

describe.runIf(canRun)("lab: real keepalived daemons agree with the simulation", () => {
  let result: LabResult;
  let linksBefore: string[];
  const byName = new Map<string, string>();

  beforeAll(async () => {
    linksBefore = rootLinks();
    const sims: ClusterSimulation[] = [];
    for (const c of labClusters) {
      for (const s of analyzeFiles(c.files).input.simulations) {
        byName.set(s.cluster.id, c.name);
        sims.push(s);
      }
    }
    result = await runLab(sims, {
      jobs: Number(process.env.HA_LINT_LAB_JOBS ?? 5),
      timeout: 19 * 60,
      displayId: (id) => id.replace(/^\/lab\//, ""),
      ...(process.env.HA_LINT_LAB_LOGS ? { keepLogs: process.env.HA_LINT_LAB_LOGS } : {}),
    });
    if (process.env.HA_LINT_LAB_REPORT) process.stdout.write(labText(result));
  }, 20 * 60_000);

  afterAll(() => {
    if (result)
      process.stderr.write(
        `lab suite: ${result.clusters.length} clusters, ${result.scenarios} scenarios, ${result.agreements} agree (${result.races} races), ${result.disagreements} disagree, ${result.seconds}s\n`,
      );
  });

  test("at least 30 scenario clusters ran, none skipped or failed", () => {
    expect(labClusters.length).toBeGreaterThanOrEqual(30);
    expect(result.clusters.filter((c) => !c.skipped && !c.error).length).toBeGreaterThanOrEqual(30);
    expect(result.clusters.filter((c) => c.skipped || c.error).map((c) => `${c.id}: ${c.skipped ?? c.error}`)).toEqual(
      [],
    );
  });

  test.each(labClusters.map((c) => c.name))("%s: every scenario agrees", (name) => {
    const clusters = result.clusters.filter((c) => c.id === name);
    expect(clusters.length).toBeGreaterThan(0);
    const bad = clusters.flatMap((c) =>
      c.routers.flatMap((r) =>
        r.scenarios
          .filter((s) => s.agree !== "yes" && s.agree !== "race")
          .map(
            (s) =>
              `${r.name} ${s.id}: predicted ${s.predicted.join("+") || "nobody"}, observed ${s.observed?.join("+") ?? "-"} (${s.agree})`,
          ),
      ),
    );
    expect(bad).toEqual([]);
    expect(clusters.flatMap((c) => c.routers.flatMap((r) => r.scenarios)).length).toBeGreaterThan(0);
  });

  test("no namespace, link, keepalived process or lab folder of the run remains", () => {
    const ours = result.clusters.flatMap((c) => c.namespaces);
    expect(ours.length).toBeGreaterThan(0);
    const left = namespaces();
    expect(ours.filter((n) => left.includes(n))).toEqual([]);
    expect(left.filter((n) => n.startsWith(`hl-${process.pid}-`))).toEqual([]);
    // Links are created straight inside the lab namespaces: the host's namespace never sees one.
    expect(rootLinks().filter((l) => !linksBefore.includes(l))).toEqual([]);
    expect(labDaemons(result.labDir)).toEqual([]);
    expect(existsSync(result.labDir)).toBe(false);
  });
});
