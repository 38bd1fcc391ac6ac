/**
 * Which adverts a node accepts from another (keepalived vrrp.c `vrrp_check_packet()`, SEMANTICS.md 1.5-1.6):
 * a mismatch makes the receiver drop the advert, which acts like no advert at all.
 */
import { normaliseAddress, sameAddress } from "../model/ip-address.js";
import type { Node, VrrpInstance } from "../model/types.js";
import { atLeast, DEFAULT_VERSIONS } from "../schema/versions.js";

export interface Member {
  node: Node;
  instance: VrrpInstance;
}

export type MismatchKind =
  | "vrid"
  | "version"
  | "auth-type"
  | "auth-pass"
  | "advert-int"
  | "vips"
  | "mode"
  | "mcast-group"
  | "peer-list"
  | "unicast-src"
  | "owner-ignores-adverts"
  | "source-not-local";

export interface Mismatch {
  kind: MismatchKind;
  message: string;
}

export const DEFAULT_MCAST = "224.0.0.18";

/** The keepalived version a member runs (the node's own, set by analyze()). */
export function keepalivedVersionOf(m: Member): string {
  return m.node.keepalivedVersion ?? DEFAULT_VERSIONS.keepalived;
}

/**
 * Whether the receiver drops an advert whose VIP set differs from its own. keepalived before 2.3.3 does
 * (vrrp.c vrrp_check_packet(): 'expected N VIPs but received M' / 'not present in MASTER advert' -> VRRP_PACKET_KO);
 * from 2.3.3 (commit af103930) it only logs a rate-limited warning and accepts the advert.
 */
export function dropsOtherVipSet(receiver: Member): boolean {
  return !atLeast("keepalived", keepalivedVersionOf(receiver), "2.3.3");
}

/** keepalived 2.3.3+ sets IP_FREEBIND on unicast sockets: a source address the node lacks still binds. */
export function bindsAnySource(m: Member): boolean {
  return atLeast("keepalived", keepalivedVersionOf(m), "2.3.3");
}

export function isUnicast(inst: VrrpInstance): boolean {
  return inst.unicastPeers.length > 0;
}

/** The address a node sends adverts from and receives them on, when known. */
export function sourceAddress(m: Member): string | undefined {
  if (m.instance.unicastSrcConflict) return undefined;
  const src = m.instance.unicastSrcIp?.value;
  if (src) return normaliseAddress(src);
  return m.node.addresses.length === 1 ? normaliseAddress(m.node.addresses[0]) : undefined;
}

/** First 8 bytes of the password, as keepalived compares it. */
export function effectivePass(inst: VrrpInstance): string | undefined {
  const p = inst.authentication?.pass?.value;
  return p === undefined ? undefined : p.slice(0, 8);
}

export function authApplies(inst: VrrpInstance): boolean {
  return inst.vrrpVersion === 2 && inst.strict === undefined && inst.authentication?.type !== undefined;
}

function vipKey(inst: VrrpInstance): string {
  return inst.vips
    .map((v) => normaliseAddress(v.address))
    .sort()
    .join(",");
}

/** Why `to` drops the adverts of `from` (empty: it accepts them). */
export function advertMismatches(from: Member, to: Member): Mismatch[] {
  const a = from.instance;
  const b = to.instance;
  const out: Mismatch[] = [];
  if (a.vrid?.value !== b.vrid?.value)
    out.push({ kind: "vrid", message: `virtual_router_id ${a.vrid?.value ?? "unset"} vs ${b.vrid?.value ?? "unset"}` });
  if (a.vrrpVersion !== b.vrrpVersion)
    out.push({ kind: "version", message: `VRRP version ${a.vrrpVersion} vs ${b.vrrpVersion}` });
  if (authApplies(a) || authApplies(b)) {
    const ta = authApplies(a) ? a.authentication?.type?.value : undefined;
    const tb = authApplies(b) ? b.authentication?.type?.value : undefined;
    if (ta !== tb) out.push({ kind: "auth-type", message: `authentication ${ta ?? "none"} vs ${tb ?? "none"}` });
    else if (ta === "PASS" && effectivePass(a) !== effectivePass(b))
      out.push({ kind: "auth-pass", message: "auth_pass differs in its first 8 characters" });
  }
  if (a.vrrpVersion === 2 && b.vrrpVersion === 2 && a.advertInt !== b.advertInt)
    out.push({ kind: "advert-int", message: `advert_int ${a.advertInt} vs ${b.advertInt}` });
  if (vipKey(a) !== vipKey(b) && dropsOtherVipSet(to))
    out.push({ kind: "vips", message: "virtual_ipaddress sets differ" });
  // keepalived 2.3.3+ binds the unicast socket with IP_FREEBIND (commit b48f005a) to a source address the node does
  // not have, instead of going to FAULT. A raw socket bound to an address receives only packets sent to it, and
  // the peers send to the node's real address: the node hears nobody. Its adverts leave with the copied source;
  // the node that really has that address drops them (the kernel refuses a packet from one of its own addresses).
  if (b.unicastSrcConflict && bindsAnySource(to))
    out.push({ kind: "source-not-local", message: `${to.node.name} listens on an address it does not have` });
  if (a.unicastSrcConflict && bindsAnySource(from) && isUnicast(a)) {
    const src = a.unicastSrcIp?.value;
    if (src && to.node.addresses.some((x) => sameAddress(x, src)))
      out.push({ kind: "source-not-local", message: `${from.node.name} sends from ${to.node.name}'s own address` });
  }
  // keepalived 2.3.3+: an address owner with owner_ignore_adverts (always in strict mode) drops every advert
  // (vrrp_check_packet(): 'Dropping packet(s) from ... since we are address owner').
  if (b.ownerIgnoresAdverts)
    out.push({ kind: "owner-ignores-adverts", message: `${to.node.name} is an address owner that ignores adverts` });
  if (isUnicast(a) !== isUnicast(b))
    out.push({
      kind: "mode",
      message: `${isUnicast(a) ? "unicast" : "multicast"} vs ${isUnicast(b) ? "unicast" : "multicast"}`,
    });
  else if (!isUnicast(a)) {
    const ma = a.mcastDstIp?.value ?? DEFAULT_MCAST;
    const mb = b.mcastDstIp?.value ?? DEFAULT_MCAST;
    if (!sameAddress(ma, mb) && ma !== mb) out.push({ kind: "mcast-group", message: `mcast_dst_ip ${ma} vs ${mb}` });
  } else {
    const dest = sourceAddress(to);
    if (dest !== undefined && !a.unicastPeers.some((p) => sameAddress(p.address, dest))) {
      out.push({
        kind: "peer-list",
        message: `${from.node.name}'s unicast_peer list does not contain ${to.node.name}'s address ${dest}`,
      });
    }
    const src = sourceAddress(from);
    if (b.checkUnicastSrc && src !== undefined && !b.unicastPeers.some((p) => sameAddress(p.address, src))) {
      out.push({
        kind: "unicast-src",
        message: `${to.node.name} checks unicast sources and ${from.node.name}'s ${src} is not in its peer list`,
      });
    }
  }
  return out;
}
