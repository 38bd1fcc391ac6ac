/**
 * `iptables-save` output as kept on the node (etc/iptables/rules.v4 of iptables-persistent, etc/sysconfig/iptables,
 * etc/iptables/iptables.rules, or etc/ha-lint/iptables-save.txt), read as text. Only the `*filter` table counts (its
 * INPUT chain is the input path); `:CHAIN POLICY` lines give the policies, `-A CHAIN ...` lines the rules. Options a
 * VRRP advert's verdict depends on are read (-p, -s, -d, -i, conntrack/state, pkttype, addrtype --dst-type); port
 * options need a -p of their own; anything else stays an `other` match (unknown).
 */
import type { FirewallChain, FirewallMatch, FirewallRuleset, FirewallVerdict } from "../../model/firewall.js";

export const IPTABLES_FILES = [
  "etc/iptables/rules.v4",
  "etc/sysconfig/iptables",
  "etc/iptables/iptables.rules",
  "etc/ha-lint/iptables-save.txt",
];

/** Words of a line, with double-quoted words unquoted. */
function words(line: string): string[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((found) => found[1] ?? found[2]);
}

const TERMINAL: Record<string, FirewallVerdict["kind"]> = {
  ACCEPT: "accept",
  DROP: "drop",
  REJECT: "reject",
  RETURN: "return",
};
/** Targets that do something and let the packet go on. */
const NON_TERMINAL = new Set(["LOG", "NFLOG", "ULOG", "MARK", "CONNMARK", "TRACE", "AUDIT", "CT", "NOTRACK"]);
/** Options of matches that cannot apply without a -p of their own (so the rule's -p already decides). */
const PORT_OPTIONS = new Set(["--dport", "--sport", "--dports", "--sports", "--destination-port", "--source-port"]);
const TWO_WORD_PORT_OPTIONS = new Set(["--tcp-flags"]);
const FLAG_OPTIONS = new Set(["--syn"]);
const MATCH_OPTIONS: Record<string, Exclude<FirewallMatch["kind"], "other">> = {
  "-p": "protocol",
  "--protocol": "protocol",
  "-s": "saddr",
  "--source": "saddr",
  "--src": "saddr",
  "-d": "daddr",
  "--destination": "daddr",
  "--dst": "daddr",
  "-i": "iif",
  "--in-interface": "iif",
  "--ctstate": "ct-state",
  "--state": "ct-state",
  "--pkt-type": "pkttype",
};
const ADDRTYPE: Record<string, string> = {
  MULTICAST: "multicast",
  LOCAL: "host",
  BROADCAST: "broadcast",
  UNICAST: "host",
};

function readRuleWords(args: string[], chains: Set<string>): { matches: FirewallMatch[]; verdict: FirewallVerdict } {
  const matches: FirewallMatch[] = [];
  let verdict: FirewallVerdict = { kind: "none" };
  let negated = false;
  for (let index = 0; index < args.length; index++) {
    const option = args[index];
    const value = args[index + 1] ?? "";
    if (option === "!") {
      negated = true;
      continue;
    }
    const kind = MATCH_OPTIONS[option];
    if (kind) {
      const values = kind === "ct-state" || kind === "saddr" || kind === "daddr" ? value.split(",") : [value];
      matches.push({
        kind,
        values: kind === "ct-state" ? values.map((state) => state.toLowerCase()) : values,
        negated,
      });
      index++;
    } else if (option === "--dst-type") {
      matches.push({ kind: "pkttype", values: [ADDRTYPE[value] ?? value.toLowerCase()], negated });
      index++;
    } else if (option === "-m" || option === "--match" || PORT_OPTIONS.has(option) || option === "--icmp-type") index++;
    else if (TWO_WORD_PORT_OPTIONS.has(option)) index += 2;
    else if (FLAG_OPTIONS.has(option) || option === "-4") {
      // no value
    } else if (option === "--comment" || option.startsWith("--log-") || option === "--reject-with") index++;
    else if (option === "-j" || option === "--jump" || option === "-g" || option === "--goto") {
      const goto = option === "-g" || option === "--goto";
      const terminal = TERMINAL[value];
      if (terminal && !goto) verdict = { kind: terminal } as FirewallVerdict;
      else if (chains.has(value)) verdict = { kind: goto ? "goto" : "jump", target: value };
      else if (!NON_TERMINAL.has(value)) verdict = { kind: "unknown", text: `-j ${value}` };
      index++;
    } else {
      matches.push({ kind: "other", text: value.startsWith("-") || value === "" ? option : `${option} ${value}` });
      if (!value.startsWith("-") && value !== "") index++;
    }
    negated = false;
  }
  return { matches, verdict };
}

export function readIptablesSave(file: string, text: string): FirewallRuleset | undefined {
  const chains = new Map<string, FirewallChain>();
  const sourceLines = text.split(/\r?\n/);
  let table: string | undefined;
  // Chain names first: a -j names either a target or a chain the file declares.
  const declared = new Set(
    sourceLines.flatMap((line) => (line.startsWith(":") ? [line.slice(1).split(/\s+/)[0]] : [])),
  );
  for (const [lineNumber, raw] of sourceLines.entries()) {
    const line = raw.replace(/^\[\d+:\d+\]\s+/, "").trim();
    const range = { start: { line: lineNumber, character: 0 }, end: { line: lineNumber, character: raw.length } };
    const location = { file, range };
    if (line.startsWith("*")) table = line.slice(1).trim();
    if (table !== "filter") continue;
    if (line.startsWith(":")) {
      const [name, policy] = line.slice(1).split(/\s+/);
      const chain: FirewallChain = { name, rules: [] };
      if (policy === "ACCEPT" || policy === "DROP")
        chain.policy = { verdict: policy === "DROP" ? "drop" : "accept", location };
      chains.set(name, chain);
    } else if (line.startsWith("-A ") || line.startsWith("-I ")) {
      const args = words(line);
      const chain = chains.get(args[1]);
      if (!chain) continue;
      const rule = { location, ...readRuleWords(args.slice(2), declared) };
      if (args[0] === "-I") chain.rules.unshift(rule);
      else chain.rules.push(rule);
    }
  }
  if (!chains.has("INPUT")) return undefined;
  return { format: "iptables", file, chains, inputChains: ["INPUT"], unread: [] };
}
