/** What cluster rules look at: each virtual router with its simulation, pairs of members, and places to point at. */
import type { Bind, Cluster, Node, VrrpInstance } from "../../model/types.js";
import type { Member } from "../../simulate/hearing.js";
import type { RouterSimulation } from "../../simulate/scenarios.js";
import type { Location } from "../../syntax/source.js";
import type { RelatedLocation } from "../finding.js";
import type { RuleContext } from "../rule.js";

/** A member whose instance sets nopreempt (whether keepalived keeps it or not). */
export type NopreemptMember = Member & { instance: { nopreempt: Location } };

export function hasNopreempt(member: Member): member is NopreemptMember {
  return member.instance.nopreempt !== undefined;
}

export interface RouterView {
  cluster: Cluster;
  simulation: RouterSimulation;
  members: Member[];
}

export function* routers(ctx: Pick<RuleContext, "simulations">): Generator<RouterView> {
  for (const cs of ctx.simulations) {
    for (const simulation of cs.routers) {
      yield { cluster: cs.cluster, simulation, members: [...simulation.trackers.keys()] };
    }
  }
}

/** Unordered pairs of members on different nodes. */
export function* memberPairs(members: readonly Member[]): Generator<[Member, Member]> {
  for (let i = 0; i < members.length; i++)
    for (let j = i + 1; j < members.length; j++)
      if (members[i].node !== members[j].node) yield [members[i], members[j]];
}

/**
 * A fix may make b like a only when each of the two nodes has one instance in the router: with two instances of a
 * node linked in (a VIP written in the wrong instance), aligning one pair breaks the other pair and fixes undo each
 * other.
 */
export function alignable(members: readonly Member[], a: Member, b: Member): boolean {
  return members.filter((m) => m.node === a.node).length === 1 && members.filter((m) => m.node === b.node).length === 1;
}

export function related(location: Location, message: string): RelatedLocation {
  return { file: location.file, range: location.range, message };
}

/** The place that stands for an instance in messages: its name. */
export function instanceLoc(inst: VrrpInstance): Location {
  return inst.nameLocation;
}

export function describeMember(m: Member): string {
  return `${m.node.name} (${m.instance.name})`;
}

const nodeVipCache = new WeakMap<Node, ReadonlySet<string>>();
const clusterVipCache = new WeakMap<Cluster, ReadonlySet<string>>();

/** Every VIP address of a node (all its instances); computed once per node. */
export function nodeVips(node: Node): ReadonlySet<string> {
  let out = nodeVipCache.get(node);
  if (!out) {
    const set = new Set<string>();
    for (const inst of node.keepalived?.instances ?? []) for (const v of inst.vips) set.add(v.address);
    nodeVipCache.set(node, (out = set));
  }
  return out;
}

/** Every VIP of the cluster; computed once per cluster. */
export function clusterVips(cluster: Cluster): ReadonlySet<string> {
  let out = clusterVipCache.get(cluster);
  if (!out) {
    const set = new Set<string>();
    for (const n of cluster.nodes) for (const v of nodeVips(n)) set.add(v);
    clusterVipCache.set(cluster, (out = set));
  }
  return out;
}

/** Binds of a node's frontends and listens. */
export function* nodeBinds(node: Node): Generator<{ bind: Bind; proxy: string }> {
  for (const p of node.haproxy?.proxies ?? []) {
    if (p.kind !== "frontend" && p.kind !== "listen") continue;
    for (const bind of p.binds) yield { bind, proxy: p.name };
  }
}

export function isLoopback(address: string): boolean {
  return address.startsWith("127.") || address === "::1" || address === "localhost";
}

/** The configured priority line of an instance, or its name when there is none. */
export function priorityLoc(inst: VrrpInstance): Location {
  return inst.priority?.location ?? inst.state?.location ?? inst.nameLocation;
}
