/**
 * The failover matrix: for every cluster and virtual router, every scenario with each node's effective priority and
 * state, the VIP holders and a verdict. JSON contract version 1 (extend it, never break it).
 */
import type { ClusterSimulation, ScenarioOutcome } from "./scenarios.js";

export interface MatrixScenario {
  id: string;
  faults: string[];
  recoversFrom?: string;
  priorities: Record<string, number | null>;
  states: Record<string, string>;
  holders: string[];
  verdict: ScenarioOutcome["verdict"];
  race?: boolean;
  note?: string;
}

export interface MatrixInstance {
  name: string;
  vrid: number | null;
  vips: string[];
  nodes: string[];
  scenarios: MatrixScenario[];
}

export interface FailoverMatrix {
  version: 1;
  clusters: { id: string; instances: MatrixInstance[] }[];
}

function scenario(o: ScenarioOutcome): MatrixScenario {
  const s: MatrixScenario = {
    id: o.id,
    faults: o.faults.map((f) => (f.kind === "down" ? `${f.node}:down` : `${f.node}:${f.kind}:${f.name}`)),
    priorities: o.priorities,
    states: o.states,
    holders: o.holders,
    verdict: o.verdict,
  };
  if (o.recoversFrom) s.recoversFrom = o.recoversFrom;
  if (o.race) s.race = true;
  if (o.note) s.note = o.note;
  return s;
}

export function failoverMatrix(
  simulations: readonly ClusterSimulation[],
  displayId: (id: string) => string = (id) => id,
): FailoverMatrix {
  return {
    version: 1,
    clusters: simulations.map((cs) => ({
      id: displayId(cs.cluster.id),
      instances: cs.routers.map((r) => {
        const first = r.router.members[0]?.instance;
        return {
          name: r.router.name,
          vrid: first?.vrid?.value ?? null,
          vips: first?.vips.map((v) => v.text) ?? [],
          nodes: r.router.members.map((m) => m.node.name),
          scenarios: [r.baseline, ...r.failures, ...r.recoveries].map(scenario),
        };
      }),
    })),
  };
}

const VERDICT_LABEL: Record<ScenarioOutcome["verdict"], string> = {
  ok: "OK",
  "no-failover": "NO FAILOVER",
  "split-brain": "SPLIT-BRAIN",
  "vip-lost": "VIP LOST",
  "no-failback": "NO FAILBACK",
};

export function verdictLabel(v: ScenarioOutcome["verdict"]): string {
  return VERDICT_LABEL[v];
}

/** A plain-text table per virtual router (the CLI colours it). */
export function matrixTables(
  matrix: FailoverMatrix,
): { title: string; header: string[]; rows: { cells: string[]; verdict: ScenarioOutcome["verdict"] }[] }[] {
  const out: ReturnType<typeof matrixTables> = [];
  for (const c of matrix.clusters) {
    for (const i of c.instances) {
      const header = ["scenario", ...i.nodes.map((n) => `${n} prio/state`), "VIP holder", "verdict"];
      const rows = i.scenarios.map((s) => ({
        cells: [
          s.id,
          ...i.nodes.map((n) => `${s.priorities[n] ?? "-"} ${s.states[n] ?? ""}`.trim()),
          s.holders.length === 0 ? "nobody" : s.holders.join("+"),
          `${VERDICT_LABEL[s.verdict]}${s.race ? " (race)" : ""}`,
        ],
        verdict: s.verdict,
      }));
      out.push({
        title: `cluster ${c.id} · ${i.name} (VRID ${i.vrid ?? "?"}, VIP ${i.vips.join(", ") || "none"})`,
        header,
        rows,
      });
    }
  }
  return out;
}
