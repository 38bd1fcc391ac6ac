/**
 * Scenario drive of the traffic lab: the nodes' HAProxy processes and the backend responders, one scenario window
 * (apply a change, wait until the holders and the traffic settle or a bound passes, then measure and judge), and the
 * sequence of drills: baseline, HAProxy stopped on the holder, keepalived stopped on the holder, a backend stopped,
 * each with its recovery.
 */
import { existsSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { HaproxyLabPlan, LabServer, LabTarget } from "./haproxy-lab.js";
import type { Timing } from "./lab-timing.js";
import { type ClusterLab, gone, sleep, type LabProcess, type NodeRuntime } from "./system.js";
import { HolderLog, measureWindow, readSamples, recentlyHealthy } from "./traffic-measure.js";
import {
  haproxyTrackers,
  outcomeOf,
  predictBackendRecovery,
  predictBackendStop,
  predictBaseline,
  predictHolderFault,
  predictRecovery,
  sameSet,
  TrafficJudges,
  type Judge,
  type PredictionInputs,
  type TrafficPrediction,
  type TrafficVerdict,
} from "./traffic-verdict.js";

export interface TrafficScenario {
  id: string;
  title: string;
  /** ms from the start of the client's traffic. */
  start: number;
  end: number;
  /** VIP holders over time (ms from the start of the traffic). */
  holders: { t: number; holders: string[] }[];
  sent: number;
  failed: number;
  /** Longest run of failed requests on one target, ms (0 when none failed). */
  outageMs: number;
  /** Server name -> answers. */
  backends: Record<string, number>;
  verdict: TrafficVerdict;
  predicted: TrafficPrediction;
  agree: boolean;
  /** [ms from the start of the traffic, 1 ok / 0 failed, target index] per request. */
  samples: [number, number, number][];
  note?: string;
}

/** One window: the change, its judge and its bounds (ms). */
interface Window {
  id: string;
  title: string;
  predicted: TrafficPrediction;
  apply: () => Promise<void>;
  judge: Judge;
  minMs: number;
  maxMs: number;
}

export interface DriveSetup {
  lab: ClusterLab;
  dir: string;
  deadline: number;
  haproxyPlans: ReadonlyMap<string, HaproxyLabPlan>;
  targets: readonly LabTarget[];
  servers: ReadonlyMap<string, LabServer>;
  /** The node names that hold a VIP in their namespace now. */
  observe: () => string[];
  timing: Timing;
  inputs: PredictionInputs;
}

/** The processes of one traffic run and the scenario windows it drives. */
export class TrafficDrive {
  readonly scenarios: TrafficScenario[] = [];
  readonly notes: string[] = [];
  readonly haproxyFailed = new Map<string, string>();
  private readonly haproxy = new Map<string, LabProcess>();
  private readonly responders = new Map<string, LabProcess>();
  private client: LabProcess | undefined;
  private trafficStart = 0;
  private readonly holderLog: HolderLog;
  readonly responderJs: string;
  readonly clientJs: string;
  private readonly clientLog: string;
  readonly judges: TrafficJudges;

  constructor(private readonly setup: DriveSetup) {
    this.responderJs = join(setup.dir, "responder.mjs");
    this.clientJs = join(setup.dir, "client.mjs");
    this.clientLog = join(setup.dir, "client.jsonl");
    this.holderLog = new HolderLog(setup.observe, () => this.trafficStart);
    const bindFailed = (node: string): boolean => /bind/i.test(this.haproxyFailed.get(node) ?? "");
    this.judges = new TrafficJudges(setup.inputs.maxOutageMs, bindFailed, () =>
      [...this.haproxyFailed.keys()].some(bindFailed),
    );
  }

  runtime(name: string): NodeRuntime {
    const node = this.setup.lab.nodes.find((n) => n.plan.node.name === name);
    if (!node) throw new Error(`traffic lab: no node ${name}`);
    return node;
  }

  hasHaproxy(name: string): boolean {
    return this.haproxy.has(name);
  }

  /** Start the node's HAProxy on its lab haproxy.cfg; a failure to start (bind, config) is kept, not thrown. */
  async startHaproxy(node: NodeRuntime): Promise<void> {
    const name = node.plan.node.name;
    const cfg = join(node.dir, "haproxy.cfg");
    const log = join(node.dir, "haproxy.log");
    const marker = "=== ha-lint lab: starting haproxy";
    const plan = this.setup.haproxyPlans.get(name);
    if (!plan) throw new Error(`traffic lab: ${name} has no haproxy.cfg`);
    writeFileSync(cfg, plan.config, { mode: 0o600 });
    writeFileSync(log, `${marker} (${new Date().toISOString()})\n`, { flag: "a" });
    const command = ["sh", "-c", 'ulimit -n 65536 2>/dev/null; exec "$@"', "sh", "haproxy", "-f", cfg, "-db"];
    const process = this.setup.lab.spawnIn(node.ns, command, log);
    // HAProxy binds its listeners after parsing and checking the whole configuration: give it time to fail.
    const started = (): boolean =>
      /Loading success|cannot bind|ALERT/.test(readFileSync(log, "utf8").split(marker).pop() ?? "");
    for (let waited = 0; waited < 2000 && !gone(process) && !started(); waited += 100) await sleep(100);
    await sleep(300);
    if (gone(process)) {
      const alert = readFileSync(log, "utf8")
        .split("\n")
        .filter((line) => /ALERT|cannot|Cannot/.test(line))
        .slice(-2)
        .join(" ")
        .replace(/\s+/g, " ")
        .trim();
      this.haproxyFailed.set(name, alert || `haproxy exited with code ${process.code}`);
      this.haproxy.delete(name);
      return;
    }
    this.haproxyFailed.delete(name);
    this.haproxy.set(name, process);
    writeFileSync(join(node.dir, "haproxy.pid"), `${process.pid}\n`);
  }

  /** `systemctl stop haproxy`: SIGTERM to its PID (the stubs see the pid file gone). */
  async stopHaproxy(node: NodeRuntime): Promise<void> {
    const name = node.plan.node.name;
    const pidFile = join(node.dir, "haproxy.pid");
    if (existsSync(pidFile)) unlinkSync(pidFile);
    const process = this.haproxy.get(name);
    if (process) await this.setup.lab.stopProcess(process);
    this.haproxy.delete(name);
  }

  startResponder(server: LabServer): void {
    const { lab } = this.setup;
    const command = [globalThis.process.execPath, this.responderJs, server.name, server.address, String(server.port)];
    this.responders.set(
      `${server.address}:${server.port}`,
      lab.spawnIn(lab.hostNs("be"), command, join(this.setup.dir, "responders.log")),
    );
  }

  async stopResponder(server: LabServer): Promise<void> {
    const process = this.responders.get(`${server.address}:${server.port}`);
    if (process) await this.setup.lab.stopProcess(process);
  }

  /** Start the client in its namespace: one request to every target every `intervalMs`, until the deadline. */
  startClient(intervalMs: number): void {
    const { lab, targets, deadline } = this.setup;
    this.trafficStart = Date.now();
    const list = JSON.stringify(targets.map((t) => ({ address: t.address, port: t.port })));
    const runFor = String(Math.max(10_000, deadline - Date.now()));
    const command = [globalThis.process.execPath, this.clientJs, list, String(intervalMs), runFor, "1000"];
    this.client = lab.spawnIn(lab.hostNs("cl"), command, this.clientLog);
  }

  /**
   * Run one scenario window: apply, then wait until `minMs` passed and holders/traffic settled as expected, or `maxMs`.
   */
  async window(w: Window): Promise<void> {
    const { deadline, observe } = this.setup;
    if (Date.now() > deadline) {
      this.notes.push(`${w.id}: not run (run time limit reached)`);
      return;
    }
    const start = Date.now() - this.trafficStart;
    await w.apply();
    await this.waitSettled(w);
    const endAbs = Date.now();
    await sleep(1100); // the last requests' answers (timeout 1 s)
    const end = endAbs - this.trafficStart;
    const seen = measureWindow(
      readSamples(this.clientLog),
      this.setup.targets.length,
      this.trafficStart + start,
      endAbs,
    );
    const verdict = w.judge({ holdersEnd: observe(), tailFailed: seen.tailFailed, outageMs: seen.outageMs });
    this.scenarios.push({
      id: w.id,
      title: w.title,
      start,
      end,
      holders: this.holderLog.between(start, end),
      sent: seen.sent,
      failed: seen.failed,
      outageMs: seen.outageMs,
      backends: seen.backends,
      verdict,
      predicted: w.predicted,
      agree: w.predicted.verdicts.includes(verdict),
      samples: seen.samples.map((s) => [s.t - this.trafficStart, s.ok ? 1 : 0, s.i]),
    });
  }

  private async waitSettled(w: Window): Promise<void> {
    const { deadline, observe } = this.setup;
    const begin = Date.now();
    let stableSince = begin;
    let last = observe().join("+");
    for (;;) {
      await sleep(200);
      const now = Date.now();
      const holders = observe();
      if (holders.join("+") !== last) {
        last = holders.join("+");
        stableSince = now;
      }
      if (now - begin >= w.maxMs || now > deadline) return;
      if (now - begin < w.minMs) continue;
      const healthy = recentlyHealthy(readSamples(this.clientLog), now);
      if (healthy && now - stableSince >= 1500 && sameSet(holders, w.predicted.holders)) return;
    }
  }

  /** Every drill in order, each followed by its recovery. */
  async drills(): Promise<void> {
    await this.window({
      id: "baseline",
      title: "baseline",
      predicted: predictBaseline(this.setup.inputs),
      apply: async () => undefined,
      judge: this.judges.baseline,
      minMs: 2000,
      maxMs: 2000,
    });
    await this.haproxyStopDrill();
    await this.keepalivedStopDrill();
    await this.backendStopDrill();
  }

  private bound(): number {
    const { timing } = this.setup;
    return (timing.scriptDetect + timing.masterDown + timing.preempt + 4) * 1000;
  }

  private async haproxyStopDrill(): Promise<void> {
    const { inputs } = this.setup;
    const holder = this.setup.observe()[0];
    if (!holder || !this.haproxy.has(holder)) {
      this.notes.push(`haproxy-stop: not run (${holder ? `${holder} runs no HAProxy` : "nobody holds the VIP"})`);
      return;
    }
    const node = this.runtime(holder);
    const script = haproxyTrackers(inputs.router, holder)[0];
    await this.window({
      id: `haproxy-stop:${holder}`,
      title: `HAProxy stopped on ${holder} (systemctl stop haproxy)`,
      predicted: predictHolderFault(inputs, holder, "haproxy"),
      apply: () => this.stopHaproxy(node),
      judge: this.judges.failover(holder, true),
      minMs: 1500,
      maxMs: this.bound(),
    });
    const recovery = script ? outcomeOf(inputs.router, `recover:${holder}:script:${script.name}`) : undefined;
    await this.window({
      id: `recover:haproxy-stop:${holder}`,
      title: `HAProxy started again on ${holder}`,
      predicted: predictRecovery(inputs, recovery),
      apply: () => this.startHaproxy(node),
      judge: this.judges.traffic,
      minMs: 1500,
      maxMs: this.bound(),
    });
  }

  private async keepalivedStopDrill(): Promise<void> {
    const { inputs, lab, timing } = this.setup;
    const holder = this.setup.observe()[0];
    if (!holder) return;
    const node = this.runtime(holder);
    await this.window({
      id: `keepalived-stop:${holder}`,
      title: `keepalived stopped on ${holder}`,
      predicted: predictHolderFault(inputs, holder, "keepalived"),
      apply: () => lab.stop(node, "SIGTERM"),
      judge: this.judges.failover(holder, false),
      minMs: 1500,
      maxMs: this.bound(),
    });
    await this.window({
      id: `recover:keepalived-stop:${holder}`,
      title: `keepalived started again on ${holder}`,
      predicted: predictRecovery(inputs, outcomeOf(inputs.router, `recover:${holder}:down`)),
      apply: async () => lab.start(node),
      judge: this.judges.traffic,
      minMs: 1500 + timing.scriptDetect * 1000,
      maxMs: this.bound(),
    });
  }

  /** A backend server stopped: the VIP must not move, traffic must shift. */
  private async backendStopDrill(): Promise<void> {
    const { inputs, targets, servers } = this.setup;
    const target = targets[0];
    const inBackend = [...servers.values()].filter((s) => s.proxy === target.backend);
    const victim = inBackend[0];
    if (!victim) return;
    const others = inBackend.filter((s) => s !== victim);
    const holdersBefore = this.setup.observe();
    await this.window({
      id: `backend-stop:${victim.id}`,
      title: `backend ${victim.id} stopped`,
      predicted: predictBackendStop(inputs, victim, others, holdersBefore),
      apply: () => this.stopResponder(victim),
      judge: this.judges.backendStop(victim, others.length, holdersBefore),
      minMs: victim.downMs + 2000,
      maxMs: victim.downMs + 6000,
    });
    await this.window({
      id: `recover:backend-stop:${victim.id}`,
      title: `backend ${victim.id} started again`,
      predicted: predictBackendRecovery(victim, holdersBefore),
      apply: async () => this.startResponder(victim),
      judge: this.judges.backendRecovery,
      minMs: victim.upMs + 1500,
      maxMs: victim.upMs + 5000,
    });
  }

  /** End the client, every HAProxy and responder (by PID) and the holder poll. */
  async stop(): Promise<void> {
    await this.holderLog.stop();
    const { lab } = this.setup;
    if (this.client) await lab.stopProcess(this.client).catch(() => undefined);
    for (const process of [...this.haproxy.values(), ...this.responders.values()])
      await lab.stopProcess(process).catch(() => undefined);
  }
}
