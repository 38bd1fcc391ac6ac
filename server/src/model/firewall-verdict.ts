/**
 * Whether a node's firewall rules let a VRRP advert in, evaluated on the rules as read (firewall.ts), bounded: the
 * input-path base chains in turn, each walked rule by rule with jumps and gotos followed (at most 16 deep), for the
 * first advert of a peer (conntrack state `new`: an `established` accept cannot admit it). A match the readers do not
 * evaluate makes a rule's outcome unknown; an unknown rule that could accept makes the verdict unknown, one that can
 * only drop does not (the packet is dropped there or further on). A drop in any input-path chain is final.
 */
import ipaddr from "ipaddr.js";
import type { Location } from "../syntax/source.js";
import type { FirewallMatch, FirewallRule, FirewallRuleset, FirewallVerdict } from "./firewall.js";

/** A VRRP advert (IPv4, IP protocol 112) arriving at this node. */
export interface AdvertPacket {
  /** The sending peer's address, when known. */
  source?: string;
  /** This node's address (unicast) or the multicast group. */
  destination?: string;
  /** The interface it arrives on (the instance's `interface`), when known. */
  interfaceName?: string;
  multicast: boolean;
}

export type AdvertVerdict =
  | { kind: "accepted" }
  | {
      kind: "dropped";
      /** The rule or the chain policy that drops it. */
      location: Location;
      byPolicy: boolean;
      /** An accept of `established` packets passed on the way: it admits unicast adverts once this node sent one. */
      conntrackAccept?: Location;
    }
  | { kind: "unknown"; why: string; location?: Location };

type Tri = "yes" | "no" | "unknown";

type Outcome =
  | { kind: "accept" }
  | { kind: "drop"; location: Location; byPolicy: boolean }
  | { kind: "return" }
  | { kind: "unknown"; why: string; location?: Location };

const MAX_DEPTH = 16;

function inCidr(address: string, cidr: string): Tri {
  try {
    const parsedAddress = ipaddr.parse(address);
    if (parsedAddress.kind() !== "ipv4") return "unknown";
    const [network, prefix] = cidr.includes("/") ? ipaddr.parseCIDR(cidr) : [ipaddr.parse(cidr), 32];
    if (network.kind() !== "ipv4") return "no";
    return parsedAddress.match(network, prefix) ? "yes" : "no";
  } catch {
    return "unknown";
  }
}

function anyOf(values: string[], test: (value: string) => Tri): Tri {
  let result: Tri = "no";
  for (const value of values) {
    const one = test(value);
    if (one === "yes") return "yes";
    if (one === "unknown") result = "unknown";
  }
  return result;
}

function interfaceMatches(name: string, pattern: string): Tri {
  if (pattern.endsWith("*") || pattern.endsWith("+")) return name.startsWith(pattern.slice(0, -1)) ? "yes" : "no";
  return name === pattern ? "yes" : "no";
}

function addressMatch(address: string | undefined, values: string[]): Tri {
  if (address === undefined) return "unknown";
  return anyOf(values, (value) =>
    value.startsWith("@") || value.startsWith("$") ? "unknown" : inCidr(address, value),
  );
}

function positiveMatch(match: Exclude<FirewallMatch, { kind: "other" }>, packet: AdvertPacket): Tri {
  switch (match.kind) {
    case "protocol":
      return anyOf(match.values, (value) => (["vrrp", "112", "all", "0"].includes(value.toLowerCase()) ? "yes" : "no"));
    case "family":
      return anyOf(match.values, (value) => (["ipv4", "ip", "inet"].includes(value) ? "yes" : "no"));
    case "saddr":
      return addressMatch(packet.source, match.values);
    case "daddr":
      return addressMatch(packet.destination, match.values);
    case "iif":
      if (packet.interfaceName === undefined) return "unknown";
      return anyOf(match.values, (value) => interfaceMatches(packet.interfaceName ?? "", value));
    case "ct-state":
      return anyOf(match.values, (value) => (value.toLowerCase() === "new" ? "yes" : "no"));
    case "pkttype": {
      const packetType = packet.multicast ? ["multicast"] : ["host", "unicast", "local"];
      return anyOf(match.values, (value) => (packetType.includes(value.toLowerCase()) ? "yes" : "no"));
    }
  }
}

function matchOne(match: FirewallMatch, packet: AdvertPacket): Tri {
  if (match.kind === "other") return "unknown";
  const positive = positiveMatch(match, packet);
  if (!match.negated || positive === "unknown") return positive;
  return positive === "yes" ? "no" : "yes";
}

function ruleMatches(rule: FirewallRule, packet: AdvertPacket): Tri {
  let result: Tri = "yes";
  for (const match of rule.matches) {
    const one = matchOne(match, packet);
    if (one === "no") return "no";
    if (one === "unknown") result = "unknown";
  }
  return result;
}

/** A rule that would accept the packet if it were `established` (not `new`): conntrack admits later unicast adverts. */
function acceptsEstablished(rule: FirewallRule, packet: AdvertPacket): boolean {
  const verdict = rule.verdict;
  if (verdict.kind === "ct-vmap") {
    return verdict.entries.some((entry) => entry.states.includes("established") && entry.verdict === "accept");
  }
  if (verdict.kind !== "accept") return false;
  const states = rule.matches.find((match) => match.kind === "ct-state");
  if (!states || states.kind === "other" || states.negated || !states.values.includes("established")) return false;
  return rule.matches.every((match) => match.kind === "ct-state" || matchOne(match, packet) !== "no");
}

interface Walk {
  ruleset: FirewallRuleset;
  packet: AdvertPacket;
  conntrackAccept?: Location;
}

function verdictOutcome(walk: Walk, rule: FirewallRule, verdict: FirewallVerdict, depth: number): Outcome | undefined {
  switch (verdict.kind) {
    case "accept":
      return { kind: "accept" };
    case "drop":
    case "reject":
      return { kind: "drop", location: rule.location, byPolicy: false };
    case "return":
      return { kind: "return" };
    case "none":
      return undefined;
    case "jump":
    case "goto": {
      const inner = walkChain(walk, verdict.target, depth + 1);
      if (inner.kind === "return") return verdict.kind === "goto" ? { kind: "return" } : undefined;
      return inner;
    }
    case "ct-vmap": {
      const entry = verdict.entries.find((candidate) => candidate.states.includes("new"));
      if (!entry || entry.verdict === "continue") return undefined;
      return entry.verdict === "accept"
        ? { kind: "accept" }
        : { kind: "drop", location: rule.location, byPolicy: false };
    }
    case "unknown":
      return { kind: "unknown", why: `a verdict ha-lint does not follow (${verdict.text})`, location: rule.location };
  }
}

/** A rule whose match is unknown: harmless when it can only drop or return nothing; else the verdict is unknown. */
function unknownRuleOutcome(walk: Walk, rule: FirewallRule, depth: number): Outcome | undefined {
  const outcome = verdictOutcome(walk, rule, rule.verdict, depth);
  if (outcome === undefined || outcome.kind === "drop") return undefined;
  if (outcome.kind === "unknown") return outcome;
  return { kind: "unknown", why: "a rule whose match ha-lint does not evaluate", location: rule.location };
}

function walkChain(walk: Walk, chainName: string, depth: number): Outcome {
  const chain = walk.ruleset.chains.get(chainName);
  if (!chain) return { kind: "unknown", why: `chain '${chainName}' is not in the file` };
  if (depth > MAX_DEPTH) return { kind: "unknown", why: `jumps deeper than ${MAX_DEPTH} chains` };
  for (const rule of chain.rules) {
    const matched = ruleMatches(rule, walk.packet);
    if (matched === "no") {
      if (!walk.conntrackAccept && acceptsEstablished(rule, walk.packet)) walk.conntrackAccept = rule.location;
      continue;
    }
    if (matched === "yes" && rule.verdict.kind === "ct-vmap" && !walk.conntrackAccept) {
      if (acceptsEstablished(rule, walk.packet)) walk.conntrackAccept = rule.location;
    }
    const outcome =
      matched === "yes" ? verdictOutcome(walk, rule, rule.verdict, depth) : unknownRuleOutcome(walk, rule, depth);
    if (outcome) return outcome;
  }
  if (chain.policy) {
    return chain.policy.verdict === "accept"
      ? { kind: "accept" }
      : { kind: "drop", location: chain.policy.location, byPolicy: true };
  }
  return { kind: "return" };
}

/** The verdict of one ruleset for one advert: dropped by the first input-path chain that drops it for certain. */
export function advertVerdict(ruleset: FirewallRuleset, packet: AdvertPacket): AdvertVerdict {
  const unread = ruleset.unread[0];
  if (unread) return { kind: "unknown", why: `${unread.what} is not read`, location: unread.location };
  let unknown: AdvertVerdict | undefined;
  for (const chainName of ruleset.inputChains) {
    const walk: Walk = { ruleset, packet };
    const outcome = walkChain(walk, chainName, 0);
    if (outcome.kind === "drop") {
      const { location, byPolicy } = outcome;
      return { kind: "dropped", location, byPolicy, conntrackAccept: walk.conntrackAccept };
    }
    if (outcome.kind === "unknown") unknown ??= { kind: "unknown", why: outcome.why, location: outcome.location };
  }
  return unknown ?? { kind: "accepted" };
}
