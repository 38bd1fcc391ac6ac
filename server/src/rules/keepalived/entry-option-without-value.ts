import { normaliseAddress, readIpAddress, readSocketAddress } from "../../model/ip-address.js";
import { atLeast } from "../../schema/versions.js";
import type { KaStatement, KaWord } from "../../syntax/keepalived/tree.js";
import { defineRule, type RuleContext } from "../rule.js";
import { readLikeKeepalived } from "./statement-blocks.js";

/** The address options alloc_ipaddress() reads a value for (vrrp_ipaddress.c at v2.2.7, v2.3.3, v2.3.4). */
const VALUE_OPTIONS = new Set(["dev", "scope", "broadcast", "brd", "label", "peer", "preferred_lft"]);
/** The address blocks whose entries go through alloc_ipaddress(), with the block they stand in. */
const ADDRESS_BLOCKS: Record<string, string> = {
  virtual_ipaddress: "vrrp_instance",
  virtual_ipaddress_excluded: "vrrp_instance",
  static_ipaddress: "root",
};

/** The option of an address entry left without its value, as alloc_ipaddress() walks the words. */
function addressOptionWithoutValue(entry: KaStatement, staticAddress: boolean): KaWord | undefined {
  const words = entry.args;
  for (let index = 0; index < words.length; index++) {
    const word = words[index].value;
    const takesValue = VALUE_OPTIONS.has(word) || (staticAddress && word === "track_group");
    if (!takesValue) continue;
    if (index + 1 >= words.length) return words[index];
    index++;
  }
  return undefined;
}

/** What alloc_vrrp_unicast_peer() makes of the words after a peer address, walked in pairs. */
interface PeerOptions {
  /** A name left alone at the end ('... is missing a value'). */
  missing?: KaWord;
  /** A name other than min_ttl/max_ttl with a readable TTL after it ('unknown unicast_peer option'). */
  unknown?: KaWord;
  /** Values read_unsigned() refuses, with its message ('invalid number', 'outside range', 'negative number'). */
  refused: { word: KaWord; said: string }[];
  minTtl: number;
  maxTtl: number;
}

/** lib/parser.c read_unsigned(..., 0, 255, false) at v2.2.7, v2.3.3, v2.3.4: what it prints for a TTL, if anything. */
function ttlRefusal(value: string): string | undefined {
  if (/^\d+$/.test(value)) return Number(value) <= 255 ? undefined : `number '${value}' outside range [0, 255]`;
  return /^-\d+$/.test(value) ? `negative number '${value}'` : `invalid number '${value}'`;
}

function peerOptions(entry: KaStatement): PeerOptions {
  const words = entry.args;
  const out: PeerOptions = { refused: [], minTtl: 0, maxTtl: 255 };
  for (let index = 0; index < words.length; index += 2) {
    if (index + 1 >= words.length) return { ...out, missing: words[index] };
    const value = words[index + 1].value;
    // read_unsigned(..., 0, 255): a value it cannot read is reported and the pair skipped
    const said = ttlRefusal(value);
    if (said) {
      out.refused.push({ word: words[index + 1], said });
      continue;
    }
    const name = words[index].value;
    if (name === "min_ttl") out.minTtl = Number(value);
    else if (name === "max_ttl") out.maxTtl = Number(value);
    else return { ...out, unknown: words[index] };
  }
  return out;
}

const messages = {
  addressDropped: (data: { option: string; address: string; block: string }) =>
    `'${data.option}' ends this ${data.block} entry without its value: keepalived reports 'No ${data.option} ` +
    `parameter specified for ${data.address}' and drops the whole address, so it is never added (give the ` +
    `${data.option} a value or remove the word)`,
  peerOptionIgnored: (data: { option: string; address: string; quoted: string }) =>
    `'${data.option}' after unicast peer ${data.address} has no value: keepalived reports '${data.quoted}' and ` +
    `ignores the option (the peer is kept)`,
  peerOptionUnknown: (data: { option: string; address: string; quoted: string }) =>
    `'${data.option}' is not a unicast_peer option (min_ttl, max_ttl): keepalived reports '${data.quoted}' and ` +
    `ignores it and the words after it (the peer is kept)`,
  peerTtlRefused: (data: { address: string; said: string }) =>
    `a TTL of unicast peer ${data.address} is a whole number from 0 to 255: keepalived reports '${data.said}' and ` +
    `ignores this option`,
  peerTtlRange: (data: { address: string; min: number; max: number }) =>
    `unicast peer ${data.address} has min_ttl ${data.min} above max_ttl ${data.max}: keepalived reports '... min_ttl ` +
    `${data.min} > max_ttl ${data.max} - all packets will be discarded', so no advert from this peer is accepted`,
};

/**
 * The unicast_peer entries as alloc_vrrp_unicast_peer() reads them: an unreadable address is KA035's; from 2.3 a
 * repeated peer is freed (KA072) before its TTLs are compared.
 */
function checkPeers(ctx: RuleContext<typeof messages>, entries: KaStatement[], instance: string, v23: boolean): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    const address = entry.keyword.value;
    const read = readSocketAddress(address).address;
    if (read === undefined) continue;
    const options = peerOptions(entry);
    const named = options.missing ?? options.unknown;
    if (named) {
      const what = options.missing ? `${named.value} is missing a value` : `unknown unicast_peer option ${named.value}`;
      const quoted = v23 ? `(${instance}) ${address} - ${what}` : `(${instance}) ${what}`;
      const messageId = options.missing ? "peerOptionIgnored" : "peerOptionUnknown";
      ctx.report({ file: named.file, range: named.range, messageId, data: { option: named.value, address, quoted } });
    }
    for (const { word, said } of options.refused)
      ctx.report({ file: word.file, range: word.range, messageId: "peerTtlRefused", data: { address, said } });
    const repeated = v23 && seen.has(normaliseAddress(read));
    seen.add(normaliseAddress(read));
    if (options.minTtl > options.maxTtl && !repeated)
      ctx.report({
        file: entry.file,
        range: entry.keyword.range,
        messageId: "peerTtlRange",
        data: { address, min: options.minTtl, max: options.maxTtl },
      });
  }
}

export default defineRule({
  id: "KA058",
  name: "entry-option-without-value",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "An address or unicast peer entry whose last option has no value (`192.0.2.10/24 dev`, `192.0.2.12 " +
      "min_ttl`): keepalived drops the address, or ignores the option; a unicast_peer option keepalived does not " +
      "know, or a min_ttl above the max_ttl.",
    description:
      "Walks the words of each virtual_ipaddress, virtual_ipaddress_excluded and static_ipaddress entry as " +
      "alloc_ipaddress() does: `dev`, `scope`, `broadcast`/`brd`, `label`, `peer`, `preferred_lft` (and " +
      "`track_group` in static_ipaddress) take the next word as their value; one of them as the last word has " +
      "none. Walks the words after each unicast_peer address in pairs as alloc_vrrp_unicast_peer() does (`min_ttl " +
      "N`, `max_ttl N`): a name left alone at the end has no value, another name with a TTL (0-255) after it is " +
      "unknown and ends the walk, and a min_ttl above the max_ttl (defaults 0 and 255) discards every packet of " +
      "the peer; a TTL that is not a number from 0 to 255 is refused. Entries whose address keepalived cannot read " +
      "are KA035's.",
    why:
      "keepalived does not stop for these (they are not 'missing a parameter'): alloc_ipaddress() reports 'No dev " +
      "parameter specified for 192.0.2.10/24' and frees the whole address, so the instance never adds that VIP, " +
      "though the entry reads as if only the option were wrong; alloc_vrrp_unicast_peer() reports '... min_ttl is " +
      "missing a value' and keeps the peer without the TTL check.",
    sources: [
      "keepalived 2.2.7 keepalived/vrrp/vrrp_ipaddress.c alloc_ipaddress() (param_missing: 'No %s parameter " +
        "specified for %s', FREE(new); the same in 2.3.3 and 2.3.4)",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_data.c alloc_vrrp_unicast_peer() ('(%s) %s is missing a value'); " +
        "2.3.3 and 2.3.4 add the peer address ('(%s) %s - %s is missing a value'); the same function's '(%s) " +
        "unknown unicast_peer option %s' and '(%s) min_ttl %u > max_ttl %u - all packets will be discarded' (2.3.3 " +
        "and 2.3.4: with the peer address, and not for a repeated peer, which is freed first)",
    ],
    bad: "vrrp_instance VI_1 {\n    interface eth0\n    virtual_ipaddress {\n        192.0.2.10/24 dev\n    }\n}\n",
    good: "vrrp_instance VI_1 {\n    interface eth0\n    virtual_ipaddress {\n        192.0.2.10/24 dev eth0\n    }\n}\n",
    realTool:
      "keepalived -t prints 'No dev parameter specified for 192.0.2.10/24' (2.2.7, 2.3.3, 2.3.4) and '(VI_1) " +
      "min_ttl is missing a value' (2.2.7) or '(VI_1) 192.0.2.12 - min_ttl is missing a value' (2.3.3, 2.3.4) on " +
      "the entry's line, and goes on (exit 5); likewise '(VI_1) 192.0.2.12 - unknown unicast_peer option ttl' and " +
      "'(VI_1) 192.0.2.12 - min_ttl 200 > max_ttl 100 - all packets will be discarded' (2.2.7 without the address).",
    reportedBy: "keepalived -t",
    versions:
      "The unicast_peer message names the peer from 2.3 on (vrrp_data.c alloc_vrrp_unicast_peer() at v2.3.3); the " +
      "rest is the same in 2.2.7, 2.3.3 and 2.3.4 (checked on each binary).",
  },
  messages,
  check(ctx) {
    const newPeerMessage = atLeast("keepalived", ctx.settings.keepalivedVersion, "2.3.0");
    for (const doc of ctx.keepalived) {
      let instance = "";
      for (const { statement, blockId } of readLikeKeepalived(doc.statements, ctx.keepalivedKeywords).statements) {
        const keyword = statement.keyword.value;
        if (blockId === "root" && keyword === "vrrp_instance") instance = statement.args[0]?.value ?? "";
        const entries = statement.block?.statements ?? [];
        if (ADDRESS_BLOCKS[keyword] === blockId) {
          for (const entry of entries) {
            if (readIpAddress(entry.keyword.value, true).address === undefined) continue;
            const option = addressOptionWithoutValue(entry, keyword === "static_ipaddress");
            if (!option) continue;
            const data = { option: option.value, address: entry.keyword.value, block: keyword };
            ctx.report({ file: option.file, range: option.range, messageId: "addressDropped", data });
          }
        } else if (keyword === "unicast_peer" && blockId === "vrrp_instance")
          checkPeers(ctx, entries, instance, newPeerMessage);
      }
    }
  },
});
