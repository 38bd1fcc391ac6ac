import { inetPton, readIpAddress } from "../../model/ip-address.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";
import { defineRule } from "../rule.js";
import { readLikeKeepalived } from "./statement-blocks.js";

/** The address blocks whose entries go through alloc_ipaddress(), with the block they stand in. */
const ADDRESS_BLOCKS: Record<string, string> = {
  virtual_ipaddress: "vrrp_instance",
  virtual_ipaddress_excluded: "vrrp_instance",
  static_ipaddress: "root",
};
/** Options alloc_ipaddress() reads a value for (vrrp_ipaddress.c at v2.2.7, v2.3.3, v2.3.4). */
const VALUE_OPTIONS = new Set(["dev", "scope", "broadcast", "brd", "label", "peer", "preferred_lft"]);
/** Options without a value. */
const FLAG_OPTIONS = new Set(["home", "-nodad", "mngtmpaddr", "noprefixroute", "autojoin", "no_track"]);
/** The scope names iproute2 builds in, with their numbers (a name from this machine's rt_scopes is not known here). */
const SCOPES: Record<string, number> = { global: 0, site: 200, link: 253, host: 254, nowhere: 255 };

/** What alloc_ipaddress() reports about one entry; `dropped` problems free the whole address. */
type ProblemKind =
  | "unknown"
  | "badBroadcast"
  | "broadcastOnIpv6"
  | "devTwice"
  | "labelTooLong"
  | "peerTwice"
  | "invalidPeer"
  | "peerFamily"
  | "prefixWithPeer"
  | "badLifetime"
  | "trackGroupTwice"
  | "trackGroupMissing"
  | "broadcastWithPeer"
  | "prefixTooLong"
  | "scopeOnIpv6"
  | "labelOnIpv6";
interface Problem {
  kind: ProblemKind;
  at: number;
}

/** What a message names: the word reported and the entry's address. */
interface Entry {
  word: string;
  address: string;
}

/** The state of the walk after the options: what the checks after the loop look at. */
interface Walk {
  problems: Problem[];
  /** The walk ended at a problem that frees the address (or at an option without its value, KA058's). */
  stopped: boolean;
  broadcast?: number;
  relativeBroadcast?: number;
  peer?: number;
  prefix: number;
  scope?: number;
  label?: number;
}

/** The peer option: one peer only, written without a prefix, of the address's family. */
function peerOption(walk: Walk, words: string[], index: number, ipv6: boolean): number {
  if (walk.peer !== undefined) {
    walk.problems.push({ kind: "peerTwice", at: index });
    // `continue` skips the loop's i++: the value is read again as an option
    return index;
  }
  const peer = readIpAddress(words[index + 1], false);
  if (peer.address === undefined) walk.problems.push({ kind: "invalidPeer", at: index + 1 });
  else if ((peer.family === 6) !== ipv6) walk.problems.push({ kind: "peerFamily", at: index + 1 });
  else {
    if (walk.prefix !== (ipv6 ? 128 : 32)) walk.problems.push({ kind: "prefixWithPeer", at: index + 1 });
    walk.peer = index;
    walk.prefix = ipv6 ? 128 : 32;
  }
  return index + 1;
}

/** One option with its value at words[index + 1]: the index of the last word it takes, or undefined to stop. */
function valueOption(walk: Walk, words: string[], index: number, ipv6: boolean, seen: Set<string>): number | undefined {
  const word = words[index];
  const value = words[index + 1];
  const stop = (kind: ProblemKind, at: number): undefined => {
    walk.problems.push({ kind, at });
    walk.stopped = true;
    return undefined;
  };
  if (word === "dev") {
    if (seen.has("dev")) return stop("devTwice", index);
    seen.add("dev");
  } else if (word === "scope") {
    const scope = /^\d+$/.test(value) ? Number(value) : SCOPES[value];
    if (scope !== undefined && scope <= 255) walk.scope = scope === 0 ? undefined : index;
  } else if (word === "broadcast" || word === "brd") {
    if (ipv6) return stop("broadcastOnIpv6", index);
    if (value !== "-" && value !== "+" && inetPton(4, value) === undefined) return stop("badBroadcast", index + 1);
    walk.broadcast = index;
    if (value === "-" || value === "+") walk.relativeBroadcast = index;
  } else if (word === "label") {
    if (value.length >= 16) return stop("labelTooLong", index + 1);
    walk.label = index;
  } else if (word === "peer") return peerOption(walk, words, index, ipv6);
  else if (word === "preferred_lft") {
    if (value !== "forever" && !(/^\d+$/.test(value) && Number(value) <= 4294967295))
      walk.problems.push({ kind: "badLifetime", at: index + 1 });
  }
  return index + 1;
}

/**
 * The words of one address entry walked as alloc_ipaddress() walks them: an unknown word is reported and skipped;
 * some problems drop the whole address (the walk ends there); then the checks after the loop. A missing value is
 * KA058's. `groups` are the static track groups defined before the entry.
 */
function entryProblems(entry: KaStatement, staticAddress: boolean, groups: Set<string>): Problem[] {
  const words = entry.args.map((w) => w.value);
  const ipv6 = entry.keyword.value.includes(":");
  const walk: Walk = {
    problems: [],
    stopped: false,
    prefix: readIpAddress(entry.keyword.value, true).prefix.running,
  };
  const seen = new Set<string>();
  let trackGroup = false;
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    const takesValue = VALUE_OPTIONS.has(word) || (staticAddress && word === "track_group");
    if (takesValue && index + 1 >= words.length) return walk.problems;
    if (staticAddress && word === "track_group") {
      index++;
      if (trackGroup) {
        walk.problems.push({ kind: "trackGroupTwice", at: index });
        break;
      }
      trackGroup = groups.has(words[index]);
      if (!trackGroup) walk.problems.push({ kind: "trackGroupMissing", at: index });
    } else if (takesValue) {
      const next = valueOption(walk, words, index, ipv6, seen);
      if (next === undefined) return walk.problems;
      index = next;
    } else if (!FLAG_OPTIONS.has(word) && !(!staticAddress && word === "use_vmac"))
      walk.problems.push({ kind: "unknown", at: index });
  }
  return [...walk.problems, ...afterOptions(walk, ipv6)];
}

/** The checks alloc_ipaddress() makes after the options. */
function afterOptions(walk: Walk, ipv6: boolean): Problem[] {
  const out: Problem[] = [];
  if (walk.broadcast !== undefined && walk.peer !== undefined)
    out.push({ kind: "broadcastWithPeer", at: walk.broadcast });
  else if (walk.relativeBroadcast !== undefined && walk.prefix > 30)
    out.push({ kind: "prefixTooLong", at: walk.relativeBroadcast });
  if (ipv6 && walk.scope !== undefined) out.push({ kind: "scopeOnIpv6", at: walk.scope });
  if (ipv6 && walk.label !== undefined) out.push({ kind: "labelOnIpv6", at: walk.label });
  return out;
}

export default defineRule({
  id: "KA100",
  name: "address-entry-option",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A word after an address in virtual_ipaddress, virtual_ipaddress_excluded or static_ipaddress that is no " +
      "option keepalived knows, a broadcast it cannot use (which drops the address), and the other option checks " +
      "of alloc_ipaddress(): dev twice, a long label, peers, preferred_lft, track_group, scope or label on IPv6.",
    description:
      "Walks the words after each address as alloc_ipaddress() does. Options with a value: `dev`, `scope`, " +
      "`broadcast`/`brd`, `label`, `peer`, `preferred_lft` (and `track_group` in static_ipaddress); options " +
      "without: `home`, `-nodad`, `mngtmpaddr`, `noprefixroute`, `autojoin`, `no_track` (and `use_vmac` outside " +
      "static_ipaddress). Any other word is reported and skipped, including an unexpanded `$NAME` or an `ip addr` " +
      "word such as `valid_lft`. The value of `broadcast` must be `-`, `+` or an IPv4 address (`198.51.100.255/0` " +
      "is not), and an IPv6 address takes no broadcast at all. Also reported: a second `dev` and a `label` of 16 " +
      "characters or more (both drop the address); a second `peer` (keepalived then reads its value as an option " +
      "word), a peer that is not a plain address of the entry's family, a prefix length together with a peer; a " +
      "`preferred_lft` that is neither `forever` nor a number; in static_ipaddress a second `track_group` (the " +
      "walk stops) or one naming no track_group block defined before the line; a broadcast with a peer, `+`/`-` " +
      "with a prefix longer than 30; `scope` (other than global) and `label` on an IPv6 address. Entries whose " +
      "address keepalived cannot read are " +
      "KA035's; an option left without its value is KA058's.",
    why:
      "keepalived goes on in both cases, but differently: an unknown word is only skipped, so the address is added " +
      "without what the word was meant to say (a `$DEV` that was never defined leaves the VIP on the instance's " +
      "interface). A bad broadcast frees the whole address: the instance never adds this VIP, though the line reads " +
      "as if only the broadcast were wrong.",
    sources: [
      "keepalived 2.2.7 keepalived/vrrp/vrrp_ipaddress.c alloc_ipaddress() (the option words; 'Unknown " +
        "configuration entry '%s' for ip address - ignoring'; 'VRRP is trying to assign invalid broadcast %s. " +
        "skipping VIP...' and 'VRRP is trying to assign a broadcast %s to the IPv6 address %s', both FREE(new)); " +
        "the same option list at v2.3.3 and v2.3.4",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_ipaddress.c alloc_ipaddress(): 'Cannot specify ipaddress device more " +
        "than once', 'Address label %s is longer than maximum length %d - removing address', 'Peer %s - another " +
        "peer has already been specified' (then `continue` without the loop's i++), 'Invalid peer address', 'Peer " +
        "address %s does not match address family', 'Cannot specify address prefix when specifying peer address', " +
        "'preferred_lft %s is invalid', 'track_group %s is a duplicate' (break), 'track_group %s not found', " +
        "'Cannot specify broadcast and peer addresses', 'Address prefix length %d too long for broadcast', " +
        "'Cannot specify scope/label for IPv6 addresses'; the same function at v2.3.3 and v2.3.4",
    ],
    bad:
      "vrrp_instance VI_1 {\n    interface eth0\n    virtual_ipaddress {\n        192.0.2.10/24 dev eth0 valid_lft " +
      "forever\n        192.0.2.11/24 broadcast 192.0.2.255/24\n    }\n}\n",
    good:
      "vrrp_instance VI_1 {\n    interface eth0\n    virtual_ipaddress {\n        192.0.2.10/24 dev eth0\n" +
      "        192.0.2.11/24 broadcast 192.0.2.255\n    }\n}\n",
    realTool:
      "keepalived -t prints \"Unknown configuration entry 'valid_lft' for ip address - ignoring\" (one line per " +
      "word) or 'VRRP is trying to assign invalid broadcast 192.0.2.255/24. skipping VIP...' on the entry's line " +
      "and goes on (exit 5); the same for the other checks ('Cannot specify ipaddress device more than once for " +
      "192.0.2.50/24' ...); checked on 2.2.7, 2.3.3 and 2.3.4.",
    reportedBy: "keepalived -t",
  },
  messages: {
    devTwice: (data: Entry) =>
      `a second 'dev': keepalived reports 'Cannot specify ipaddress device more than once for ${data.address}' and ` +
      `never adds the address`,
    labelTooLong: (data: Entry) =>
      `label '${data.word}' is longer than 15 characters: keepalived reports 'Address label ... is longer than ` +
      `maximum length 15 - removing address' and never adds ${data.address}`,
    peerTwice: (data: Entry) =>
      `${data.address} already has a peer: keepalived reports 'another peer has already been specified', keeps the ` +
      `first and reads the next word as an option`,
    invalidPeer: (data: Entry) =>
      `peer '${data.word}' is not an address keepalived reads (no prefix length is allowed here): it reports ` +
      `'Invalid peer address ${data.word}' and adds the address without a peer`,
    peerFamily: (data: Entry) =>
      `peer ${data.word} is not of the family of ${data.address}: keepalived reports 'Peer address ${data.word} does ` +
      `not match address family' and adds the address without a peer`,
    prefixWithPeer: (data: Entry) =>
      `${data.address} has a prefix length and a peer: keepalived reports 'Cannot specify address prefix when ` +
      `specifying peer address - ignoring' and uses the peer's host prefix`,
    badLifetime: (data: Entry) =>
      `preferred_lft '${data.word}' is neither 'forever' nor a number of seconds: keepalived reports 'preferred_lft ` +
      `${data.word} is invalid' and keeps the default`,
    trackGroupTwice: (data: Entry) =>
      `a second track_group: keepalived reports 'track_group ${data.word} is a duplicate' and reads nothing after it`,
    trackGroupMissing: (data: Entry) =>
      `no track_group '${data.word}' is defined before this line: keepalived reports 'track_group ${data.word} not ` +
      `found' and the address follows no group`,
    broadcastWithPeer: (data: Entry) =>
      `${data.address} has a peer: keepalived reports 'Cannot specify broadcast and peer addresses - ignoring ` +
      `broadcast address'`,
    prefixTooLong: (data: Entry) =>
      `'${data.word}' computes the broadcast from the prefix, but ${data.address} has a prefix longer than 30: ` +
      `keepalived reports 'Address prefix length ... too long for broadcast' and sets none`,
    scopeOnIpv6: (data: Entry) =>
      `${data.address} is IPv6: keepalived reports 'Cannot specify scope for IPv6 addresses (${data.address}) - ` +
      `ignoring scope'`,
    labelOnIpv6: (data: Entry) =>
      `${data.address} is IPv6: keepalived reports 'Cannot specify label for IPv6 addresses (${data.address}) - ` +
      `ignoring label'`,
    unknown: (data: Entry) =>
      `'${data.word}' is no option of an address entry: keepalived reports "Unknown configuration entry ` +
      `'${data.word}' for ip address - ignoring" and adds ${data.address} without it`,
    badBroadcast: (data: { value: string; address: string }) =>
      `broadcast '${data.value}' is not an IPv4 address (nor '-' or '+'): keepalived reports "VRRP is trying to ` +
      `assign invalid broadcast ${data.value}. skipping VIP..." and never adds ${data.address}`,
    broadcastOnIpv6: (data: Entry) =>
      `${data.address} is IPv6 and takes no broadcast: keepalived reports "VRRP is trying to assign a broadcast ... ` +
      `to the IPv6 address ${data.address}" and never adds it`,
  },
  check(ctx) {
    for (const doc of ctx.keepalived) {
      const groups = new Set<string>();
      for (const { statement, blockId } of readLikeKeepalived(doc.statements, ctx.keepalivedKeywords).statements) {
        const keyword = statement.keyword.value;
        if (blockId === "root" && keyword === "track_group" && statement.block && statement.args[0])
          groups.add(statement.args[0].value);
        if (ADDRESS_BLOCKS[keyword] !== blockId) continue;
        for (const entry of statement.block?.statements ?? []) {
          const address = entry.keyword.value;
          if (readIpAddress(address, true).address === undefined) continue;
          for (const problem of entryProblems(entry, keyword === "static_ipaddress", groups)) {
            const word = entry.args[problem.at];
            const place = { file: word.file, range: word.range };
            if (problem.kind === "badBroadcast")
              ctx.report({ ...place, messageId: "badBroadcast", data: { value: word.value, address } });
            else ctx.report({ ...place, messageId: problem.kind, data: { word: word.value, address } });
          }
        }
      }
    }
  },
});
