/**
 * Drive real keepalived daemons through the simulation's scenarios and compare the VIP holders.
 * For each cluster: plan (lab configs), namespaces, start every node, then baseline, each failure and its recovery
 * (same ids as `ha-lint simulate`), reading the VIP holders with `ip addr` in each namespace.
 */
import { join } from "node:path";
import type { ClusterSimulation, ScenarioOutcome } from "../simulation.js";
import { ClusterRun } from "./cluster-run.js";
import { LabUnsupported, planCluster, stubShell, type LabClusterPlan } from "./lab-config.js";
import { chosenClusters, inLabPool, type LabRunOptions } from "./cluster-pool.js";
import type { KeepalivedBinary } from "./keepalived-binary.js";
import { maskDumpSecrets } from "./keepalived-dump.js";
import type { NodeReading } from "./lab-reading.js";
import type { Agreement } from "./lab-predictions.js";
import type { ReadingDifference } from "./reading-differences.js";
import { ClusterLab, preflight } from "./system.js";

export type { Agreement } from "./lab-predictions.js";

export interface LabScenarioResult {
  id: string;
  predicted: string[];
  observed: string[] | null;
  agree: Agreement;
  /** The simulation marks the scenario as a race (timing decides between tied nodes). */
  race: boolean;
  /** The simulation's verdict for the scenario (ok, no-failover, split-brain, vip-lost, no-failback). */
  verdict: ScenarioOutcome["verdict"];
  /** Seconds from applying the fault to reading the holders. */
  seconds: number;
  /**
   * Seconds from applying a script fault to keepalived's log line of the script's new state (the detection time the
   * real daemon shows), when the log shows it.
   */
  detectSeconds?: number;
  /** A disagreement in a cluster whose model reads the configuration differently from keepalived. */
  cause?: "model-reading";
  note?: string;
}

export interface LabRouterResult {
  name: string;
  vrid: number | null;
  vips: string[];
  labVips: string[];
  nodes: string[];
  scenarios: LabScenarioResult[];
}

export interface LabClusterResult {
  id: string;
  /** Why the cluster was not run (unsupported feature, setup failure). */
  skipped?: string;
  error?: string;
  routers: LabRouterResult[];
  notes: string[];
  seconds: number;
  /** Namespaces the run created for this cluster (all removed at the end). */
  namespaces: string[];
  /** The lab's setup contradicts what keepalived reads: no scenario was run (never a disagreement). */
  setupProblems: string[];
  /** Where the model reads the configuration differently from keepalived (whose reading the lab follows). */
  readingDifferences: ReadingDifference[];
  /** What keepalived read on each node (its own dump), in lab addresses. */
  readings?: Record<string, NodeReadingSummary>;
  /** keepalived log excerpts of the nodes when something disagreed. */
  logs?: Record<string, string>;
}

/** A node's instances as keepalived read them (lab addresses). */
export interface NodeReadingSummary {
  addresses: string[];
  instances: {
    name: string;
    interface?: string;
    source?: string;
    sourceFromConfig: boolean;
    unicast: boolean;
    peers: string[];
    vips: string[];
    strict: boolean;
    trackedScripts: string[];
  }[];
  scripts: { name: string; interval?: number; fall?: number; rise?: number }[];
}

export interface LabResult {
  clusters: LabClusterResult[];
  scenarios: number;
  agreements: number;
  races: number;
  disagreements: number;
  /** Disagreements in clusters whose model misreads the configuration (part of `disagreements`). */
  modelReadingDisagreements: number;
  /** Clusters not run because the lab's setup contradicts keepalived's reading. */
  setupProblems: number;
  skipped: number;
  seconds: number;
  keepalivedVersion?: string;
  /** The run's lab folder (removed at the end). */
  labDir: string;
}

export interface LabOptions extends LabRunOptions {
  /** Copy each node's lab config and keepalived log here. */
  keepLogs?: string;
  /** The keepalived to run (default: preflight()'s, the machine's own). */
  keepalived?: KeepalivedBinary;
}

/** Numbers each cluster lab of this process: namespaces are `hl-<pid>-<n>-<node>`. */
let labCounter = 0;

class Deadline {
  constructor(private readonly at: number) {}
  left(): number {
    return (this.at - Date.now()) / 1000;
  }
  passed(): boolean {
    return Date.now() >= this.at;
  }
}

export async function runLab(simulations: readonly ClusterSimulation[], options: LabOptions = {}): Promise<LabResult> {
  const started = Date.now();
  const display = options.displayId ?? ((id: string) => id);
  const deadline = new Deadline(started + (options.timeout ?? 1800) * 1000);
  const chosen = chosenClusters(simulations, options.cluster, display);
  const keepalived = options.keepalived ?? preflight().keepalived;
  const { results, base } = await inLabPool(chosen, options.jobs, "ha-lint-lab-", async (sim, i, dir) => {
    const result = await runCluster(sim, {
      prefix: `hl-${process.pid}-${++labCounter}`,
      dir: join(dir, `c${i}`),
      deadline,
      display,
      options,
      keepalived,
    });
    options.progress?.(`${display(sim.cluster.id) || "."}: ${summaryLine(result)}`);
    return result;
  });
  const all = results.flatMap((c) => c.routers.flatMap((r) => r.scenarios));
  return {
    clusters: results,
    scenarios: all.length,
    agreements: all.filter((s) => s.agree === "yes" || s.agree === "race").length,
    races: all.filter((s) => s.agree === "race").length,
    disagreements: all.filter((s) => s.agree === "no").length,
    modelReadingDisagreements: all.filter((s) => s.agree === "no" && s.cause === "model-reading").length,
    setupProblems: results.filter((c) => c.setupProblems.length > 0).length,
    skipped: all.filter((s) => s.agree === "skipped").length + results.filter((c) => c.skipped || c.error).length,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    labDir: base,
    keepalivedVersion: keepalived.version,
  };
}

function summaryLine(c: LabClusterResult): string {
  if (c.skipped) return `skipped (${c.skipped})`;
  if (c.error) return `error (${c.error})`;
  if (c.setupProblems.length) return `lab setup problem (${c.setupProblems[0]})`;
  const s = c.routers.flatMap((r) => r.scenarios);
  return (
    `${s.length} scenarios, ${s.filter((x) => x.agree === "yes" || x.agree === "race").length} agree, ` +
    `${s.filter((x) => x.agree === "no").length} disagree (${c.seconds}s)`
  );
}

interface ClusterRunContext {
  prefix: string;
  dir: string;
  deadline: Deadline;
  display: (id: string) => string;
  options: LabOptions;
  keepalived: KeepalivedBinary;
}

/** Plan the cluster's lab copies, or say why the lab cannot run it. */
function planLab(sim: ClusterSimulation, rc: ClusterRunContext): LabClusterPlan | { skipped: string } {
  try {
    const plan = planCluster(sim.cluster, rc.dir, {
      shell: stubShell(rc.keepalived.root),
      ...(rc.options.declaredAddresses ? { declaredAddresses: rc.options.declaredAddresses } : {}),
    });
    const undrivable = plan.nodes.flatMap((n) => n.undrivable.map((u) => `${n.node.name}/${u}`));
    if (undrivable.length > 0)
      throw new LabUnsupported(`${undrivable.join(", ")}: the lab cannot drive track_process or track_file`);
    return plan;
  } catch (e) {
    if (e instanceof LabUnsupported) return { skipped: e.message };
    throw e;
  }
}

async function runCluster(sim: ClusterSimulation, rc: ClusterRunContext): Promise<LabClusterResult> {
  const started = Date.now();
  const id = rc.display(sim.cluster.id) || ".";
  const result: LabClusterResult = {
    id,
    routers: [],
    notes: [],
    seconds: 0,
    namespaces: [],
    setupProblems: [],
    readingDifferences: [],
  };
  const plan = planLab(sim, rc);
  if ("skipped" in plan) return { ...result, skipped: plan.skipped };
  for (const n of plan.nodes) for (const note of n.notes) result.notes.push(`${n.node.name}: ${note}`);
  // A bridge only where an interface fault takes a node's lab link down (the others stay joined).
  const linkDown = ClusterRun.faultsOf(sim).some(
    (f) =>
      f.kind === "interface" &&
      plan.nodes.some((n) => n.node.name === f.node && n.interfaces.get(f.name ?? "") === n.link),
  );
  const lab = new ClusterLab(plan, { prefix: rc.prefix, dir: rc.dir, bridge: linkDown, keepalived: rc.keepalived });
  const run = new ClusterRun(sim, plan, lab, result, rc.deadline);
  try {
    lab.setup();
    result.namespaces = lab.namespaces();
    const readable = await run.read();
    result.readings = summariseReadings(lab, run.nodeReadings);
    if (readable) {
      lab.linksUp();
      await run.drive();
    }
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
  } finally {
    const disagreed =
      result.error !== undefined || result.routers.some((r) => r.scenarios.some((s) => s.agree === "no"));
    if (disagreed || result.setupProblems.length > 0)
      result.logs = Object.fromEntries(
        lab.nodes.map((n) => [n.plan.node.name, maskDumpSecrets(lab.logTail(n, 60, result.setupProblems.length > 0))]),
      );
    await lab.stopAll().catch(() => undefined);
    lab.teardownSync(rc.options.keepLogs ? join(rc.options.keepLogs, sanitize(id)) : undefined);
    result.seconds = Math.round((Date.now() - started) / 100) / 10;
  }
  return result;
}

function sanitize(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]+/g, "_").replace(/^_+|_+$/g, "") || "cluster";
}

/** What keepalived read on each node, for the report (no passwords). */
function summariseReadings(
  lab: ClusterLab,
  readings: ReadonlyMap<string, NodeReading>,
): Record<string, NodeReadingSummary> {
  const out: Record<string, NodeReadingSummary> = {};
  for (const n of lab.nodes) {
    const dump = readings.get(n.plan.key)?.dump;
    out[n.plan.node.name] = {
      addresses: n.plan.linkAddresses,
      instances: (dump?.instances ?? []).map((i) => ({
        name: i.name,
        ...(i.interface ? { interface: i.interface } : {}),
        ...(i.source ? { source: i.source } : {}),
        sourceFromConfig: i.sourceFromConfig,
        unicast: i.unicast,
        peers: i.peers,
        vips: i.vips.map((v) => (v.prefix === 32 ? v.address : `${v.address}/${v.prefix}`)),
        strict: i.strict,
        trackedScripts: i.trackedScripts.map((t) => `${t.name} weight ${t.weight}${t.reverse ? " reverse" : ""}`),
      })),
      scripts: (dump?.scripts ?? []).map((s) => ({
        name: s.name,
        ...(s.interval !== undefined ? { interval: s.interval } : {}),
        ...(s.fall !== undefined ? { fall: s.fall } : {}),
        ...(s.rise !== undefined ? { rise: s.rise } : {}),
      })),
    };
  }
  return out;
}
