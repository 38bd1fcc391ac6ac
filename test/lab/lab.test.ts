/**
 * The lab suite: every scenario of every cluster in clusters.ts, run against real keepalived daemons in network
 * namespaces, on each keepalived version this machine has of HA_LINT_LAB_VERSIONS (default 2.2.7, the machine's own,
 * and 2.3.4, the sid root of scripts/roots/build.sh). Runs only as root with keepalived and ip installed.
 *  - The daemons must do what each cluster's `real` says for the version (checked with the binaries).
 *  - Every scenario must agree with the simulation (analysed for the same version), except where the cluster says the
 *    simulation does not follow that version yet (`waitsForCore`) and the simulation's own prediction differs from
 *    the real behaviour: those are listed as waiting for the core.
 *  - Where the model reads the configuration differently from keepalived's own dump, the difference must be one the
 *    cluster lists (`coreMisreads`), and a disagreement there is marked as the model's.
 *  - A lab-setup problem is never a disagreement.
 * HA_LINT_LAB_FULL=1 runs every cluster (npm test runs the `ci` sample); HA_LINT_LAB_CLUSTERS=a,b runs only those clusters; HA_LINT_LAB_JOBS sets how many clusters run at the same time (default 4); HA_LINT_LAB_REPORT=1 prints the tables,
 * HA_LINT_LAB_LOGS=DIR keeps each node's lab config and keepalived logs; HA_LINT_LAB=0 skips the suite.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { analyze } from "../../server/src/analyze.js";
import { findKeepalived, rootsFolder } from "../../server/src/lab/keepalived-binary.js";
import { describeDifference } from "../../server/src/lab/reading-differences.js";
import { labText } from "../../server/src/lab/report.js";
import { runLab, type LabClusterResult, type LabResult } from "../../server/src/lab/run-lab.js";
import type { Manifest } from "../../server/src/model/discovery.js";
import type { ClusterSimulation } from "../../server/src/simulate/scenarios.js";
import { virtualHost } from "../support/virtual-host.js";
import { labClusters, type LabCluster } from "./clusters.js";
import { labCanRun, labVersions } from "./lab-gate.js";

/** Root, keepalived and ip present; HA_LINT_LAB=0 skips the suite (many minutes) on a machine that could run it. */
const canRun = labCanRun(["keepalived", "ip"]);

/**
 * `npm test` runs the sample of clusters marked `ci`, with every behaviour change between keepalived 2.2 and 2.3
 * (about 8 minutes on 2 cores for both versions); HA_LINT_LAB_FULL=1
 * runs every cluster (the count of clusters is then checked); HA_LINT_LAB_CLUSTERS=a,b runs only those clusters.
 */
const only = process.env.HA_LINT_LAB_CLUSTERS?.split(",").map((c) => c.trim());
const full = !only && process.env.HA_LINT_LAB_FULL === "1";
const suite = only
  ? labClusters.filter((c) => only.includes(c.name))
  : full
    ? labClusters
    : labClusters.filter((c) => c.ci);

const versions = labVersions(canRun);

export const rootLinks = (): string[] =>
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
/** Mount points at or under `dir` as this process sees them. */
const mountsUnder = (dir: string): string[] =>
  readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((l) => l.split(" ")[4])
    .filter((m): m is string => m !== undefined && (m === dir || m.startsWith(`${dir}/`)));

const holders = (h: readonly string[] | null | undefined): string =>
  h === null || h === undefined ? "-" : h.length ? [...h].sort().join("+") : "nobody";

/** The clusters analysed for one keepalived version (nodes' declared addresses go to the model too). */
function simulationsFor(version: string): { sims: ClusterSimulation[]; declared: Map<string, string[]> } {
  const sims: ClusterSimulation[] = [];
  const declared = new Map<string, string[]>();
  for (const c of suite) {
    const roots = Object.keys(c.files).filter((f) => /keepalived\.conf$|haproxy\.cfg$/.test(f));
    let manifest: Manifest | undefined;
    if (c.declared) {
      const nodes = Object.entries(c.declared).map(([name, addresses]) => {
        const keepalived = `/lab/${c.name}/${name}/keepalived.conf`;
        declared.set(keepalived, addresses);
        return { name, keepalived, addresses };
      });
      manifest = { dir: `/lab/${c.name}`, clusters: [{ id: `/lab/${c.name}`, nodes }] };
    }
    const result = analyze({
      files: roots.map((path) => ({ path, text: c.files[path] })),
      host: virtualHost(c.files),
      settings: { keepalivedVersion: version },
      ...(manifest ? { manifest } : {}),
    });
    sims.push(...result.input.simulations);
  }
  return { sims, declared };
}

/** Predictions of the simulation for a cluster, by scenario id (its own, without the lab). */
function predictionsOf(sims: readonly ClusterSimulation[], name: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of sims.filter((x) => x.cluster.id === `/lab/${name}`))
    for (const r of s.routers)
      for (const o of [r.baseline, ...r.failures, ...r.recoveries]) out.set(o.id, holders(o.holders));
  return out;
}

describe.runIf(versions.length > 0).each(versions.length ? versions : ["none"])("lab on keepalived %s", (version) => {
  let result: LabResult;
  let linksBefore: string[];
  let predictions: ClusterSimulation[] = [];
  const waiting: string[] = [];
  const byName = (name: string): LabClusterResult[] => result.clusters.filter((c) => c.id === name);

  beforeAll(async () => {
    linksBefore = rootLinks();
    const { sims, declared } = simulationsFor(version);
    predictions = sims;
    result = await runLab(sims, {
      jobs: Number(process.env.HA_LINT_LAB_JOBS ?? 4),
      timeout: 40 * 60,
      displayId: (id) => id.replace(/^\/lab\//, ""),
      keepalived: findKeepalived(version)!,
      declaredAddresses: declared,
      ...(process.env.HA_LINT_LAB_LOGS ? { keepLogs: join(process.env.HA_LINT_LAB_LOGS, version) } : {}),
    });
    if (process.env.HA_LINT_LAB_REPORT) process.stdout.write(labText(result));
  }, 45 * 60_000);

  afterAll(() => {
    if (result)
      process.stderr.write(
        `lab suite on keepalived ${version}: ${result.clusters.length} clusters, ${result.scenarios} scenarios, ` +
          `${result.agreements} agree (${result.races} races), ${result.disagreements} disagree ` +
          `(${result.modelReadingDisagreements} from the model's reading), ${result.setupProblems} with a lab-setup ` +
          `problem, ${result.seconds}s\n` +
          (waiting.length ? `waiting for the core on ${version}:\n${waiting.map((w) => `  ${w}`).join("\n")}\n` : ""),
      );
  });

  test("the keepalived asked for ran, every cluster of the suite ran (30 or more in full), none skipped or failed", () => {
    expect(result.keepalivedVersion).toBe(version);
    const ran = result.clusters.filter((c) => !c.skipped && !c.error && c.setupProblems.length === 0);
    if (full) {
      expect(labClusters.length).toBeGreaterThanOrEqual(30);
      expect(ran.length).toBeGreaterThanOrEqual(30);
    } else if (!only) expect(ran.length).toBeGreaterThanOrEqual(suite.filter((c) => !c.setupProblem).length);
    const expectedProblems = new Set(suite.filter((c) => c.setupProblem).map((c) => c.name));
    expect(
      result.clusters
        .filter((c) => c.skipped || c.error || (c.setupProblems.length > 0 && !expectedProblems.has(c.id)))
        .map((c) => `${c.id}: ${c.skipped ?? c.error ?? c.setupProblems.join("; ")}`),
    ).toEqual([]);
  });

  test.each(suite.map((c) => [c.name, c] as [string, LabCluster]))("%s", (name, cluster) => {
    const clusters = byName(name);
    expect(clusters.length).toBeGreaterThan(0);
    const logs = clusters.flatMap((c) => Object.entries(c.logs ?? {}).map(([n, l]) => `--- ${n}\n${l}`)).join("\n");

    if (cluster.setupProblem) {
      // Reported as a lab-setup problem: no scenario run, none counted as a disagreement.
      expect(clusters.flatMap((c) => c.setupProblems).join("\n")).toMatch(cluster.setupProblem);
      const scenarios = clusters.flatMap((c) => c.routers.flatMap((r) => r.scenarios));
      expect(scenarios.filter((s) => s.agree !== "skipped")).toEqual([]);
      return;
    }
    expect(clusters.flatMap((c) => c.setupProblems)).toEqual([]);

    // Where the model reads the configuration differently from keepalived: only the differences the cluster lists.
    const allowed = new Set(cluster.coreMisreads?.(version) ?? []);
    const differences = clusters.flatMap((c) => c.readingDifferences);
    expect(differences.filter((d) => !allowed.has(d.item)).map(describeDifference)).toEqual([]);
    if (differences.length)
      waiting.push(`${name}: the model misreads ${[...new Set(differences.map((d) => d.item))].join(", ")}`);

    const scenarios = clusters.flatMap((c) => c.routers.flatMap((r) => r.scenarios));
    expect(scenarios.length).toBeGreaterThan(0);

    // What the real daemons do on this version, whatever the simulation predicts.
    const real = cluster.real?.(version);
    if (real) {
      const seen = Object.fromEntries(scenarios.map((s) => [s.id, holders(s.observed)]));
      expect(seen, logs).toEqual(real);
    }
    const detection = cluster.detection?.(version);
    if (detection) {
      const s = scenarios.find((x) => x.id === detection.scenario);
      expect(s?.detectSeconds, `${detection.scenario} detection`).toBeDefined();
      if (detection.min !== undefined) expect(s!.detectSeconds!).toBeGreaterThanOrEqual(detection.min);
      if (detection.max !== undefined) expect(s!.detectSeconds!).toBeLessThanOrEqual(detection.max);
    }

    // Agreement with the simulation of this version.
    const predicted = predictionsOf(predictions, name);
    const bad = scenarios.filter((s) => s.agree !== "yes" && s.agree !== "race");
    const excused = bad.filter((s) => {
      // The simulation does not follow this version yet: its prediction differs from the checked real behaviour.
      if (cluster.waitsForCore && real && predicted.get(s.id) !== real[s.id]) return true;
      // The model misreads the configuration (a listed difference): the disagreement is the model's.
      return s.cause === "model-reading" && differences.length > 0;
    });
    for (const s of excused)
      waiting.push(
        `${name} ${s.id}: simulation ${holders(s.predicted)}, keepalived ${holders(s.observed)}` +
          (s.cause === "model-reading" ? " (the model's reading)" : ` (${cluster.waitsForCore})`),
      );
    expect(
      bad
        .filter((s) => !excused.includes(s))
        .map((s) => `${s.id}: predicted ${holders(s.predicted)}, observed ${holders(s.observed)} (${s.agree})`),
      logs,
    ).toEqual([]);
    // A disagreement in a cluster without reading differences is never put down to the model's reading.
    if (differences.length === 0) expect(scenarios.filter((s) => s.cause === "model-reading")).toEqual([]);
  });

  test("no namespace, link, mount, keepalived process or lab folder of the run remains", () => {
    const ours = result.clusters.flatMap((c) => c.namespaces);
    expect(ours.length).toBeGreaterThan(0);
    const left = namespaces();
    expect(ours.filter((n) => left.includes(n))).toEqual([]);
    expect(left.filter((n) => n.startsWith(`hl-${process.pid}-`))).toEqual([]);
    // Links are created straight inside the lab namespaces: the host's namespace never sees one.
    expect(rootLinks().filter((l) => !linksBefore.includes(l))).toEqual([]);
    expect(labDaemons(result.labDir)).toEqual([]);
    expect(existsSync(result.labDir)).toBe(false);
    const root = findKeepalived(version)!.root;
    expect(mountsUnder(result.labDir)).toEqual([]);
    if (root) {
      // Inside the root: nothing mounted where the lab bound its folder, and the folder made for it is gone.
      expect(mountsUnder(join(root, result.labDir))).toEqual([]);
      expect(existsSync(join(root, result.labDir))).toBe(false);
      expect(root.startsWith(rootsFolder())).toBe(true);
    }
  });
});
