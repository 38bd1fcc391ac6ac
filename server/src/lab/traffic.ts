/**
 * `ha-lint lab --traffic`: on top of the VRRP lab, each node also runs the real HAProxy with its own haproxy.cfg
 * (remapped with the same address map) and its own sysctl settings, in its namespace; every backend server is a small
 * HTTP responder in a backend namespace; a client namespace probes every VIP:port the frontends serve every 50 ms
 * through the scenarios. This file plans a cluster and sets its lab up; the drive (traffic-drive.ts), the measurement
 * (traffic-measure.ts) and the verdicts (traffic-verdict.ts, from the shared simulation) are units of their own.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "../rules/finding.js";
import type { Node } from "../model/index.js";
import { scriptWatchesHaproxy, type ClusterSimulation, type RouterSimulation, type Tracker } from "../simulation.js";
import { LabUnsupported, planCluster, stubCommand, LAB_RANGES, type LabClusterPlan } from "./lab-config.js";
import { planHaproxy, targetsOf, type HaproxyLabPlan, type LabServer, type LabTarget } from "./haproxy-lab.js";
import { chosenClusters, inLabPool, type LabRunOptions } from "./cluster-pool.js";
import { readCluster, type NodeReading } from "./lab-reading.js";
import { timingOf } from "./lab-timing.js";
import { ClusterLab, preflight, sleep } from "./system.js";
import type { KeepalivedBinary } from "./keepalived-binary.js";
import { CLIENT_JS, RESPONDER_JS } from "./traffic-agents.js";
import { TrafficDrive, type TrafficScenario } from "./traffic-drive.js";
import { sameSet, type PredictionInputs, type ScriptTiming } from "./traffic-verdict.js";

export type { TrafficScenario } from "./traffic-drive.js";
export type { TrafficPrediction, TrafficVerdict } from "./traffic-verdict.js";

export interface TrafficNode {
  name: string;
  haproxy: "running" | "failed" | "none";
  haproxyError?: string;
  sysctl: Record<string, string>;
}

export interface TrafficCluster {
  id: string;
  skipped?: string;
  error?: string;
  notes: string[];
  nodes: TrafficNode[];
  targets: LabTarget[];
  servers: { id: string; address: string; port: number; check: boolean }[];
  scenarios: TrafficScenario[];
  seconds: number;
  namespaces: string[];
  logs?: Record<string, string>;
}

export interface TrafficResult {
  clusters: TrafficCluster[];
  maxOutageMs: number;
  scenarios: number;
  agreements: number;
  disagreements: number;
  seconds: number;
  labDir: string;
}

export interface TrafficOptions extends LabRunOptions {
  maxOutageMs?: number;
  /** Request interval of the client, ms. */
  intervalMs?: number;
  /** Static findings of the analysis (HA013, HP006, HA001 ... are shown beside what the lab saw). */
  findings?: readonly Finding[];
}

const RELEVANT_RULES = new Set(["HA013", "HP006", "HA001", "HA011", "HA014", "HA022", "HA023", "HA002", "HA010"]);
let counter = 0;

export async function runTraffic(
  simulations: readonly ClusterSimulation[],
  options: TrafficOptions = {},
): Promise<TrafficResult> {
  const started = Date.now();
  const display = options.displayId ?? ((id: string) => id);
  const deadline = started + (options.timeout ?? 1800) * 1000;
  const chosen = chosenClusters(simulations, options.cluster, display);
  // The traffic lab runs the machine's own keepalived and HAProxy.
  const keepalived = preflight().keepalived;
  const { results, base } = await inLabPool(chosen, options.jobs, "ha-lint-traffic-", async (sim, i, dir) => {
    const cluster = await runCluster(sim, {
      prefix: `hl-${process.pid}-t${++counter}`,
      dir: join(dir, `t${i}`),
      deadline,
      display,
      options,
      keepalived,
    });
    options.progress?.(
      `${cluster.id}: ${cluster.skipped ? `skipped (${cluster.skipped})` : cluster.error ? `error (${cluster.error})` : `${cluster.scenarios.length} scenarios, ${cluster.scenarios.filter((s) => !s.agree).length} disagree (${cluster.seconds}s)`}`,
    );
    return cluster;
  });
  const all = results.flatMap((c) => c.scenarios);
  return {
    clusters: results,
    maxOutageMs: options.maxOutageMs ?? 5000,
    scenarios: all.length,
    agreements: all.filter((s) => s.agree).length,
    disagreements: all.filter((s) => !s.agree).length,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    labDir: base,
  };
}

interface Ctx {
  prefix: string;
  dir: string;
  deadline: number;
  display: (id: string) => string;
  options: TrafficOptions;
  keepalived: KeepalivedBinary;
}

/** What a cluster's traffic run needs before any namespace exists. */
interface TrafficPlan {
  plan: LabClusterPlan;
  router: RouterSimulation;
  /** Lab VIPs (IPv4, no prefix) each node holds as master, by node name (the model's, for the HAProxy plans). */
  vipsOf: Map<string, string[]>;
  vips: string[];
  haproxyPlans: Map<string, HaproxyLabPlan>;
  targets: LabTarget[];
  servers: Map<string, LabServer>;
  clientAddress: string;
  /** Nodes whose HAProxy binds a VIP without net.ipv4.ip_nonlocal_bind=1 and does not hold it at start. */
  cannotBind: Set<string>;
  notes: string[];
}

function nonlocalBind(node: Node): string {
  return node.sysctl?.get("net.ipv4.ip_nonlocal_bind")?.value ?? "0";
}

/** Plan the lab of a cluster (keepalived and HAProxy copies, targets, servers), or say why it cannot run. */
function planTraffic(sim: ClusterSimulation, context: Ctx): TrafficPlan | { skipped: string } {
  let plan: LabClusterPlan;
  try {
    const declared = context.options.declaredAddresses;
    plan = planCluster(sim.cluster, context.dir, declared ? { declaredAddresses: declared } : {});
  } catch (error) {
    if (error instanceof LabUnsupported) return { skipped: error.message };
    throw error;
  }
  const router = sim.routers.find((r) => r.router.members.some((m) => m.instance.vips.length > 0));
  if (!router) return { skipped: "no VRRP instance with a VIP" };
  const labVip = (a: string): string => (plan.addresses.lab(a) ?? a).replace(/\/\d+$/, "");
  const vipsOf = new Map(
    router.router.members.map((member) => [
      member.node.name,
      member.instance.vips.filter((v) => v.family === 4).map((v) => labVip(v.address)),
    ]),
  );
  const vips = [...new Set([...vipsOf.values()].flat())];
  const notes: string[] = [];
  const haproxyPlans = new Map<string, HaproxyLabPlan>();
  for (const runtime of plan.nodes) {
    const haproxyPlan = planHaproxy(runtime.node, plan.addresses, (x) => vipsOf.get(x) ?? []);
    if (!haproxyPlan) {
      notes.push(`${runtime.node.name}: no haproxy.cfg: no HAProxy runs on this node`);
      continue;
    }
    haproxyPlans.set(runtime.node.name, haproxyPlan);
    for (const note of haproxyPlan.notes) notes.push(`${runtime.node.name}: ${note}`);
  }
  if (haproxyPlans.size === 0) return { skipped: "no node has a haproxy.cfg" };
  const targets = targetsOf([...haproxyPlans.values()], vips);
  if (targets.length === 0) return { skipped: "no frontend serves a VIP with a backend that has servers" };
  const servers = new Map<string, LabServer>();
  for (const haproxyPlan of haproxyPlans.values())
    for (const server of haproxyPlan.servers) {
      const key = `${server.address}:${server.port}`;
      if (!servers.has(key)) servers.set(key, server);
    }
  const cannotBind = new Set(
    plan.nodes
      .filter(
        (runtime) =>
          nonlocalBind(runtime.node) !== "1" &&
          (haproxyPlans.get(runtime.node.name)?.boundAddresses ?? []).some((a) => vips.includes(a)),
      )
      .map((n) => n.node.name),
  );
  for (const holder of router.baseline.holders) cannotBind.delete(holder);
  const clientAddress = plan.addresses.fresh();
  return { plan, router, vipsOf, vips, haproxyPlans, targets, servers, clientAddress, cannotBind, notes };
}

/** The stub of every vrrp_script that checks HAProxy (the core's test) also fails while the node's HAProxy is down. */
function stubsWatchHaproxy(plan: LabClusterPlan, dir: string): void {
  for (const runtime of plan.nodes) {
    for (const [name, script] of runtime.node.keepalived?.scripts ?? []) {
      const fail = runtime.failFiles.get(name);
      if (!fail || !scriptWatchesHaproxy(script, name)) continue;
      const nodeDir = join(dir, runtime.key);
      const stub = `"${stubCommand(`${nodeDir}/${fail}`)}"`;
      if (runtime.config.includes(stub))
        runtime.config = runtime.config.split(stub).join(`"/bin/sh ${nodeDir}/${fail}.sh"`);
    }
  }
}

/** Each node's stub scripts and its net.* sysctl settings (ip_nonlocal_bind 0 unless its files say otherwise). */
function prepareNodes(lab: ClusterLab, trafficPlan: TrafficPlan, result: TrafficCluster): void {
  for (const runtime of lab.nodes) {
    for (const [name, fail] of runtime.plan.failFiles)
      writeFileSync(
        join(runtime.dir, `${fail}.sh`),
        `#!/bin/sh\n# ha-lint traffic lab stub of vrrp_script ${name}: fails when the fail file exists or this ` +
          `node's HAProxy is not running\ntest ! -e ${join(runtime.dir, fail)} || exit 1\n` +
          `kill -0 "$(cat ${join(runtime.dir, "haproxy.pid")} 2>/dev/null)" 2>/dev/null\n`,
        { mode: 0o700 },
      );
    const sysctl: Record<string, string> = { "net.ipv4.ip_nonlocal_bind": "0" };
    for (const [key, setting] of runtime.plan.node.sysctl ?? []) {
      if (key.startsWith("net.")) sysctl[key] = setting.value;
      else result.notes.push(`${runtime.plan.node.name}: sysctl ${key} is not per namespace: not applied`);
    }
    for (const [key, value] of Object.entries(sysctl)) {
      try {
        lab.sysctl(runtime.ns, key, value);
      } catch {
        result.notes.push(`${runtime.plan.node.name}: sysctl ${key}=${value} could not be set in the namespace`);
      }
    }
    const name = runtime.plan.node.name;
    result.nodes.push({ name, haproxy: trafficPlan.haproxyPlans.has(name) ? "running" : "none", sysctl });
  }
}

/** What the predictions rest on: the shared simulation, the static findings and keepalived's own timings. */
function predictionInputs(
  trafficPlan: TrafficPlan,
  context: Ctx,
  readings: ReadonlyMap<string, NodeReading>,
  advertSeconds: number,
): PredictionInputs {
  const findings = (context.options.findings ?? []).filter(
    (f) => RELEVANT_RULES.has(f.rule) && trafficPlan.plan.nodes.some((n) => f.file.startsWith(n.node.dir)),
  );
  const onNode = (finding: Finding, node: string): boolean =>
    trafficPlan.plan.nodes.some((n) => n.node.name === node && finding.file.startsWith(n.node.dir));
  const scriptTiming = (node: string, tracker: Tracker): ScriptTiming => {
    const key = trafficPlan.plan.nodes.find((n) => n.node.name === node)?.key;
    const read = readings.get(key ?? "")?.dump?.scripts.find((s) => s.name === tracker.name);
    const model = tracker.script;
    const timeout = read?.timeout ?? model?.timeout;
    return {
      interval: read?.interval || model?.interval || 1,
      fall: read?.fall || model?.fall || 1,
      rise: read?.rise || model?.rise || 1,
      ...(timeout !== undefined ? { timeout } : {}),
    };
  };
  return {
    router: trafficPlan.router,
    maxOutageMs: context.options.maxOutageMs ?? 5000,
    advertSeconds,
    cannotBind: trafficPlan.cannotBind,
    findingText: (rule, node) =>
      findings
        .filter((f) => f.rule === rule && (node === undefined || onNode(f, node)))
        .map((f) => `${f.rule}: ${f.message}`),
    scriptTiming,
  };
}

/** Wait for the baseline holders, stable, or a bound. */
async function settleBaseline(observe: () => string[], holders: readonly string[], boundS: number, detectS: number) {
  const end = Date.now() + boundS * 1000;
  let lastKey = "";
  let since = Date.now();
  while (Date.now() < end) {
    await sleep(250);
    const now = observe();
    if (now.join("+") !== lastKey) {
      lastKey = now.join("+");
      since = Date.now();
    }
    if (sameSet(now, holders) && Date.now() - since > 1500 + detectS * 1000) return;
  }
}

function tailOf(path: string, lines: number): string {
  try {
    return readFileSync(path, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

async function runCluster(sim: ClusterSimulation, context: Ctx): Promise<TrafficCluster> {
  const started = Date.now();
  const result: TrafficCluster = {
    id: context.display(sim.cluster.id) || ".",
    notes: [],
    nodes: [],
    targets: [],
    servers: [],
    scenarios: [],
    seconds: 0,
    namespaces: [],
  };
  const trafficPlan = planTraffic(sim, context);
  if ("skipped" in trafficPlan) return { ...result, skipped: trafficPlan.skipped };
  result.notes.push(...trafficPlan.notes);
  result.targets = trafficPlan.targets;
  result.servers = [...trafficPlan.servers.values()].map((server) => ({
    id: server.id,
    address: server.address,
    port: server.port,
    check: server.check,
  }));
  stubsWatchHaproxy(trafficPlan.plan, context.dir);
  const lab = new ClusterLab(trafficPlan.plan, {
    prefix: context.prefix,
    dir: context.dir,
    bridge: true,
    hosts: [
      { key: "be", addresses: [...new Set([...trafficPlan.servers.values()].map((s) => s.address))] },
      { key: "cl", addresses: [trafficPlan.clientAddress] },
    ],
    routes: LAB_RANGES.map((r) => `${r}0/24`),
    keepalived: context.keepalived,
  });
  const observe = (): string[] =>
    trafficPlan.router.router.members
      .filter((member) => {
        const node = lab.nodes.find((n) => n.plan.node.name === member.node.name);
        const have = node ? lab.addresses(node) : new Set<string>();
        return (trafficPlan.vipsOf.get(member.node.name) ?? []).some((v) => have.has(v));
      })
      .map((m) => m.node.name)
      .sort();
  let drive: TrafficDrive | undefined;
  try {
    lab.setup();
    result.namespaces = lab.namespaces();
    // The nodes' addresses as keepalived reads them (see lab-reading.ts); a setup that contradicts it is not run.
    const read = await readCluster(lab, trafficPlan.plan);
    result.notes.push(...read.notes);
    if (read.problems.length > 0) {
      result.skipped = `lab setup problem: ${read.problems.join("; ")}`;
      return result;
    }
    const timing = timingOf([...read.readings.values()].flatMap((r) => (r.dump ? [r.dump] : [])));
    const inputs = predictionInputs(trafficPlan, context, read.readings, timing.advert);
    drive = new TrafficDrive({
      lab,
      dir: context.dir,
      deadline: context.deadline,
      haproxyPlans: trafficPlan.haproxyPlans,
      targets: trafficPlan.targets,
      servers: trafficPlan.servers,
      observe,
      timing,
      inputs,
    });
    lab.linksUp();
    writeFileSync(drive.responderJs, RESPONDER_JS);
    writeFileSync(drive.clientJs, CLIENT_JS);
    prepareNodes(lab, trafficPlan, result);
    for (const server of trafficPlan.servers.values()) drive.startResponder(server);
    const withHaproxy = lab.nodes.filter((n) => trafficPlan.haproxyPlans.has(n.plan.node.name));
    const started = drive;
    await Promise.all(withHaproxy.map((n) => started.startHaproxy(n)));
    for (const node of result.nodes) {
      const error = drive.haproxyFailed.get(node.name);
      if (error) Object.assign(node, { haproxy: "failed", haproxyError: error });
    }
    for (const runtime of lab.nodes) lab.start(runtime);
    const settleS = timing.scriptDetect + timing.masterDown + timing.preempt + 3;
    await settleBaseline(observe, trafficPlan.router.baseline.holders, settleS, timing.scriptDetect);
    drive.startClient(context.options.intervalMs ?? 50);
    await drive.drills();
  } catch (failure) {
    result.error = failure instanceof Error ? failure.message : String(failure);
  } finally {
    if (drive) {
      await drive.stop();
      result.scenarios.push(...drive.scenarios);
      result.notes.push(...drive.notes);
    }
    if (result.error !== undefined || result.scenarios.some((s) => !s.agree))
      result.logs = Object.fromEntries(
        lab.nodes.flatMap((runtime) => [
          [`${runtime.plan.node.name} keepalived`, lab.logTail(runtime, 30)],
          [`${runtime.plan.node.name} haproxy`, tailOf(join(runtime.dir, "haproxy.log"), 15)],
        ]),
      );
    await lab.stopAll().catch(() => undefined);
    lab.teardownSync();
    result.seconds = Math.round((Date.now() - started) / 100) / 10;
  }
  return result;
}
