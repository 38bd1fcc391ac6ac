/**
 * Rules about trackers read the cluster simulation's tracker table (ClusterSimulation.trackers) through this lookup
 * instead of computing an instance's trackers themselves.
 */
import type { Node, VrrpInstance } from "../model/types.js";
import type { ClusterSimulation } from "./scenarios.js";
import type { InstanceTrackers } from "./trackers.js";

type NodeIndex = Map<Node, ReadonlyMap<VrrpInstance, InstanceTrackers>>;

const indexes = new WeakMap<readonly ClusterSimulation[], NodeIndex>();

function nodeIndex(simulations: readonly ClusterSimulation[]): NodeIndex {
  let index = indexes.get(simulations);
  if (!index) {
    index = new Map(simulations.flatMap((cs) => [...cs.trackers]));
    indexes.set(simulations, index);
  }
  return index;
}

/** The trackers keepalived keeps for `instance` on `node`, as the analysis's simulation computed them. */
export function sharedTrackers(
  simulations: readonly ClusterSimulation[],
  node: Node,
  instance: VrrpInstance,
): InstanceTrackers | undefined {
  return nodeIndex(simulations).get(node)?.get(instance);
}
