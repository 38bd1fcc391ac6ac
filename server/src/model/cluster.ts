/**
 * Nodes -> clusters: nodes under one parent whose VRRP instances share a virtual_router_id (same address family) or a
 * VIP form one cluster; inside a cluster, the instances that share a VRID or a VIP form one virtual router.
 */
import type { ClusterLayout } from "./discovery.js";
import { normaliseAddress } from "./ip-address.js";
import type { Cluster, Node, VirtualRouter, VrrpInstance } from "./types.js";

function familyOf(inst: VrrpInstance): number {
  return inst.vips.find((v) => v.family !== 0)?.family ?? 4;
}

/** The virtual addresses keepalived brings up (malformed entries are skipped, so they link nothing). */
function vipSet(inst: VrrpInstance): Set<string> {
  return new Set(inst.vips.filter((v) => v.family !== 0).map((v) => normaliseAddress(v.address)));
}

/**
 * Two instances on different nodes belong to the same virtual router: they share a VIP, or they have the same name
 * and the same VRID (a VIP list that drifted). Same VRID alone is not enough: two unrelated pairs on one segment may
 * (wrongly) reuse a VRID, and they are still two routers (HA005 reports the reuse).
 */
export function sameRouter(a: VrrpInstance, b: VrrpInstance): boolean {
  const va = vipSet(a);
  for (const v of vipSet(b)) if (va.has(v)) return true;
  return (
    a.name === b.name && a.vrid?.value !== undefined && a.vrid.value === b.vrid?.value && familyOf(a) === familyOf(b)
  );
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

/**
 * Virtual routers of a set of nodes: instances linked across nodes by a shared VIP or by name and VRID (linear:
 * hashed).
 */
export function virtualRouters(nodes: readonly Node[]): VirtualRouter[] {
  const all: { node: Node; instance: VrrpInstance }[] = [];
  for (const node of nodes) for (const instance of node.keepalived?.instances ?? []) all.push({ node, instance });
  const uf = new UnionFind(all.length);
  // Instances that share a key are candidates; only instances of different nodes are linked.
  const byKey = new Map<string, number[]>();
  const add = (key: string, i: number): void => {
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  };
  all.forEach((m, i) => {
    for (const v of vipSet(m.instance)) add(`vip ${v}`, i);
    if (m.instance.vrid?.value !== undefined)
      add(`name ${m.instance.name} ${m.instance.vrid.value} ${familyOf(m.instance)}`, i);
  });
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    const first = new Map<Node, number>();
    for (const i of list) if (!first.has(all[i].node)) first.set(all[i].node, i);
    const reps = [...first.values()];
    for (const i of list) {
      for (const r of reps) if (all[r].node !== all[i].node) uf.union(i, r);
    }
  }
  const groups = new Map<number, { node: Node; instance: VrrpInstance }[]>();
  all.forEach((m, i) => {
    const root = uf.find(i);
    const g = groups.get(root);
    if (g) g.push(m);
    else groups.set(root, [m]);
  });
  return [...groups.values()].map((members) => {
    const counts = new Map<string, number>();
    for (const m of members) counts.set(m.instance.name, (counts.get(m.instance.name) ?? 0) + 1);
    const name = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    return { name, members };
  });
}

/** Split each candidate group of nodes into clusters by VRRP linkage; manifest clusters stay as given. */
export function buildClusters(
  layouts: readonly ClusterLayout[],
  nodesOf: (layout: ClusterLayout) => Node[],
): Cluster[] {
  const clusters: Cluster[] = [];
  for (const layout of layouts) {
    const nodes = nodesOf(layout);
    if (layout.explicit || nodes.length <= 1) {
      clusters.push({ id: layout.id, nodes, routers: virtualRouters(nodes) });
      continue;
    }
    const uf = new UnionFind(nodes.length);
    for (const router of virtualRouters(nodes)) {
      const idx = router.members.map((m) => nodes.indexOf(m.node));
      for (const i of idx.slice(1)) uf.union(idx[0], i);
    }
    const comps = new Map<number, Node[]>();
    nodes.forEach((n, i) => comps.set(uf.find(i), [...(comps.get(uf.find(i)) ?? []), n]));
    // Nodes with no VRRP instance (HAProxy only) join the cluster when there is just one.
    const withVrrp = [...comps.values()].filter((c) => c.some((n) => (n.keepalived?.instances.length ?? 0) > 0));
    const without = [...comps.values()].filter((c) => !withVrrp.includes(c)).flat();
    if (withVrrp.length <= 1) {
      clusters.push({ id: layout.id, nodes, routers: virtualRouters(nodes) });
      continue;
    }
    withVrrp.forEach((c, i) => {
      const members = i === 0 ? [...c, ...without] : c;
      clusters.push({ id: `${layout.id}#${i + 1}`, nodes: members, routers: virtualRouters(members) });
    });
  }
  return clusters;
}
