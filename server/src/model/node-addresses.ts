/**
 * Node address inventory across a cluster. A unicast_src_ip claimed by two nodes belongs to the one that does not
 * list it as a peer: the other node copied it (its own peers name the real owner), so keepalived there cannot bind
 * it and the instance goes to FAULT ('src address not configured').
 */
import { normaliseAddress, parseIpAddress, sameAddress } from "./ip-address.js";
import type { Node, VrrpInstance } from "./types.js";

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

/**
 * The address an instance sends its adverts from (and its peers must list), when ha-lint can know it:
 * vrrp_parser.c vrrp_srcip_handler() takes unicast_src_ip / mcast_src_ip; without one, vrrp.c set_vrrp_src_addr()
 * takes the primary address of the instance's own interface (for IPv6 its link-local address). ha-lint knows that
 * address only when the node's addresses are given apart from the keepalived files (a .ha-lint.yaml manifest) and
 * the node has exactly one, and every instance of the node runs on that one interface: a unicast_src_ip of another
 * instance, perhaps on another interface, is no evidence of this interface's primary address.
 */
export function instanceSourceAddress(node: Node, inst: VrrpInstance): string | undefined {
  if (inst.unicastSrcConflict) return undefined;
  if (inst.unicastSrcIp) return normaliseAddress(inst.unicastSrcIp.value);
  if (inst.family === 6) return undefined;
  const instances = node.keepalived?.instances ?? [];
  const configured = new Set(
    instances.flatMap((i) => (i.unicastSrcIp ? [normaliseAddress(i.unicastSrcIp.value)] : [])),
  );
  const given = node.addresses.map(normaliseAddress).filter((a) => !configured.has(a));
  const interfaces = new Set(instances.map((i) => i.interface?.value));
  if (given.length !== 1 || interfaces.size !== 1) return undefined;
  const only = parseIpAddress(given[0]);
  return only?.family === 4 ? only.address : undefined;
}
