/**
 * Verdicts of the traffic lab: what each drill should give (the static findings and the shared simulation, never a
 * priority or an "is this an HAProxy check" test of the lab's own) and what the lab saw.
 */
import {
  faultId,
  rerunScenario,
  type Fault,
  type Member,
  type RouterSimulation,
  type ScenarioOutcome,
  type Tracker,
} from "../simulation.js";
import type { LabServer } from "./haproxy-lab.js";

export type TrafficVerdict =
  "OK" | "NO FAILOVER" | "OUTAGE LONGER THAN --max-outage" | "BACKEND NOT REMOVED" | "STANDBY CANNOT BIND";

export interface TrafficPrediction {
  /**
   * Verdicts the static findings and the simulation allow (more than one when the outage bound straddles --max-outage).
   */
  verdicts: TrafficVerdict[];
  holders: string[];
  /** Expected outage range in ms, when the timings give one. */
  outageMs?: [number, number];
  why: string;
  /** Static findings behind the prediction (rule ids with their message). */
  findings: string[];
}

/** What a scenario window ended with, for the verdict. */
export interface WindowEnd {
  holdersEnd: string[];
  tailFailed: boolean;
  outageMs: number;
}

export type Judge = (end: WindowEnd) => TrafficVerdict;

/** A vrrp_script's timings as keepalived reads them (seconds). */
export interface ScriptTiming {
  interval: number;
  fall: number;
  rise: number;
  timeout?: number;
}

/** What the predictions rest on, per cluster. */
export interface PredictionInputs {
  router: RouterSimulation;
  maxOutageMs: number;
  /** The longest advert interval keepalived reads (s). */
  advertSeconds: number;
  /** Nodes that bind a VIP without net.ipv4.ip_nonlocal_bind=1 (and do not hold it at start): HAProxy fails there. */
  cannotBind: ReadonlySet<string>;
  /** Messages of the relevant static findings of a rule (on one node's files when given). */
  findingText(rule: string, node?: string): string[];
  /** A tracked script's timings (keepalived's reading). */
  scriptTiming(node: string, tracker: Tracker): ScriptTiming;
}

const memberOf = (router: RouterSimulation, node: string): Member | undefined =>
  router.context.members.find((m) => m.node.name === node);

/**
 * The node's tracked scripts that watch HAProxy, as the simulation keeps them (the lab drives scripts, not
 * track_process: every namespace sees every node's processes).
 */
export function haproxyTrackers(router: RouterSimulation, node: string): Tracker[] {
  const member = memberOf(router, node);
  const trackers = member ? router.trackers.get(member) : undefined;
  return (trackers?.active ?? []).filter((t) => t.watchesHaproxy && t.kind === "script");
}

const haproxyFaults = (router: RouterSimulation, node: string): Fault[] =>
  haproxyTrackers(router, node).map((t) => ({ node, kind: "script", name: t.name }));

/**
 * The simulation's outcome when HAProxy stops on `node` (and on `alsoStopped`): every tracker there that watches
 * HAProxy fails at once. One tracker on one node is a scenario the analysis already computed; more run in the router's own
 * context (sync groups included), from the baseline holders. Undefined when no tracker of `node` watches HAProxy.
 */
export function haproxyStopOutcome(
  router: RouterSimulation,
  node: string,
  alsoStopped: readonly string[] = [],
): ScenarioOutcome | undefined {
  const own = haproxyFaults(router, node);
  if (own.length === 0) return undefined;
  const faults = [...own, ...alsoStopped.flatMap((other) => haproxyFaults(router, other))];
  if (faults.length === 1) return router.failures.find((o) => o.id === faultId(faults[0]));
  const incumbents = new Set(router.context.members.filter((m) => router.baseline.holders.includes(m.node.name)));
  return rerunScenario(router, `haproxy-stop:${[node, ...alsoStopped].join("+")}`, faults, incumbents).outcome;
}

/** The simulation's scenario by id (failures and recoveries). */
export function outcomeOf(router: RouterSimulation, id: string): ScenarioOutcome | undefined {
  return [...router.failures, ...router.recoveries].find((o) => o.id === id);
}

function outageVerdicts(inputs: PredictionInputs, lo: number, hi: number): TrafficVerdict[] {
  if (lo > inputs.maxOutageMs) return ["OUTAGE LONGER THAN --max-outage"];
  return hi <= inputs.maxOutageMs ? ["OK"] : ["OK", "OUTAGE LONGER THAN --max-outage"];
}

const prioritiesText = (o: ScenarioOutcome): string =>
  Object.entries(o.priorities)
    .map(([node, priority]) => `${node} ${priority ?? o.states[node]}`)
    .join(", ");

/** The drill "HAProxy stopped on the holder" or "keepalived stopped on the holder". */
export function predictHolderFault(
  inputs: PredictionInputs,
  holder: string,
  kind: "haproxy" | "keepalived",
): TrafficPrediction {
  const { router } = inputs;
  const outcome = kind === "haproxy" ? haproxyStopOutcome(router, holder) : outcomeOf(router, `${holder}:down`);
  const holders = outcome?.holders ?? [holder];
  const findings = [...inputs.findingText("HA001", holder), ...inputs.findingText("HA011", holder)];
  if (holders.length === 0)
    return {
      verdicts: ["NO FAILOVER"],
      holders,
      why: `simulation: nobody holds the VIP (${outcome?.verdict ?? "?"})`,
      findings,
    };
  if (kind === "haproxy" && holders.includes(holder))
    return {
      verdicts: ["NO FAILOVER"],
      holders,
      why: outcome
        ? `simulation: ${holder} keeps the VIP (${outcome.note ?? `priorities ${prioritiesText(outcome)}`})`
        : `no vrrp_script of ${holder} checks HAProxy: nothing moves the VIP`,
      findings,
    };
  const to = holders.find((h) => h !== holder) ?? holders[0];
  if (kind === "haproxy" && inputs.cannotBind.has(to)) {
    // The standby's HAProxy did not start, so its own HAProxy checks fail too: the simulation with both stopped.
    const both = haproxyStopOutcome(router, holder, [to]);
    if (both && !both.holders.includes(to))
      return {
        verdicts: ["NO FAILOVER"],
        holders: [holder],
        why:
          `${to}'s HAProxy did not start (no net.ipv4.ip_nonlocal_bind=1), so its own HAProxy check fails too: ` +
          `simulation ${prioritiesText(both)}, ${both.holders.join("+") || "nobody"} holds the VIP`,
        findings: [...findings, ...inputs.findingText("HA013", to)],
      };
  }
  if (inputs.cannotBind.has(to))
    return {
      verdicts: ["STANDBY CANNOT BIND"],
      holders,
      why: `${to} binds the VIP without net.ipv4.ip_nonlocal_bind=1: its HAProxy did not start`,
      findings: inputs.findingText("HA013", to),
    };
  let lo = 0;
  let hi = 1500 + inputs.advertSeconds * 1000;
  const tracker = kind === "haproxy" ? haproxyTrackers(router, holder)[0] : undefined;
  if (tracker) {
    const timing = inputs.scriptTiming(holder, tracker);
    lo = timing.interval * 1000 * Math.max(0, timing.fall - 1);
    hi = timing.interval * 1000 * timing.fall + (timing.timeout ?? 0) * 1000 + inputs.advertSeconds * 1000 + 1500;
  }
  return {
    verdicts: outageVerdicts(inputs, lo, hi),
    holders,
    outageMs: [lo, hi],
    why: `simulation: ${to} takes the VIP; outage ${(lo / 1000).toFixed(1)}-${(hi / 1000).toFixed(1)} s`,
    findings: [...findings, ...inputs.findingText("HA022")],
  };
}

/** The baseline: the simulation's holders, HAProxy up everywhere unless a node cannot bind. */
export function predictBaseline(inputs: PredictionInputs): TrafficPrediction {
  const holders = inputs.router.baseline.holders;
  const cannot = [...inputs.cannotBind];
  return {
    verdicts: cannot.length ? ["STANDBY CANNOT BIND"] : ["OK"],
    holders,
    why: cannot.length
      ? `${cannot.join(", ")} bind the VIP without net.ipv4.ip_nonlocal_bind=1: HAProxy cannot start there`
      : `simulation: ${holders.join("+") || "nobody"} holds the VIP`,
    findings: inputs.findingText("HA013"),
  };
}

/** The recovery of a holder fault: the simulation's recovery scenario (the baseline holders when it has none). */
export function predictRecovery(inputs: PredictionInputs, recovery: ScenarioOutcome | undefined): TrafficPrediction {
  const holders = recovery?.holders ?? inputs.router.baseline.holders;
  return {
    verdicts: inputs.cannotBind.size ? ["OK", "STANDBY CANNOT BIND"] : ["OK"],
    holders,
    why: `simulation: ${holders.join("+") || "nobody"} holds the VIP after recovery`,
    findings: [],
  };
}

/** A backend server stopped: HAProxy must take it out (with `check`) while the VIP stays. */
export function predictBackendStop(
  inputs: PredictionInputs,
  victim: LabServer,
  others: readonly LabServer[],
  holdersBefore: string[],
): TrafficPrediction {
  if (!victim.check) {
    const hp006 = inputs.findingText("HP006").filter((f) => f.includes(victim.name));
    return {
      verdicts: ["BACKEND NOT REMOVED"],
      holders: holdersBefore,
      why: `server ${victim.id} has no 'check': HAProxy keeps sending it requests`,
      findings: hp006.length ? hp006 : inputs.findingText("HP006"),
    };
  }
  if (others.length === 0)
    return {
      verdicts: ["OUTAGE LONGER THAN --max-outage"],
      holders: holdersBefore,
      why: `${victim.id} is the only server of ${victim.proxy}`,
      findings: [],
    };
  return {
    verdicts: ["OK"],
    holders: holdersBefore,
    outageMs: [0, victim.downMs],
    why:
      `HAProxy marks ${victim.id} down after ${victim.downMs / 1000} s (inter x fall); requests shift to ` +
      `${others.map((o) => o.name).join(", ")}`,
    findings: [],
  };
}

export function predictBackendRecovery(victim: LabServer, holdersBefore: string[]): TrafficPrediction {
  return {
    verdicts: ["OK"],
    holders: holdersBefore,
    why: `HAProxy marks ${victim.id} up after ${victim.upMs / 1000} s (inter x rise)`,
    findings: [],
  };
}

/** The judges: what the lab saw at the end of a window. `bindFailed(node)` says the node's HAProxy failed to bind. */
export class TrafficJudges {
  constructor(
    private readonly maxOutageMs: number,
    private readonly bindFailed: (node: string) => boolean,
    private readonly anyBindFailed: () => boolean,
  ) {}

  baseline: Judge = (end) => {
    if (this.anyBindFailed()) return "STANDBY CANNOT BIND";
    if (end.holdersEnd.length === 0) return "NO FAILOVER";
    return end.tailFailed || end.outageMs > 0 ? "OUTAGE LONGER THAN --max-outage" : "OK";
  };

  /** After a fault on the holder: no failover, cannot bind, outage, OK. */
  failover =
    (holder: string, vipStays: boolean): Judge =>
    (end) => {
      if (end.holdersEnd.length === 0 || (vipStays && end.holdersEnd.includes(holder))) return "NO FAILOVER";
      if (end.holdersEnd.some((h) => this.bindFailed(h))) return "STANDBY CANNOT BIND";
      return this.outage(end);
    };

  /** A recovery: traffic must flow again. */
  traffic: Judge = (end) => {
    if (end.holdersEnd.some((h) => this.bindFailed(h))) return "STANDBY CANNOT BIND";
    if (end.holdersEnd.length === 0) return "NO FAILOVER";
    return this.outage(end);
  };

  backendStop =
    (victim: LabServer, othersCount: number, holdersBefore: readonly string[]): Judge =>
    (end) => {
      if (!sameSet(end.holdersEnd, holdersBefore)) return "NO FAILOVER";
      if (end.tailFailed)
        return victim.check && othersCount === 0 ? "OUTAGE LONGER THAN --max-outage" : "BACKEND NOT REMOVED";
      return end.outageMs > this.maxOutageMs ? "OUTAGE LONGER THAN --max-outage" : "OK";
    };

  backendRecovery: Judge = (end) => (end.tailFailed ? "OUTAGE LONGER THAN --max-outage" : "OK");

  private outage(end: WindowEnd): TrafficVerdict {
    return end.tailFailed || end.outageMs > this.maxOutageMs ? "OUTAGE LONGER THAN --max-outage" : "OK";
  }
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join("\0") === [...b].sort().join("\0");
}
