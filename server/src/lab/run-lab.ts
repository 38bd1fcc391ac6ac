/**
 * Drive real keepalived daemons through the simulation's scenarios and compare the VIP holders.
 * For each cluster: plan (lab configs), namespaces, start every node, then baseline, each failure and its recovery
 * (same ids as `ha-lint simulate`), reading the VIP holders with `ip addr` in each namespace.
 */
import { join } from "node:path";
import type { Member } from "../simulate/hearing.js";
import {
  failureFaults,
  faultId,
  runScenario,
  simulationContext,
  type ClusterSimulation,
  type Fault,
  type RouterSimulation,
  type ScenarioOutcome,
} from "../simulate/scenarios.js";
import { LabUnsupported, planCluster, stubShell, type LabClusterPlan } from "./lab-config.js";
import { chosenClusters, inLabPool } from "./cluster-pool.js";
import type { KeepalivedBinary } from "./keepalived-binary.js";
import { maskDumpSecrets, type KeepalivedDump } from "./keepalived-dump.js";
import { readCluster, type NodeReading } from "./lab-reading.js";
import { describeDifference, readingDifferences, type ReadingDifference } from "./reading-differences.js";
import { ClusterLab, preflight, sleep, type NodeRuntime } from "./system.js";

export type Agreement = "yes" | "race" | "no" | "skipped";

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

export interface LabOptions {
  /** Only this cluster (its displayed id). */
  cluster?: string;
  /** Limit of the whole run, seconds. */
  timeout?: number;
  /** Copy each node's lab config and keepalived log here. */
  keepLogs?: string;
  /** Clusters run at the same time. */
  jobs?: number;
  displayId?: (id: string) => string;
  /** Progress lines (stderr in the CLI). */
  progress?: (line: string) => void;
  /** The keepalived to run (default: preflight()'s, the machine's own). */
  keepalived?: KeepalivedBinary;
  /** Addresses the cluster declares per node, by keepalived file (`addresses:` of .ha-lint.yaml). */
  declaredAddresses?: ReadonlyMap<string, readonly string[]>;
}

/** Numbers each cluster lab of this process: namespaces are `hl-<pid>-<n>-<node>`. */
let labCounter = 0;

/**
 * Timings that bound each wait (SEMANTICS 1.4): a backup takes over at most 3*advert_int + skew (skew < 1 s) after
 * the last advert it accepted; a script changes state after fall (rise) results, one per interval.
 */
interface Timing {
  masterDown: number;
  preempt: number;
  /** Longest time a script needs to change state (fall or rise results, plus one interval of phase, plus timeout). */
  scriptDetect: number;
  /** How long agreeing holders must stay unchanged before a changed outcome is taken as final. */
  stable: number;
}

/** Timings from what keepalived read (advert intervals, preempt delays, the tracked scripts' timings). */
function timingOf(dumps: readonly KeepalivedDump[]): Timing {
  let advert = 1;
  let preempt = 0;
  let scriptDetect = 0;
  for (const d of dumps) {
    for (const inst of d.instances) {
      if (inst.advertInt !== undefined && inst.advertInt > advert) advert = inst.advertInt;
      if (inst.preemptDelay !== undefined && inst.preemptDelay > preempt) preempt = Math.min(inst.preemptDelay, 1000);
    }
    for (const s of d.scripts) {
      const interval = s.interval !== undefined && s.interval > 0 ? s.interval : 1;
      const rf = Math.max(s.fall ?? 1, s.rise ?? 1, 1);
      scriptDetect = Math.max(scriptDetect, interval * (rf + 1) + (s.timeout ?? 0));
    }
  }
  return { masterDown: 3 * advert + 1, preempt, scriptDetect, stable: 1.5 * advert + 0.5 };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");
}

/** Nodes tied for the top priority among those standing in a scenario. */
function tiedNodes(o: ScenarioOutcome): string[] {
  const prios = Object.entries(o.priorities).filter((e): e is [string, number] => typeof e[1] === "number");
  if (prios.length === 0) return [];
  const top = Math.max(...prios.map((e) => e[1]));
  return prios.filter((e) => e[1] === top).map((e) => e[0]);
}

interface Prediction {
  holders: string[];
  race: boolean;
  tied: string[];
  outcome: ScenarioOutcome;
}

const predictionOf = (o: ScenarioOutcome): Prediction => ({
  holders: o.holders,
  race: o.race,
  tied: tiedNodes(o),
  outcome: o,
});

/** The simulation's outcomes when the scenario starts from other incumbents (after a start-up race went the other way). */
function predictFrom(r: RouterSimulation, incumbentNames: readonly string[]): Map<string, Prediction> {
  const ctx = simulationContext(r.router);
  const incumbents = new Set<Member>(ctx.members.filter((m) => incumbentNames.includes(m.node.name)));
  const out = new Map<string, Prediction>();
  for (const fault of failureFaults(ctx)) {
    const id = faultId(fault);
    const f = runScenario(ctx, id, [fault], incumbents);
    out.set(id, predictionOf(f.outcome));
    const back = ctx.members.filter(
      (m) => fault.kind === "down" && m.node.name === fault.node && ctx.trackers.get(m)!.initialState === "MASTER",
    );
    const rec = runScenario(ctx, `recover:${id}`, [], new Set([...f.masters, ...back]));
    out.set(`recover:${id}`, predictionOf(rec.outcome));
  }
  return out;
}

/** Agreement of the observed holders with a prediction; a race agrees when one of the tied nodes holds the VIP. */
function judge(p: Prediction, observed: string[]): Agreement {
  if (p.race && observed.length === 1 && p.tied.includes(observed[0])) return "race";
  return sameSet(p.holders, observed) ? "yes" : "no";
}

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
  return `${s.length} scenarios, ${s.filter((x) => x.agree === "yes" || x.agree === "race").length} agree, ${s.filter((x) => x.agree === "no").length} disagree (${c.seconds}s)`;
}

interface ClusterRunContext {
  prefix: string;
  dir: string;
  deadline: Deadline;
  display: (id: string) => string;
  options: LabOptions;
  keepalived: KeepalivedBinary;
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
  let plan: LabClusterPlan;
  try {
    plan = planCluster(sim.cluster, rc.dir, {
      shell: stubShell(rc.keepalived.root),
      ...(rc.options.declaredAddresses ? { declaredAddresses: rc.options.declaredAddresses } : {}),
    });
    const undrivable = plan.nodes.flatMap((n) => n.undrivable.map((u) => `${n.node.name}/${u}`));
    if (undrivable.length > 0)
      throw new LabUnsupported(`${undrivable.join(", ")}: the lab cannot drive track_process or track_file`);
  } catch (e) {
    if (e instanceof LabUnsupported) {
      result.skipped = e.message;
      return result;
    }
    throw e;
  }
  for (const n of plan.nodes) for (const note of n.notes) result.notes.push(`${n.node.name}: ${note}`);
  let timing: Timing = timingOf([]);
  let readings = new Map<string, NodeReading>();

  // Routers and the predictions (the simulation's, for the same scenario ids). The VIPs each member holds when it is
  // master are the ones keepalived reads (filled in once it has read the configurations).
  const routers = sim.routers.map((r) => {
    const all = [r.baseline, ...r.failures, ...r.recoveries];
    const first = r.router.members[0]?.instance;
    const res: LabRouterResult = {
      name: r.router.name,
      vrid: first?.vrid?.value ?? null,
      vips: first?.vips.map((v) => v.text) ?? [],
      labVips: [],
      nodes: r.router.members.map((m) => m.node.name),
      scenarios: [],
    };
    result.routers.push(res);
    const byId = new Map(all.map((o) => [o.id, predictionOf(o)]));
    return { sim: r, res, vipsOf: new Map<string, string[]>(), byId, current: byId };
  });
  const readVips = (): void => {
    for (const r of routers) {
      r.vipsOf = new Map(
        r.sim.router.members.map((m) => {
          const key = plan.nodes.find((p) => p.node === m.node)?.key;
          const inst = readings.get(key ?? "")?.dump?.instances.find((i) => i.name === m.instance.name);
          return [m.node.name, (inst?.vips ?? []).map((v) => v.address)];
        }),
      );
      const firstKey = plan.nodes.find((p) => p.node === r.sim.router.members[0]?.node)?.key;
      const firstInst = readings
        .get(firstKey ?? "")
        ?.dump?.instances.find((i) => i.name === r.sim.router.members[0]?.instance.name);
      r.res.labVips = (firstInst?.vips ?? []).map((v) => (v.prefix === 32 ? v.address : `${v.address}/${v.prefix}`));
    }
  };

  // The faults to drive, in the simulation's order, once per cluster (routers share nodes).
  const faults: Fault[] = [];
  for (const r of sim.routers)
    for (const f of r.failures) if (!faults.some((x) => faultId(x) === f.id)) faults.push(f.faults[0]);
  const linkDown = faults.some(
    (f) =>
      f.kind === "interface" &&
      plan.nodes.some((n) => n.node.name === f.node && n.interfaces.get(f.name ?? "") === n.link),
  );

  const lab = new ClusterLab(plan, { prefix: rc.prefix, dir: rc.dir, bridge: linkDown, keepalived: rc.keepalived });
  const runtime = (name: string): NodeRuntime | undefined => lab.nodes.find((n) => n.plan.node.name === name);
  const observe = (r: (typeof routers)[number]): string[] =>
    r.sim.router.members
      .filter((m) => {
        const n = runtime(m.node.name);
        if (!n) return false;
        const have = lab.addresses(n);
        return (r.vipsOf.get(m.node.name) ?? []).some((v) => have.has(v));
      })
      .map((m) => m.node.name)
      .sort();

  /**
   * Wait until the holders are final. The fault takes effect at once (interface, stop, start) or when the node's log
   * shows the script's new state (else after the longest script detection time). From then on, a takeover the
   * simulation did not predict would happen within one master-down interval (+ preempt_delay): that long is waited
   * when no change is expected. When a change is expected, the wait ends as soon as every router agrees and has been
   * stable for a while, or at a bound of two master-down intervals.
   */
  const settle = async (
    scenarioId: string,
    before: Map<string, string[]>,
    effect:
      { immediate: true; extra?: number } | { immediate: false; node: NodeRuntime; pattern: RegExp; logFrom: number },
  ): Promise<{ observed: Map<string, string[]>; seconds: number; detect?: number }> => {
    const t0 = Date.now();
    const hardEnd = Math.min(
      t0 + (timing.scriptDetect + 2 * timing.masterDown + timing.preempt + 4) * 1000,
      t0 + Math.max(0, rc.deadline.left()) * 1000,
    );
    let effectAt: number | undefined = effect.immediate ? t0 + (effect.extra ?? 0) * 1000 : undefined;
    let detectedAt: number | undefined;
    let lastKey = "";
    let since = Date.now();
    let observed = new Map<string, string[]>();
    const relevant = routers.filter((r) => r.current.has(scenarioId));
    const changeExpected = relevant.some(
      (r) => !sameSet(r.current.get(scenarioId)!.holders, before.get(r.res.name) ?? []),
    );
    for (;;) {
      observed = new Map(routers.map((r) => [r.res.name, observe(r)]));
      const now = Date.now();
      const key = JSON.stringify([...observed]);
      if (key !== lastKey) {
        lastKey = key;
        since = now;
      }
      if (effectAt === undefined && !effect.immediate) {
        if (effect.pattern.test(lab.logSince(effect.node, effect.logFrom))) effectAt = detectedAt = now;
        else if (now - t0 >= timing.scriptDetect * 1000) effectAt = now;
      }
      if (now >= hardEnd) break;
      const allAgree = relevant.every((r) => judge(r.current.get(scenarioId)!, observed.get(r.res.name)!) !== "no");
      if (relevant.length > 0 && allAgree && changeExpected && (now - since) / 1000 >= timing.stable) break;
      if (
        !changeExpected &&
        effectAt !== undefined &&
        now >= effectAt + (timing.masterDown + timing.preempt + 0.5) * 1000 &&
        (now - since) / 1000 >= timing.stable
      )
        break;
      await sleep(200);
    }
    return {
      observed,
      seconds: Math.round((Date.now() - t0) / 100) / 10,
      ...(detectedAt !== undefined ? { detect: Math.round((detectedAt - t0) / 100) / 10 } : {}),
    };
  };

  const record = (scenarioId: string, observed: Map<string, string[]>, seconds: number, detect?: number): void => {
    for (const r of routers) {
      const p = r.current.get(scenarioId);
      if (!p) continue;
      const obs = observed.get(r.res.name) ?? [];
      const agree =
        r.vipsOf.size === 0 || [...r.vipsOf.values()].every((v) => v.length === 0) ? "skipped" : judge(p, obs);
      const s: LabScenarioResult = {
        id: scenarioId,
        predicted: p.holders,
        observed: obs,
        agree,
        race: p.race,
        verdict: p.outcome.verdict,
        seconds,
        ...(detect !== undefined ? { detectSeconds: detect } : {}),
        ...(agree === "no" && result.readingDifferences.length > 0 ? { cause: "model-reading" as const } : {}),
      };
      if (agree === "skipped") s.note = "no VIP to observe";
      if (p !== r.byId.get(scenarioId))
        s.note = `predicted from the observed start-up holders ${r.res.scenarios[0]?.observed?.join("+") || "nobody"} (start-up race)`;
      r.res.scenarios.push(s);
    }
  };
  const notRun = (scenarioId: string, why: string): void => {
    for (const r of routers) {
      const p = r.current.get(scenarioId);
      if (p)
        r.res.scenarios.push({
          id: scenarioId,
          predicted: p.holders,
          observed: null,
          agree: "skipped",
          race: p.race,
          verdict: p.outcome.verdict,
          seconds: 0,
          note: why,
        });
    }
  };
  const holdersNow = (): Map<string, string[]> => new Map(routers.map((r) => [r.res.name, observe(r)]));

  /** Use predictions that start from the observed baseline when a start-up race went the other way. */
  const adoptBaseline = (observed: Map<string, string[]>): void => {
    for (const r of routers) {
      const p = r.byId.get("baseline")!;
      const obs = observed.get(r.res.name) ?? [];
      if (!sameSet(p.holders, obs) && judge(p, obs) === "race") {
        const re = predictFrom(r.sim, obs);
        r.current = new Map([["baseline", p], ...re]);
      } else r.current = r.byId;
    }
  };

  let baselineObserved = new Map<string, string[]>();
  /**
   * Start every node together, like a cluster boot. Where an instance has preemption off (keepalived's own reading),
   * the node whose master-down timer ends first keeps the VIP, and the timers of nodes with different priorities
   * differ only by their skew ((256 - priority) / 256 s: 78 ms for 120 vs 100). The lab measures when each daemon
   * entered its first state; when that spread is wider than half the smallest skew difference, the simultaneous
   * start the simulation assumes did not happen, and the boot is repeated (at most twice, each time noted). The
   * decision rests on the measured spread only, never on who won.
   */
  const bootMargin = (): number | undefined => {
    let margin: number | undefined;
    for (const r of routers) {
      const insts = r.sim.router.members.map((m) => {
        const key = plan.nodes.find((p) => p.node === m.node)?.key;
        return readings.get(key ?? "")?.dump?.instances.find((i) => i.name === m.instance.name);
      });
      if (!insts.some((i) => i?.preempt === false)) continue;
      const prios = [...new Set(insts.map((i) => i?.priority).filter((x): x is number => x !== undefined))];
      for (const a of prios) for (const b of prios) if (a > b) margin = Math.min(margin ?? Infinity, (a - b) / 256);
    }
    return margin;
  };
  const startAll = async (label: string): Promise<{ observed: Map<string, string[]>; seconds: number }> => {
    const margin = bootMargin();
    for (let attempt = 1; ; attempt++) {
      const from = new Map(lab.nodes.map((n) => [n, lab.logSize(n)]));
      for (const n of lab.nodes) lab.start(n);
      if (margin === undefined) break;
      const entered = await lab.firstStateTimes(lab.nodes, from, 15_000);
      const times = [...entered.values()];
      const spread = times.length === lab.nodes.length ? (Math.max(...times) - Math.min(...times)) / 1000 : Infinity;
      if (spread <= margin / 2) {
        result.notes.push(
          `${label}: start-up spread ${Math.round(spread * 1000)} ms (at most ${Math.round((margin * 1000) / 2)} ms for a start without preemption)`,
        );
        break;
      }
      const what = `start-up spread ${Number.isFinite(spread) ? `${Math.round(spread * 1000)} ms` : "unknown"}, over half the skew difference (${Math.round((margin * 1000) / 2)} ms) that decides a start without preemption`;
      if (attempt >= 3) {
        result.notes.push(`${label}: ${what}; the boot was tried ${attempt} times and is taken as it came`);
        break;
      }
      result.notes.push(`${label}: ${what}: boot repeated`);
      await lab.stopAll();
    }
    return settle(label, new Map(), { immediate: true, extra: timing.scriptDetect + 1 });
  };

  try {
    lab.setup();
    result.namespaces = lab.namespaces();
    // keepalived reads every node's configuration first (links down): the nodes' addresses, the VIPs to watch and
    // the timings follow its reading; a setup that contradicts it is reported, not run.
    const read = await readCluster(lab, plan);
    readings = read.readings;
    result.notes.push(...read.notes);
    result.readings = summariseReadings(lab, readings);
    if (read.problems.length > 0) {
      result.setupProblems = read.problems;
      for (const r of routers) for (const scenarioId of r.byId.keys()) notRun(scenarioId, "lab setup problem");
      return result;
    }
    readVips();
    timing = timingOf([...readings.values()].flatMap((r) => (r.dump ? [r.dump] : [])));
    result.readingDifferences = readingDifferences(sim, plan, readings);
    lab.linksUp();
    // Scripts start healthy (no fail files): start every node together, like a cluster boot.
    const b = await startAll("baseline");
    baselineObserved = b.observed;
    record("baseline", b.observed, b.seconds);
    adoptBaseline(b.observed);

    for (const fault of faults) {
      const fid = faultId(fault);
      if (rc.deadline.passed()) {
        notRun(fid, "run time limit reached");
        notRun(`recover:${fid}`, "run time limit reached");
        continue;
      }
      const n = runtime(fault.node);
      if (!n || fault.kind === "process") {
        notRun(
          fid,
          fault.kind === "process" ? "track_process faults are not driven by the lab" : "node not in the lab",
        );
        notRun(`recover:${fid}`, "not run");
        continue;
      }
      const before = holdersNow();
      const scriptEffect = (state: "failed" | "succeeded") => ({
        immediate: false as const,
        node: n,
        pattern: new RegExp(`VRRP_Script\\(${escapeRegExp(fault.name!)}\\) ${state}`),
        logFrom: lab.logSize(n),
      });
      let effect: Parameters<typeof settle>[2] = { immediate: true };
      if (fault.kind === "script") {
        effect = scriptEffect("failed");
        lab.setScriptFailing(n, fault.name!, true);
      } else if (fault.kind === "interface") lab.setInterface(n, fault.name!, false);
      else await lab.stop(n, "SIGTERM");
      const f = await settle(fid, before, effect);
      record(fid, f.observed, f.seconds, f.detect);

      let recEffect: Parameters<typeof settle>[2] = { immediate: true };
      if (fault.kind === "script") {
        recEffect = scriptEffect("succeeded");
        lab.setScriptFailing(n, fault.name!, false);
      } else if (fault.kind === "interface") lab.setInterface(n, fault.name!, true);
      else {
        // A restarted node needs its first script results before it counts its weights.
        recEffect = { immediate: true, extra: 0.5 + timing.scriptDetect };
        lab.start(n);
      }
      const rec = await settle(`recover:${fid}`, f.observed, recEffect);
      record(`recover:${fid}`, rec.observed, rec.seconds, rec.detect);

      // The next failure starts from the baseline holders, as the simulation assumes: restart when they differ.
      if (![...baselineObserved].every(([k, v]) => sameSet(v, rec.observed.get(k) ?? []))) {
        await lab.stopAll();
        const again = (await startAll("baseline")).observed;
        if (![...baselineObserved].every(([k, v]) => sameSet(v, again.get(k) ?? []))) {
          result.notes.push(
            `after the restart that followed ${fid} the start-up holders were ${[...again].map(([k, v]) => `${k}: ${v.join("+") || "nobody"}`).join(", ")}`,
          );
          baselineObserved = again;
          adoptBaseline(again);
        }
      }
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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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
