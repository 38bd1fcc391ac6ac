/**
 * A node's packet filter as its firewall files describe it (nftables ruleset, iptables-save output, firewalld zones),
 * reduced to what decides whether a VRRP advert gets in: the input hook's base chains, their policies, and rules as
 * matches plus a verdict. Matches the readers do not understand stay as `other`, which the evaluation treats as
 * unknown (firewall-verdict.ts).
 */
import type { Location } from "../syntax/source.js";

export type FirewallFormat = "nftables" | "iptables" | "firewalld";

export interface FirewallRuleset {
  format: FirewallFormat;
  file: string;
  /** Chains by name (nftables: `table/chain`; iptables: the filter table's chains; firewalld: `zone:<name>`). */
  chains: Map<string, FirewallChain>;
  /** The chains that see every IPv4 packet for this host, in order (nftables: every `hook input` base chain). */
  inputChains: string[];
  /** What the reader cannot see, and that may change the verdict (an `include`, a firewalld direct rule ...). */
  unread: { what: string; location: Location }[];
}

export interface FirewallChain {
  name: string;
  /** A base chain's policy: what happens to a packet no rule decides. */
  policy?: { verdict: "accept" | "drop"; location: Location };
  rules: FirewallRule[];
}

export interface FirewallRule {
  location: Location;
  matches: FirewallMatch[];
  verdict: FirewallVerdict;
}

export type FirewallMatchKind = "protocol" | "saddr" | "daddr" | "iif" | "ct-state" | "pkttype" | "family";

export type FirewallMatch =
  | {
      kind: FirewallMatchKind;
      /** Protocol names or numbers, CIDRs, interface names (`eth*` wildcards), conntrack states, packet types. */
      values: string[];
      negated: boolean;
    }
  /** Something the reader does not evaluate (a named set, a rate limit, a mark ...): matches or not, unknown. */
  | { kind: "other"; text: string };

export type FirewallVerdict =
  | { kind: "accept" | "drop" | "reject" | "return" | "none" }
  | { kind: "jump" | "goto"; target: string }
  /** `ct state vmap { established : accept, ... }`: the verdict per conntrack state. */
  | { kind: "ct-vmap"; entries: { states: string[]; verdict: "accept" | "drop" | "reject" | "continue" }[] }
  /** A verdict the evaluation does not follow (queue, a vmap over another key ...). */
  | { kind: "unknown"; text: string };
