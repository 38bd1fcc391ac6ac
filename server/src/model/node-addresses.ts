/**
 * Node address inventory across a cluster. A unicast_src_ip claimed by two nodes belongs to the one that does not
 * list it as a peer: the other node copied it (its own peers name the real owner), so keepalived there cannot bind
 * it and the instance goes to FAULT ('src address not configured').
 */
import { sameAddress } from "./ip-address.js";
import type { Node } from "./types.js";

export function resolveAddressConflicts(nodes: readonly Node[]): void {
  const claims: { node: Node; inst: NonNullable<Node["keepalived"]>["instances"][number]; src: string }[] = [];
  for (const node of nodes)
    for (const inst of node.keepalived?.instances ?? [])
      if (inst.unicastSrcIp) claims.push({ node, inst, src: inst.unicastSrcIp.value });
  for (const a of claims) {
    const rivals = claims.filter((b) => b.node !== a.node && sameAddress(a.src, b.src));
    if (rivals.length === 0) continue;
    const listsItAsPeer = a.inst.unicastPeers.some((p) => sameAddress(p.address, a.src));
    const rivalListsIt = rivals.some((r) => r.inst.unicastPeers.some((p) => sameAddress(p.address, a.src)));
    if (listsItAsPeer && !rivalListsIt) {
      a.inst.unicastSrcConflict = `${a.src} is ${rivals[0].node.name}'s address (${a.node.name} lists it as a peer)`;
      a.node.addresses = a.node.addresses.filter((x) => !sameAddress(x, a.src));
    }
  }
}
