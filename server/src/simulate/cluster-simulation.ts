/**
 * The one simulation of a cluster (SEMANTICS.md 1.9): the trackers of every instance, each virtual router's
 * scenarios in its own context (sync groups linked), and the weight fixes. analyze.ts computes it once per cluster;
 * rules, editor features and the lab read the result.
 */
import type { Cluster } from "../model/types.js";
import type { Member } from "./hearing.js";
import {
  failureFaults,
  simulateRouter,
  simulationContext,
  standingOf,
  type ClusterSimulation,
  type SimulationContext,
  type TrackerTable,
  type TrackerSource,
} from "./scenarios.js";
import { instanceTrackers } from "./trackers.js";
import { weightFixes } from "./weight-fixes.js";

function trackerTable(cluster: Cluster): TrackerTable {
  return new Map(
    cluster.nodes.map((node) => [
      node,
      new Map((node.keepalived?.instances ?? []).map((inst) => [inst, instanceTrackers(node, inst)])),
    ]),
  );
}

/** Members of one sync group on one node fail together (SEMANTICS 1.3: a FAULT member puts the whole group in FAULT). */
function linkSyncGroups(contexts: readonly SimulationContext[]): void {
  const groupOf = (m: Member): string | undefined => m.instance.syncGroup;
  for (const ctx of contexts) {
    if (!ctx.members.some((m) => groupOf(m) !== undefined)) continue;
    const siblings = contexts.filter(
      (o) =>
        o !== ctx &&
        o.members.some((m) =>
          ctx.members.some((x) => x.node === m.node && groupOf(x) !== undefined && groupOf(x) === groupOf(m)),
        ),
    );
    ctx.groupFault = (member, faults) => {
      const group = groupOf(member);
      if (!group) return false;
      for (const other of siblings) {
        for (const m of other.members) {
          const trackers = other.trackers.get(m);
          if (m.node !== member.node || groupOf(m) !== group || !trackers) continue;
          if (typeof standingOf(m, trackers, faults) !== "number") return true;
        }
      }
      return false;
    };
    ctx.siblingFaults = () => siblings.flatMap((o) => failureFaults(o)).filter((f) => f.kind !== "down");
  }
}

export function simulateCluster(cluster: Cluster): ClusterSimulation {
  const trackers = trackerTable(cluster);
  const source: TrackerSource = (node, inst) => trackers.get(node)?.get(inst) ?? instanceTrackers(node, inst);
  const contexts = cluster.routers.map((r) => simulationContext(r, source));
  linkSyncGroups(contexts);
  const routers = cluster.routers.map((router, i) => {
    const simulation = simulateRouter(router, contexts[i]);
    return { ...simulation, weightFixes: weightFixes(simulation) };
  });
  return { cluster, routers, trackers };
}
