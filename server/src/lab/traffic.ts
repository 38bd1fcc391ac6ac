/**
 * `ha-lint lab --traffic`: on top of the VRRP lab, each node also runs the real HAProxy with its own haproxy.cfg
 * (remapped with the same address map) and its own sysctl settings, in its namespace; every backend server is a small
 * HTTP responder in a backend namespace; a client namespace probes every VIP:port the frontends serve every 50 ms
 * through the scenarios: baseline, HAProxy stopped on the VIP holder, recovery, the holder's keepalived stopped,
 * recovery, a backend stopped, recovery. Each scenario gets the VIP holders over time, requests sent/failed, the
 * longest run of failures (the outage), the backends that answered, a verdict, and the static prediction beside it.
 */
import { readFileSync, writeFileSync, existsSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "../rules/finding.js";
import type { Node } from "../model/types.js";
import type { ClusterSimulation, ScenarioOutcome } from "../simulate/scenarios.js";
import { LabUnsupported, planCluster, stubCommand, LAB_RANGES } from "./lab-config.js";
import { planHaproxy, targetsOf, type HaproxyLabPlan, type LabServer, type LabTarget } from "./haproxy-lab.js";
import { chosenClusters, inLabPool } from "./cluster-pool.js";
import { readCluster } from "./lab-reading.js";
import { ClusterLab, gone, preflight, sleep, type LabProcess, type NodeRuntime } from "./system.js";
import type { KeepalivedBinary } from "./keepalived-binary.js";
import { CLIENT_JS, RESPONDER_JS } from "./traffic-agents.js";

export type TrafficVerdict =
  "OK" | "NO FAILOVER" | "OUTAGE LONGER THAN --max-outage" | "BACKEND NOT REMOVED" | "STANDBY CANNOT BIND";

export interface TrafficPrediction {
  /** Verdicts the static findings and the simulation allow (more than one when the outage bound straddles --max-outage). */
  verdicts: TrafficVerdict[];
  holders: string[];
  /** Expected outage range in ms, when the timings give one. */
  outageMs?: [number, number];
  why: string;
  /** Static findings behind the prediction (rule ids with their message). */
  findings: string[];
}

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

export interface TrafficOptions {
  cluster?: string;
  timeout?: number;
  jobs?: number;
  maxOutageMs?: number;
  /** Request interval of the client, ms. */
  intervalMs?: number;
  displayId?: (id: string) => string;
  progress?: (line: string) => void;
  /** Static findings of the analysis (HA013, HP006, HA001 ... are shown beside what the lab saw). */
  findings?: readonly Finding[];
  /** Addresses the cluster declares per node, by keepalived file (`addresses:` of .ha-lint.yaml). */
  declaredAddresses?: ReadonlyMap<string, readonly string[]>;
}

let counter = 0;
const RELEVANT_RULES = new Set(["HA013", "HP006", "HA001", "HA011", "HA014", "HA022", "HA023", "HA002", "HA010"]);

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join("\0") === [...b].sort().join("\0");
}

const isHaproxyScript = (name: string, args: readonly string[], fileText?: string): boolean =>
  /haproxy/i.test(`${name} ${args.join(" ")} ${fileText ?? ""}`);

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
    const c = await runCluster(sim, {
      prefix: `hl-${process.pid}-t${++counter}`,
      dir: join(dir, `t${i}`),
      deadline,
      display,
      options,
      keepalived,
    });
    options.progress?.(
      `${c.id}: ${c.skipped ? `skipped (${c.skipped})` : c.error ? `error (${c.error})` : `${c.scenarios.length} scenarios, ${c.scenarios.filter((s) => !s.agree).length} disagree (${c.seconds}s)`}`,
    );
    return c;
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

interface Sample {
  t: number;
  i: number;
  ok: boolean;
  srv?: string;
  err?: string;
}

function nonlocalBind(node: Node): string {
  return node.sysctl?.get("net.ipv4.ip_nonlocal_bind")?.value ?? "0";
}

async function runCluster(sim: ClusterSimulation, rc: Ctx): Promise<TrafficCluster> {
  const t0 = Date.now();
  const id = rc.display(sim.cluster.id) || ".";
  const maxOutage = rc.options.maxOutageMs ?? 5000;
  const interval = rc.options.intervalMs ?? 50;
  const result: TrafficCluster = {
    id,
    notes: [],
    nodes: [],
    targets: [],
    servers: [],
    scenarios: [],
    seconds: 0,
    namespaces: [],
  };
  let plan: ReturnType<typeof planCluster>;
  try {
    plan = planCluster(
      sim.cluster,
      rc.dir,
      rc.options.declaredAddresses ? { declaredAddresses: rc.options.declaredAddresses } : {},
    );
  } catch (e) {
    if (e instanceof LabUnsupported) return { ...result, skipped: e.message };
    throw e;
  }
  const router = sim.routers.find((r) => r.router.members.some((m) => m.instance.vips.length > 0));
  if (!router) return { ...result, skipped: "no VRRP instance with a VIP" };
  const labVip = (a: string): string => (plan.addresses.lab(a) ?? a).replace(/\/\d+$/, "");
  const vipsOf = new Map(
    router.router.members.map((m) => [
      m.node.name,
      m.instance.vips.filter((v) => v.family === 4).map((v) => labVip(v.address)),
    ]),
  );
  const vips = [...new Set([...vipsOf.values()].flat())];

  // HAProxy plans with the same address map.
  const hp = new Map<string, HaproxyLabPlan>();
  for (const n of plan.nodes) {
    const p = planHaproxy(n.node, plan.addresses, (x) => vipsOf.get(x) ?? []);
    if (p) {
      hp.set(n.node.name, p);
      for (const note of p.notes) result.notes.push(`${n.node.name}: ${note}`);
    } else result.notes.push(`${n.node.name}: no haproxy.cfg: no HAProxy runs on this node`);
  }
  if (hp.size === 0) return { ...result, skipped: "no node has a haproxy.cfg" };
  const targets = targetsOf([...hp.values()], vips);
  if (targets.length === 0) return { ...result, skipped: "no frontend serves a VIP with a backend that has servers" };
  result.targets = targets;
  const servers = new Map<string, LabServer>();
  for (const p of hp.values())
    for (const s of p.servers) if (!servers.has(`${s.address}:${s.port}`)) servers.set(`${s.address}:${s.port}`, s);
  result.servers = [...servers.values()].map((s) => ({ id: s.id, address: s.address, port: s.port, check: s.check }));
  const backendAddresses = [...new Set([...servers.values()].map((s) => s.address))];
  const clientAddress = plan.addresses.fresh();

  // Static predictions: who cannot bind, findings per rule.
  const findings = (rc.options.findings ?? []).filter(
    (f) => RELEVANT_RULES.has(f.rule) && plan.nodes.some((n) => f.file.startsWith(n.node.dir)),
  );
  const findingText = (rule: string, node?: string): string[] =>
    findings
      .filter(
        (f) =>
          f.rule === rule &&
          (node === undefined || plan.nodes.some((n) => n.node.name === node && f.file.startsWith(n.node.dir))),
      )
      .map((f) => `${f.rule}: ${f.message}`);
  const cannotBind = new Set(
    plan.nodes
      .filter(
        (n) =>
          nonlocalBind(n.node) !== "1" &&
          (hp.get(n.node.name)?.boundAddresses ?? []).some(
            (a) => vips.includes(a) && !(vipsOf.get(n.node.name) ?? []).includes("__"),
          ),
      )
      .map((n) => n.node.name),
  );
  const baselineHolders = router.baseline.holders;
  for (const h of baselineHolders) cannotBind.delete(h);

  // The haproxy checks of keepalived: the stub also tests the node's HAProxy by its pid file.
  for (const n of plan.nodes) {
    const ka = n.node.keepalived!;
    for (const [name, script] of ka.scripts) {
      const fail = n.failFiles.get(name);
      if (!fail || !isHaproxyScript(name, script.command?.args ?? [], script.command?.fileText)) continue;
      const nodeDir = join(rc.dir, n.key);
      const stub = `"${stubCommand(`${nodeDir}/${fail}`)}"`;
      if (!n.config.includes(stub)) continue;
      n.config = n.config.split(stub).join(`"/bin/sh ${nodeDir}/${fail}.sh"`);
    }
  }

  const lab = new ClusterLab(plan, {
    prefix: rc.prefix,
    dir: rc.dir,
    bridge: true,
    hosts: [
      { key: "be", addresses: backendAddresses },
      { key: "cl", addresses: [clientAddress] },
    ],
    routes: LAB_RANGES.map((r) => `${r}0/24`),
    keepalived: rc.keepalived,
  });
  const runtime = (name: string): NodeRuntime => lab.nodes.find((n) => n.plan.node.name === name)!;
  const haproxy = new Map<string, LabProcess>();
  const haproxyFailed = new Map<string, string>();
  const responders = new Map<string, LabProcess>();
  const responderJs = join(rc.dir, "responder.mjs");
  const clientJs = join(rc.dir, "client.mjs");
  const clientLog = join(rc.dir, "client.jsonl");
  let trafficStart = 0;
  const holderLog: { t: number; holders: string[] }[] = [];

  const observe = (): string[] =>
    router.router.members
      .filter((m) => {
        const have = lab.addresses(runtime(m.node.name));
        return (vipsOf.get(m.node.name) ?? []).some((v) => have.has(v));
      })
      .map((m) => m.node.name)
      .sort();

  const startHaproxy = async (n: NodeRuntime): Promise<void> => {
    const cfg = join(n.dir, "haproxy.cfg");
    const log = join(n.dir, "haproxy.log");
    writeFileSync(cfg, hp.get(n.plan.node.name)!.config, { mode: 0o600 });
    writeFileSync(log, `=== ha-lint lab: starting haproxy (${new Date().toISOString()})\n`, { flag: "a" });
    const p = lab.spawnIn(
      n.ns,
      ["sh", "-c", 'ulimit -n 65536 2>/dev/null; exec "$@"', "sh", "haproxy", "-f", cfg, "-db"],
      log,
    );
    // HAProxy binds its listeners after parsing and checking the whole configuration: give it time to fail.
    for (
      let waited = 0;
      waited < 2000 &&
      !gone(p) &&
      !/Loading success|cannot bind|ALERT/.test(
        readFileSync(log, "utf8").split("=== ha-lint lab: starting haproxy").pop() ?? "",
      );
      waited += 100
    )
      await sleep(100);
    await sleep(300);
    if (gone(p)) {
      const text = readFileSync(log, "utf8");
      const alert = text
        .split("\n")
        .filter((l) => /ALERT|cannot|Cannot/.test(l))
        .slice(-2)
        .join(" ")
        .replace(/\s+/g, " ")
        .trim();
      haproxyFailed.set(n.plan.node.name, alert || `haproxy exited with code ${p.code}`);
      haproxy.delete(n.plan.node.name);
      return;
    }
    haproxyFailed.delete(n.plan.node.name);
    haproxy.set(n.plan.node.name, p);
    writeFileSync(join(n.dir, "haproxy.pid"), `${p.pid}\n`);
  };
  const stopHaproxy = async (n: NodeRuntime): Promise<void> => {
    const p = haproxy.get(n.plan.node.name);
    const pidFile = join(n.dir, "haproxy.pid");
    if (existsSync(pidFile)) unlinkSync(pidFile);
    if (p) await lab.stopProcess(p); // = systemctl stop haproxy: SIGTERM to its PID
    haproxy.delete(n.plan.node.name);
  };
  const startResponder = (s: LabServer): void => {
    responders.set(
      `${s.address}:${s.port}`,
      lab.spawnIn(
        lab.hostNs("be"),
        [process.execPath, responderJs, s.name, s.address, String(s.port)],
        join(rc.dir, "responders.log"),
      ),
    );
  };

  const readSamples = (): Sample[] => {
    let text = "";
    try {
      text = readFileSync(clientLog, "utf8");
    } catch {
      return [];
    }
    const out: Sample[] = [];
    for (const l of text.split("\n")) {
      if (!l.startsWith("{")) continue;
      try {
        out.push(JSON.parse(l) as Sample);
      } catch {
        /* partial line */
      }
    }
    return out;
  };

  let polling = true;
  const poller = (async () => {
    let last = "";
    while (polling) {
      if (trafficStart) {
        const h = observe();
        const key = h.join("+");
        if (key !== last) {
          last = key;
          holderLog.push({ t: Date.now() - trafficStart, holders: h });
        }
      }
      await sleep(100);
    }
  })();

  const timing = (() => {
    let advert = 1;
    let detect = 0;
    let preempt = 0;
    for (const m of router.router.members) {
      if (Number.isFinite(m.instance.advertInt) && m.instance.advertInt > advert) advert = m.instance.advertInt;
      const p = m.instance.preemptDelay?.value;
      if (p !== undefined && Number.isFinite(p)) preempt = Math.max(preempt, Math.min(p, 60));
    }
    for (const n of plan.nodes)
      for (const s of n.node.keepalived!.scripts.values()) {
        const i = Number.isFinite(s.interval) && s.interval > 0 ? s.interval : 1;
        detect = Math.max(detect, i * (Math.max(s.fall || 1, s.rise || 1) + 1) + (s.timeout ?? 0));
      }
    return { advert, detect, preempt, masterDown: 3 * advert + 1 };
  })();

  /** Run one scenario window: apply, then wait until `min` passed and holders/traffic settled as expected, or `max`. */
  const scenario = async (
    id: string,
    title: string,
    predicted: TrafficPrediction,
    apply: () => Promise<void>,
    judge: (s: { holdersEnd: string[]; tailFailed: boolean; outageMs: number }) => TrafficVerdict,
    minMs: number,
    maxMs: number,
  ): Promise<void> => {
    if (Date.now() > rc.deadline) {
      result.notes.push(`${id}: not run (run time limit reached)`);
      return;
    }
    const start = Date.now() - trafficStart;
    await apply();
    const begin = Date.now();
    let stableSince = Date.now();
    let last = observe().join("+");
    for (;;) {
      await sleep(200);
      const now = Date.now();
      const h = observe();
      if (h.join("+") !== last) {
        last = h.join("+");
        stableSince = now;
      }
      if (now - begin >= maxMs || now > rc.deadline) break;
      if (now - begin < minMs) continue;
      const recent = readSamples().filter((s) => s.t >= now - 2500 && s.t < now - 1000);
      const ok = recent.length > 0 && recent.every((s) => s.ok);
      if (ok && now - stableSince >= 1500 && sameSet(h, predicted.holders)) break;
    }
    const endAbs = Date.now();
    await sleep(1100); // the last requests' answers (timeout 1 s)
    const end = endAbs - trafficStart;
    const samples = readSamples().filter((s) => s.t - trafficStart >= start && s.t - trafficStart < end);
    let outage = 0;
    let tailFailed = false;
    const backends: Record<string, number> = {};
    for (let i = 0; i < targets.length; i++) {
      const mine = samples.filter((s) => s.i === i).sort((a, b) => a.t - b.t);
      let runStart: number | undefined;
      for (const s of mine) {
        if (!s.ok && runStart === undefined) runStart = s.t;
        if (s.ok && runStart !== undefined) {
          outage = Math.max(outage, s.t - runStart);
          runStart = undefined;
        }
      }
      if (runStart !== undefined) outage = Math.max(outage, endAbs - runStart);
      if (mine.filter((s) => s.t >= endAbs - 1500).some((s) => !s.ok)) tailFailed = true;
    }
    for (const s of samples) if (s.ok && s.srv) backends[s.srv] = (backends[s.srv] ?? 0) + 1;
    const holdersEnd = observe();
    const verdict = judge({ holdersEnd, tailFailed, outageMs: outage });
    const first = holderLog.filter((h) => h.t <= start).pop();
    const holders = [
      ...(first ? [{ t: start, holders: first.holders }] : []),
      ...holderLog.filter((h) => h.t > start && h.t < end),
    ];
    result.scenarios.push({
      id,
      title,
      start,
      end,
      holders,
      sent: samples.length,
      failed: samples.filter((s) => !s.ok).length,
      outageMs: outage,
      backends,
      verdict,
      predicted,
      agree: predicted.verdicts.includes(verdict),
      samples: samples.map((s) => [s.t - trafficStart, s.ok ? 1 : 0, s.i]),
    });
  };

  const outageVerdicts = (lo: number, hi: number): TrafficVerdict[] =>
    lo > maxOutage
      ? ["OUTAGE LONGER THAN --max-outage"]
      : hi <= maxOutage
        ? ["OK"]
        : ["OK", "OUTAGE LONGER THAN --max-outage"];
  /** The generic judgement after a fault on the holder: no failover, cannot bind, outage, OK. */
  const judgeFailover =
    (holder: string, vipStays: boolean) =>
    (s: { holdersEnd: string[]; tailFailed: boolean; outageMs: number }): TrafficVerdict => {
      if (s.holdersEnd.length === 0 || (vipStays && s.holdersEnd.includes(holder))) return "NO FAILOVER";
      const failedBind = s.holdersEnd.find((h) => haproxyFailed.has(h) && /bind/i.test(haproxyFailed.get(h)!));
      if (failedBind) return "STANDBY CANNOT BIND";
      if (s.tailFailed || s.outageMs > maxOutage) return "OUTAGE LONGER THAN --max-outage";
      return "OK";
    };
  const judgeTraffic = (s: { tailFailed: boolean; outageMs: number; holdersEnd: string[] }): TrafficVerdict => {
    const failedBind = s.holdersEnd.find((h) => haproxyFailed.has(h) && /bind/i.test(haproxyFailed.get(h)!));
    if (failedBind) return "STANDBY CANNOT BIND";
    if (s.holdersEnd.length === 0) return "NO FAILOVER";
    return s.tailFailed || s.outageMs > maxOutage ? "OUTAGE LONGER THAN --max-outage" : "OK";
  };
  const predictFor = (
    outcome: ScenarioOutcome | undefined,
    holder: string,
    kind: "haproxy" | "keepalived",
  ): TrafficPrediction => {
    const holders = outcome?.holders ?? [holder];
    const f = [...findingText("HA001", holder), ...findingText("HA011", holder)];
    if (holders.length === 0)
      return {
        verdicts: ["NO FAILOVER"],
        holders,
        why: `simulation: nobody holds the VIP (${outcome?.verdict ?? "?"})`,
        findings: f,
      };
    if (kind === "haproxy" && holders.includes(holder))
      return {
        verdicts: ["NO FAILOVER"],
        holders,
        why: outcome
          ? `simulation: ${holder} keeps the VIP (${outcome.note ?? outcome.verdict})`
          : `no vrrp_script of ${holder} checks HAProxy: nothing moves the VIP`,
        findings: f,
      };
    const to = holders.find((h) => h !== holder) ?? holders[0];
    if (kind === "haproxy" && cannotBind.has(to)) {
      // The simulation assumes the standby's own HAProxy check passes; but its HAProxy did not start, so that check
      // fails too: compare both nodes with their HAProxy down.
      const a = priorityWithoutHaproxy(holder);
      const b = priorityWithoutHaproxy(to);
      if (b === "fault" || (a !== "fault" && b < a))
        return {
          verdicts: ["NO FAILOVER"],
          holders: [holder],
          why: `${to}'s HAProxy did not start (no net.ipv4.ip_nonlocal_bind=1), so its own HAProxy check fails too: ${b === "fault" ? `${to} is in FAULT` : `${b} < ${a === "fault" ? "?" : a}`}, ${holder} keeps the VIP`,
          findings: [...f, ...findingText("HA013", to)],
        };
    }
    if (cannotBind.has(to))
      return {
        verdicts: ["STANDBY CANNOT BIND"],
        holders,
        why: `${to} binds the VIP without net.ipv4.ip_nonlocal_bind=1: its HAProxy did not start`,
        findings: findingText("HA013", to),
      };
    let lo = 0;
    let hi = 1500 + timing.advert * 1000;
    if (kind === "haproxy") {
      const tracked = haproxyScripts(holder);
      const s = tracked[0];
      if (s) {
        lo = s.interval * 1000 * Math.max(0, s.fall - 1);
        hi = s.interval * 1000 * s.fall + (s.timeout ?? 0) * 1000 + timing.advert * 1000 + 1500;
      }
    }
    return {
      verdicts: outageVerdicts(lo, hi),
      holders,
      outageMs: [lo, hi],
      why: `simulation: ${to} takes the VIP; outage ${(lo / 1000).toFixed(1)}-${(hi / 1000).toFixed(1)} s`,
      findings: [...f, ...findingText("HA022")],
    };
  };
  /** A node's effective priority when its HAProxy is down (its tracked HAProxy checks fail): "fault" for weight 0. */
  const priorityWithoutHaproxy = (node: string): number | "fault" => {
    const m = router.router.members.find((x) => x.node.name === node);
    if (!m) return "fault";
    let p = m.instance.basePriority;
    for (const t of m.instance.trackScripts) {
      const sc = t.script ?? m.node.keepalived!.scripts.get(t.name);
      if (!sc || !isHaproxyScript(sc.name, sc.command?.args ?? [], sc.command?.fileText)) continue;
      const w = t.weightOverride ?? sc.weight;
      const reverse = t.reverseOverride ?? sc.weightReverse;
      if (reverse) continue; // not modelled here: the simulation's own prediction stands
      if (w === 0) return "fault";
      if (w < 0) p += w;
    }
    return Math.max(1, Math.min(254, p));
  };
  const haproxyScripts = (
    node: string,
  ): { name: string; interval: number; fall: number; rise: number; timeout?: number }[] => {
    const m = router.router.members.find((x) => x.node.name === node);
    if (!m) return [];
    const ka = m.node.keepalived!;
    return m.instance.trackScripts
      .map((t) => ka.scripts.get(t.name))
      .filter(
        (s): s is NonNullable<typeof s> =>
          s !== undefined && isHaproxyScript(s.name, s.command?.args ?? [], s.command?.fileText),
      )
      .map((s) => ({
        name: s.name,
        interval: s.interval || 1,
        fall: s.fall || 1,
        rise: s.rise || 1,
        ...(s.timeout !== undefined ? { timeout: s.timeout } : {}),
      }));
  };
  const outcomeOf = (fid: string): ScenarioOutcome | undefined =>
    [...router.failures, ...router.recoveries].find((o) => o.id === fid);

  let client: LabProcess | undefined;
  try {
    lab.setup();
    result.namespaces = lab.namespaces();
    // The nodes' addresses as keepalived reads them (see lab-reading.ts); a setup that contradicts it is not run.
    const read = await readCluster(lab, plan);
    result.notes.push(...read.notes);
    if (read.problems.length > 0) {
      result.skipped = `lab setup problem: ${read.problems.join("; ")}`;
      return result;
    }
    lab.linksUp();
    writeFileSync(responderJs, RESPONDER_JS);
    writeFileSync(clientJs, CLIENT_JS);
    for (const n of lab.nodes) {
      for (const [name, fail] of n.plan.failFiles) {
        const sh = join(n.dir, `${fail}.sh`);
        writeFileSync(
          sh,
          `#!/bin/sh\n# ha-lint traffic lab stub of vrrp_script ${name}: fails when the fail file exists or this node's HAProxy is not running\ntest ! -e ${join(n.dir, fail)} || exit 1\nkill -0 "$(cat ${join(n.dir, "haproxy.pid")} 2>/dev/null)" 2>/dev/null\n`,
          { mode: 0o700 },
        );
      }
      // sysctl: the node's own net.* settings; ip_nonlocal_bind 0 unless its files say otherwise.
      const sysctl: Record<string, string> = { "net.ipv4.ip_nonlocal_bind": "0" };
      for (const [k, v] of n.plan.node.sysctl ?? []) {
        if (k.startsWith("net.")) sysctl[k] = v.value;
        else result.notes.push(`${n.plan.node.name}: sysctl ${k} is not per namespace: not applied`);
      }
      for (const [k, v] of Object.entries(sysctl)) {
        try {
          lab.sysctl(n.ns, k, v);
        } catch {
          result.notes.push(`${n.plan.node.name}: sysctl ${k}=${v} could not be set in the namespace`);
        }
      }
      result.nodes.push({ name: n.plan.node.name, haproxy: hp.has(n.plan.node.name) ? "running" : "none", sysctl });
    }
    for (const s of servers.values()) startResponder(s);
    await Promise.all(lab.nodes.filter((n) => hp.has(n.plan.node.name)).map((n) => startHaproxy(n)));
    for (const tn of result.nodes) {
      const err = haproxyFailed.get(tn.name);
      if (err) {
        tn.haproxy = "failed";
        tn.haproxyError = err;
      }
    }
    for (const n of lab.nodes) lab.start(n);
    // Settle: the baseline holders, stable, or a bound.
    const settleEnd = Date.now() + (timing.detect + timing.masterDown + timing.preempt + 3) * 1000;
    let lastKey = "";
    let since = Date.now();
    while (Date.now() < settleEnd) {
      await sleep(250);
      const h = observe();
      if (h.join("+") !== lastKey) {
        lastKey = h.join("+");
        since = Date.now();
      }
      if (sameSet(h, baselineHolders) && Date.now() - since > 1500 + timing.detect * 1000) break;
    }
    trafficStart = Date.now();
    client = lab.spawnIn(
      lab.hostNs("cl"),
      [
        process.execPath,
        clientJs,
        JSON.stringify(targets.map((t) => ({ address: t.address, port: t.port }))),
        String(interval),
        String(Math.max(10_000, rc.deadline - Date.now())),
        "1000",
      ],
      clientLog,
    );

    const bindPred = [...cannotBind];
    await scenario(
      "baseline",
      "baseline",
      {
        verdicts: bindPred.length ? ["STANDBY CANNOT BIND"] : ["OK"],
        holders: baselineHolders,
        why: bindPred.length
          ? `${bindPred.join(", ")} bind the VIP without net.ipv4.ip_nonlocal_bind=1: HAProxy cannot start there`
          : `simulation: ${baselineHolders.join("+") || "nobody"} holds the VIP`,
        findings: findingText("HA013"),
      },
      async () => undefined,
      (s) =>
        haproxyFailed.size && [...haproxyFailed.values()].some((e) => /bind/i.test(e))
          ? "STANDBY CANNOT BIND"
          : s.holdersEnd.length === 0
            ? "NO FAILOVER"
            : s.tailFailed || s.outageMs > 0
              ? "OUTAGE LONGER THAN --max-outage"
              : "OK",
      2000,
      2000,
    );
    const bound = (timing.detect + timing.masterDown + timing.preempt + 4) * 1000;

    // HAProxy stopped on the VIP holder.
    const holderNow = observe()[0];
    if (holderNow && haproxy.has(holderNow)) {
      const n = runtime(holderNow);
      const script = haproxyScripts(holderNow)[0];
      const fid = script ? `${holderNow}:script:${script.name}` : undefined;
      const pred = predictFor(fid ? outcomeOf(fid) : undefined, holderNow, "haproxy");
      await scenario(
        `haproxy-stop:${holderNow}`,
        `HAProxy stopped on ${holderNow} (systemctl stop haproxy)`,
        pred,
        () => stopHaproxy(n),
        judgeFailover(holderNow, true),
        1500,
        bound,
      );
      const rec = fid ? outcomeOf(`recover:${fid}`) : undefined;
      await scenario(
        `recover:haproxy-stop:${holderNow}`,
        `HAProxy started again on ${holderNow}`,
        {
          verdicts: cannotBind.size ? ["OK", "STANDBY CANNOT BIND"] : ["OK"],
          holders: rec?.holders ?? baselineHolders,
          why: `simulation: ${(rec?.holders ?? baselineHolders).join("+") || "nobody"} holds the VIP after recovery`,
          findings: [],
        },
        () => startHaproxy(n),
        judgeTraffic,
        1500,
        bound,
      );
    } else
      result.notes.push(
        `haproxy-stop: not run (${holderNow ? `${holderNow} runs no HAProxy` : "nobody holds the VIP"})`,
      );

    // keepalived stopped on the VIP holder.
    const holder2 = observe()[0];
    if (holder2) {
      const n = runtime(holder2);
      const fid = `${holder2}:down`;
      const pred = predictFor(outcomeOf(fid), holder2, "keepalived");
      await scenario(
        `keepalived-stop:${holder2}`,
        `keepalived stopped on ${holder2}`,
        pred,
        () => lab.stop(n, "SIGTERM"),
        judgeFailover(holder2, false),
        1500,
        bound,
      );
      const rec = outcomeOf(`recover:${fid}`);
      await scenario(
        `recover:keepalived-stop:${holder2}`,
        `keepalived started again on ${holder2}`,
        {
          verdicts: cannotBind.size ? ["OK", "STANDBY CANNOT BIND"] : ["OK"],
          holders: rec?.holders ?? baselineHolders,
          why: `simulation: ${(rec?.holders ?? baselineHolders).join("+") || "nobody"} holds the VIP after recovery`,
          findings: [],
        },
        async () => lab.start(n),
        judgeTraffic,
        1500 + timing.detect * 1000,
        bound,
      );
    }

    // A backend server stopped: the VIP must not move, traffic must shift.
    const target = targets[0];
    const victim = [...servers.values()].find((s) => s.proxy === target.backend);
    if (victim) {
      const others = [...servers.values()].filter((s) => s.proxy === target.backend && s !== victim);
      const holdersBefore = observe();
      const hp6 = findingText("HP006").filter((f) => f.includes(victim.name));
      const pred: TrafficPrediction = !victim.check
        ? {
            verdicts: ["BACKEND NOT REMOVED"],
            holders: holdersBefore,
            why: `server ${victim.id} has no 'check': HAProxy keeps sending it requests`,
            findings: hp6.length ? hp6 : findingText("HP006"),
          }
        : others.length === 0
          ? {
              verdicts: ["OUTAGE LONGER THAN --max-outage"],
              holders: holdersBefore,
              why: `${victim.id} is the only server of ${target.backend}`,
              findings: [],
            }
          : {
              verdicts: ["OK"],
              holders: holdersBefore,
              outageMs: [0, victim.downMs],
              why: `HAProxy marks ${victim.id} down after ${victim.downMs / 1000} s (inter x fall); requests shift to ${others.map((o) => o.name).join(", ")}`,
              findings: [],
            };
      const key = `${victim.address}:${victim.port}`;
      await scenario(
        `backend-stop:${victim.id}`,
        `backend ${victim.id} stopped`,
        pred,
        async () => {
          const p = responders.get(key);
          if (p) await lab.stopProcess(p);
        },
        (s) => {
          if (!sameSet(s.holdersEnd, holdersBefore)) return "NO FAILOVER";
          if (s.tailFailed)
            return victim.check && others.length === 0 ? "OUTAGE LONGER THAN --max-outage" : "BACKEND NOT REMOVED";
          return s.outageMs > maxOutage ? "OUTAGE LONGER THAN --max-outage" : "OK";
        },
        victim.downMs + 2000,
        victim.downMs + 6000,
      );
      await scenario(
        `recover:backend-stop:${victim.id}`,
        `backend ${victim.id} started again`,
        {
          verdicts: ["OK"],
          holders: holdersBefore,
          why: `HAProxy marks ${victim.id} up after ${victim.upMs / 1000} s (inter x rise)`,
          findings: [],
        },
        async () => startResponder(victim),
        (s) => (s.tailFailed ? "OUTAGE LONGER THAN --max-outage" : "OK"),
        victim.upMs + 1500,
        victim.upMs + 5000,
      );
    }
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
  } finally {
    polling = false;
    await poller.catch(() => undefined);
    if (result.error !== undefined || result.scenarios.some((s) => !s.agree)) {
      result.logs = Object.fromEntries(
        lab.nodes.flatMap((n) => {
          const hpLog = (() => {
            try {
              return readFileSync(join(n.dir, "haproxy.log"), "utf8").split("\n").slice(-15).join("\n");
            } catch {
              return "";
            }
          })();
          return [
            [`${n.plan.node.name} keepalived`, lab.logTail(n, 30)],
            [`${n.plan.node.name} haproxy`, hpLog],
          ];
        }),
      );
    }
    if (client) await lab.stopProcess(client).catch(() => undefined);
    for (const p of [...haproxy.values(), ...responders.values()]) await lab.stopProcess(p).catch(() => undefined);
    await lab.stopAll().catch(() => undefined);
    lab.teardownSync();
    result.seconds = Math.round((Date.now() - t0) / 100) / 10;
  }
  return result;
}
