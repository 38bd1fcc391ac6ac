/**
 * One cluster of the VRRP lab, driven through the simulation's scenarios: the routers and what the lab expects of
 * them (lab-predictions.ts), the boot of every node, the wait until the holders are final, and the record of each
 * scenario. run-lab.ts plans the cluster and runs this in order; this file holds the steps.
 */
import { faultId, type ClusterSimulation, type Fault, type RouterSimulation } from "../simulation.js";
import type { LabClusterPlan } from "./lab-config.js";
import { readCluster, type NodeReading } from "./lab-reading.js";
import { judge, predictionsFrom, routerPredictions, type Prediction } from "./lab-predictions.js";
import { timingOf, type Timing } from "./lab-timing.js";
import { readingDifferences } from "./reading-differences.js";
import { type ClusterLab, sleep, type NodeRuntime } from "./system.js";
import type { LabClusterResult, LabRouterResult, LabScenarioResult } from "./run-lab.js";

/** Seconds left of the whole run. */
export interface RunDeadline {
  left(): number;
  passed(): boolean;
}

/** A router of the cluster: its result, the VIPs keepalived reads per member, and the predictions in force. */
interface RouterRun {
  sim: RouterSimulation;
  res: LabRouterResult;
  vipsOf: Map<string, string[]>;
  byId: Map<string, Prediction>;
  current: Map<string, Prediction>;
}

/** How a change takes effect: at once (plus `extra` seconds), or when the node's log shows the script's new state. */
type Effect =
  { immediate: true; extra?: number } | { immediate: false; node: NodeRuntime; pattern: RegExp; logFrom: number };

type Holders = Map<string, string[]>;

function sameSet(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && [...left].sort().join("\u0000") === [...right].sort().join("\u0000");
}

const sameHolders = (want: Holders, seen: Holders): boolean =>
  [...want].every(([router, holders]) => sameSet(holders, seen.get(router) ?? []));

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export class ClusterRun {
  private readonly routers: RouterRun[];
  private timing: Timing = timingOf([]);
  private readings = new Map<string, NodeReading>();
  private baselineObserved: Holders = new Map();

  constructor(
    private readonly sim: ClusterSimulation,
    private readonly plan: LabClusterPlan,
    private readonly lab: ClusterLab,
    private readonly result: LabClusterResult,
    private readonly deadline: RunDeadline,
  ) {
    // Routers and the predictions (the simulation's, for the same scenario ids).
    this.routers = sim.routers.map((routerRun) => {
      const first = routerRun.router.members[0]?.instance;
      const res: LabRouterResult = {
        name: routerRun.router.name,
        vrid: first?.vrid?.value ?? null,
        vips: first?.vips.map((v) => v.text) ?? [],
        labVips: [],
        nodes: routerRun.router.members.map((m) => m.node.name),
        scenarios: [],
      };
      result.routers.push(res);
      const byId = routerPredictions(routerRun);
      return { sim: routerRun, res, vipsOf: new Map<string, string[]>(), byId, current: byId };
    });
  }

  /** The faults to drive, in the simulation's order, once per cluster (routers share nodes). */
  static faultsOf(sim: ClusterSimulation): Fault[] {
    const faults: Fault[] = [];
    for (const router of sim.routers)
      for (const failure of router.failures)
        if (!faults.some((x) => faultId(x) === failure.id)) faults.push(failure.faults[0]);
    return faults;
  }

  get nodeReadings(): ReadonlyMap<string, NodeReading> {
    return this.readings;
  }

  /**
   * keepalived reads every node's configuration first (links down): the nodes' addresses, the VIPs to watch and the
   * timings follow its reading. False when the setup contradicts it (reported, no scenario run).
   */
  async read(): Promise<boolean> {
    const read = await readCluster(this.lab, this.plan);
    this.readings = read.readings;
    this.result.notes.push(...read.notes);
    if (read.problems.length > 0) {
      this.result.setupProblems = read.problems;
      for (const router of this.routers)
        for (const scenarioId of router.byId.keys()) this.notRun(scenarioId, "lab setup problem");
      return false;
    }
    this.readVips();
    this.timing = timingOf([...this.readings.values()].flatMap((r) => (r.dump ? [r.dump] : [])));
    this.result.readingDifferences = readingDifferences(this.sim, this.plan, this.readings);
    return true;
  }

  /** Baseline, then every fault and its recovery. */
  async drive(): Promise<void> {
    // Scripts start healthy (no fail files): start every node together, like a cluster boot.
    const boot = await this.startAll("baseline");
    this.baselineObserved = boot.observed;
    this.record("baseline", boot.observed, boot.seconds);
    this.adoptBaseline(boot.observed);
    for (const fault of ClusterRun.faultsOf(this.sim)) await this.driveFault(fault);
  }

  private instanceRead(node: RouterSimulation["router"]["members"][number]) {
    const key = this.plan.nodes.find((p) => p.node === node.node)?.key;
    return this.readings.get(key ?? "")?.dump?.instances.find((i) => i.name === node.instance.name);
  }

  /** The VIPs each member holds when it is master: the ones keepalived reads. */
  private readVips(): void {
    for (const routerRun of this.routers) {
      routerRun.vipsOf = new Map(
        routerRun.sim.router.members.map((member) => [
          member.node.name,
          (this.instanceRead(member)?.vips ?? []).map((v) => v.address),
        ]),
      );
      const first = routerRun.sim.router.members[0];
      const firstInst = first ? this.instanceRead(first) : undefined;
      routerRun.res.labVips = (firstInst?.vips ?? []).map((vip) =>
        vip.prefix === 32 ? vip.address : `${vip.address}/${vip.prefix}`,
      );
    }
  }

  private runtime(name: string): NodeRuntime | undefined {
    return this.lab.nodes.find((n) => n.plan.node.name === name);
  }

  private observe(routerRun: RouterRun): string[] {
    return routerRun.sim.router.members
      .filter((member) => {
        const node = this.runtime(member.node.name);
        if (!node) return false;
        const have = this.lab.addresses(node);
        return (routerRun.vipsOf.get(member.node.name) ?? []).some((v) => have.has(v));
      })
      .map((m) => m.node.name)
      .sort();
  }

  private holdersNow(): Holders {
    return new Map(this.routers.map((r) => [r.res.name, this.observe(r)]));
  }

  /**
   * Wait until the holders are final. The fault takes effect at once (interface, stop, start) or when the node's log
   * shows the script's new state (else after the longest script detection time). From then on, a takeover the
   * simulation did not predict would happen within one master-down interval (+ preempt_delay): that long is waited
   * when no change is expected. When a change is expected, the wait ends as soon as every router agrees and has been
   * stable for a while, or at a bound of two master-down intervals.
   */
  private async settle(
    scenarioId: string,
    before: Holders,
    effect: Effect,
  ): Promise<{ observed: Holders; seconds: number; detect?: number }> {
    const timing = this.timing;
    const startedAt = Date.now();
    const hardEnd = Math.min(
      startedAt + (timing.scriptDetect + 2 * timing.masterDown + timing.preempt + 4) * 1000,
      startedAt + Math.max(0, this.deadline.left()) * 1000,
    );
    let effectAt: number | undefined = effect.immediate ? startedAt + (effect.extra ?? 0) * 1000 : undefined;
    let detectedAt: number | undefined;
    let lastKey = "";
    let since = Date.now();
    let observed: Holders = new Map();
    const relevant = this.routers.flatMap((router) => {
      const prediction = router.current.get(scenarioId);
      return prediction ? [{ name: router.res.name, prediction }] : [];
    });
    const changeExpected = relevant.some((r) => !sameSet(r.prediction.holders, before.get(r.name) ?? []));
    for (;;) {
      observed = this.holdersNow();
      const now = Date.now();
      const key = JSON.stringify([...observed]);
      if (key !== lastKey) {
        lastKey = key;
        since = now;
      }
      if (effectAt === undefined && !effect.immediate) {
        if (effect.pattern.test(this.lab.logSince(effect.node, effect.logFrom))) effectAt = detectedAt = now;
        else if (now - startedAt >= timing.scriptDetect * 1000) effectAt = now;
      }
      if (now >= hardEnd) break;
      const stable = (now - since) / 1000 >= timing.stable;
      const allAgree = relevant.every((r) => judge(r.prediction, observed.get(r.name) ?? []) !== "no");
      if (relevant.length > 0 && allAgree && changeExpected && stable) break;
      const quietLongEnough =
        effectAt !== undefined && now >= effectAt + (timing.masterDown + timing.preempt + 0.5) * 1000;
      if (!changeExpected && quietLongEnough && stable) break;
      await sleep(200);
    }
    return {
      observed,
      seconds: Math.round((Date.now() - startedAt) / 100) / 10,
      ...(detectedAt !== undefined ? { detect: Math.round((detectedAt - startedAt) / 100) / 10 } : {}),
    };
  }

  private record(scenarioId: string, observed: Holders, seconds: number, detect?: number): void {
    for (const router of this.routers) {
      const planned = router.current.get(scenarioId);
      if (!planned) continue;
      const obs = observed.get(router.res.name) ?? [];
      const noVip = router.vipsOf.size === 0 || [...router.vipsOf.values()].every((v) => v.length === 0);
      const agree = noVip ? "skipped" : judge(planned, obs);
      const scenarioResult: LabScenarioResult = {
        id: scenarioId,
        predicted: planned.holders,
        observed: obs,
        agree,
        race: planned.race,
        verdict: planned.outcome.verdict,
        seconds,
        ...(detect !== undefined ? { detectSeconds: detect } : {}),
        ...(agree === "no" && this.result.readingDifferences.length > 0 ? { cause: "model-reading" as const } : {}),
      };
      if (agree === "skipped") scenarioResult.note = "no VIP to observe";
      if (planned !== router.byId.get(scenarioId))
        scenarioResult.note =
          `predicted from the observed start-up holders ${router.res.scenarios[0]?.observed?.join("+") || "nobody"} ` +
          `(start-up race)`;
      router.res.scenarios.push(scenarioResult);
    }
  }

  private notRun(scenarioId: string, why: string): void {
    for (const router of this.routers) {
      const planned = router.current.get(scenarioId);
      if (!planned) continue;
      router.res.scenarios.push({
        id: scenarioId,
        predicted: planned.holders,
        observed: null,
        agree: "skipped",
        race: planned.race,
        verdict: planned.outcome.verdict,
        seconds: 0,
        note: why,
      });
    }
  }

  /** Use predictions that start from the observed baseline when a start-up race went the other way. */
  private adoptBaseline(observed: Holders): void {
    for (const router of this.routers) {
      const baseline = router.byId.get("baseline");
      const obs = observed.get(router.res.name) ?? [];
      if (baseline && !sameSet(baseline.holders, obs) && judge(baseline, obs) === "race")
        router.current = new Map([["baseline", baseline], ...predictionsFrom(router.sim, obs)]);
      else router.current = router.byId;
    }
  }

  /**
   * Start every node together, like a cluster boot. Where an instance has preemption off (keepalived's own reading),
   * the node whose master-down timer ends first keeps the VIP, and the timers of nodes with different priorities
   * differ only by their skew ((256 - priority) / 256 s: 78 ms for 120 vs 100). The lab measures when each daemon
   * entered its first state; when that spread is wider than half the smallest skew difference, the simultaneous
   * start the simulation assumes did not happen, and the boot is repeated (at most twice, each time noted). The
   * decision rests on the measured spread only, never on who won.
   */
  private bootMargin(): number | undefined {
    let margin: number | undefined;
    for (const routerRun of this.routers) {
      const insts = routerRun.sim.router.members.map((m) => this.instanceRead(m));
      if (!insts.some((i) => i?.preempt === false)) continue;
      const prios = [...new Set(insts.map((i) => i?.priority).filter((x): x is number => x !== undefined))];
      for (const higher of prios)
        for (const lower of prios) if (higher > lower) margin = Math.min(margin ?? Infinity, (higher - lower) / 256);
    }
    return margin;
  }

  private async startAll(label: string): Promise<{ observed: Holders; seconds: number }> {
    const { lab } = this;
    const margin = this.bootMargin();
    for (let attempt = 1; ; attempt++) {
      const from = new Map(lab.nodes.map((n) => [n, lab.logSize(n)]));
      for (const node of lab.nodes) lab.start(node);
      if (margin === undefined) break;
      const entered = await lab.firstStateTimes(lab.nodes, from, 15_000);
      const times = [...entered.values()];
      const spread = times.length === lab.nodes.length ? (Math.max(...times) - Math.min(...times)) / 1000 : Infinity;
      const half = Math.round((margin * 1000) / 2);
      if (spread <= margin / 2) {
        this.result.notes.push(
          `${label}: start-up spread ${Math.round(spread * 1000)} ms (at most ${half} ms for a start without ` +
            `preemption)`,
        );
        break;
      }
      const spreadText = Number.isFinite(spread) ? `${Math.round(spread * 1000)} ms` : "unknown";
      const what =
        `start-up spread ${spreadText}, over half the skew difference (${half} ms) that decides a start without ` +
        `preemption`;
      if (attempt >= 3) {
        this.result.notes.push(`${label}: ${what}; the boot was tried ${attempt} times and is taken as it came`);
        break;
      }
      this.result.notes.push(`${label}: ${what}: boot repeated`);
      await lab.stopAll();
    }
    return this.settle(label, new Map(), { immediate: true, extra: this.timing.scriptDetect + 1 });
  }

  /** Apply a fault (or undo it) on its node and say how it takes effect. */
  private async apply(fault: Fault, node: NodeRuntime, failing: boolean): Promise<Effect> {
    const { lab } = this;
    const name = fault.name ?? "";
    if (fault.kind === "script") {
      const state = failing ? "failed" : "succeeded";
      const pattern = new RegExp(`VRRP_Script\\(${escapeRegExp(name)}\\) ${state}`);
      const effect: Effect = { immediate: false, node, pattern, logFrom: lab.logSize(node) };
      lab.setScriptFailing(node, name, failing);
      return effect;
    }
    if (fault.kind === "interface") {
      lab.setInterface(node, name, !failing);
      return { immediate: true };
    }
    if (failing) {
      await lab.stop(node, "SIGTERM");
      return { immediate: true };
    }
    // A restarted node needs its first script results before it counts its weights.
    lab.start(node);
    return { immediate: true, extra: 0.5 + this.timing.scriptDetect };
  }

  /** One failure and its recovery; then back to the baseline holders, as the simulation assumes. */
  private async driveFault(fault: Fault): Promise<void> {
    const fid = faultId(fault);
    if (this.deadline.passed()) {
      this.notRun(fid, "run time limit reached");
      this.notRun(`recover:${fid}`, "run time limit reached");
      return;
    }
    const node = this.runtime(fault.node);
    if (!node || fault.kind === "process") {
      this.notRun(
        fid,
        fault.kind === "process" ? "track_process faults are not driven by the lab" : "node not in the lab",
      );
      this.notRun(`recover:${fid}`, "not run");
      return;
    }
    const before = this.holdersNow();
    const failed = await this.settle(fid, before, await this.apply(fault, node, true));
    this.record(fid, failed.observed, failed.seconds, failed.detect);
    const recovered = await this.settle(`recover:${fid}`, failed.observed, await this.apply(fault, node, false));
    this.record(`recover:${fid}`, recovered.observed, recovered.seconds, recovered.detect);
    if (sameHolders(this.baselineObserved, recovered.observed)) return;
    // The next failure starts from the baseline holders: restart when they differ.
    await this.lab.stopAll();
    const again = (await this.startAll("baseline")).observed;
    if (sameHolders(this.baselineObserved, again)) return;
    const seen = [...again].map(([k, v]) => `${k}: ${v.join("+") || "nobody"}`).join(", ");
    this.result.notes.push(`after the restart that followed ${fid} the start-up holders were ${seen}`);
    this.baselineObserved = again;
    this.adoptBaseline(again);
  }
}
