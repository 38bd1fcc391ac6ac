/**
 * Names that must match on every node of a cluster: a vrrp_script, vrrp_instance or sync group, a frontend, backend,
 * listen or userlist of one node's files has its twin (same kind and name) in each peer's files. Rename and
 * references follow the twins, so a rename on one node does not make the nodes drift apart (HA017).
 * ACL names are left out: they are local to one section of one file.
 */
import type { AnalysisResult } from "../analyze.js";
import type { NameIndex, NameKind, NamedThing } from "./names.js";

const KEEPALIVED_KINDS = new Set<NameKind>([
  "vrrp_script",
  "vrrp_instance",
  "vrrp_sync_group",
  "vrrp_track_process",
  "vrrp_track_file",
]);
const HAPROXY_KINDS = new Set<NameKind>(["frontend", "backend", "listen", "defaults", "userlist"]);

export interface PeerThing {
  /** The peer node's name. */
  node: string;
  thing: NamedThing;
}

/** The file that scopes a name of this kind on a node (its haproxy.cfg, or its keepalived root file). */
function scopeOn(
  node: AnalysisResult["input"]["clusters"][number]["nodes"][number],
  kind: NameKind,
): string | undefined {
  if (KEEPALIVED_KINDS.has(kind)) return node.keepalived?.file;
  if (HAPROXY_KINDS.has(kind)) return node.haproxy?.file;
  return undefined;
}

/** The same name, defined on the other nodes of the thing's cluster (a file shared by nodes counts once). */
export function peerThings(index: NameIndex, result: AnalysisResult, thing: NamedThing): PeerThing[] {
  const out: PeerThing[] = [];
  for (const cluster of result.input.clusters) {
    const owner = cluster.nodes.find((node) => scopeOn(node, thing.kind) === thing.scope);
    if (!owner) continue;
    const seen = new Set<string>([thing.scope]);
    for (const node of cluster.nodes) {
      const scope = scopeOn(node, thing.kind);
      if (!scope || seen.has(scope)) continue;
      seen.add(scope);
      const twin = index.find(thing.kind, scope, thing.name);
      if (twin && twin.definitions.length > 0) out.push({ node: node.name, thing: twin });
    }
  }
  return out;
}
