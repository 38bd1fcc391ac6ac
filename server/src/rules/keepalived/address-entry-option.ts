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

type Problem =
  { kind: "unknown"; at: number } | { kind: "badBroadcast"; at: number } | { kind: "broadcastOnIpv6"; at: number };

/**
 * The words of one address entry walked as alloc_ipaddress() walks them: an unknown word is reported and skipped;
 * a broadcast keepalived cannot use drops the whole address (the walk ends there). A missing value is KA058's.
 */
function entryProblems(entry: KaStatement, staticAddress: boolean): Problem[] {
  const words = entry.args.map((w) => w.value);
  const ipv6 = entry.keyword.value.includes(":");
  const problems: Problem[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    const takesValue = VALUE_OPTIONS.has(word) || (staticAddress && word === "track_group");
    if (takesValue && index + 1 >= words.length) break;
    if (word === "broadcast" || word === "brd") {
      const value = words[++index];
      if (ipv6) return [...problems, { kind: "broadcastOnIpv6", at: index - 1 }];
      if (value !== "-" && value !== "+" && inetPton(4, value) === undefined)
        return [...problems, { kind: "badBroadcast", at: index }];
    } else if (takesValue) index++;
    else if (!FLAG_OPTIONS.has(word) && !(!staticAddress && word === "use_vmac"))
      problems.push({ kind: "unknown", at: index });
  }
  return problems;
}

export default defineRule({
  id: "KA100",
  name: "address-entry-option",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A word after an address in virtual_ipaddress, virtual_ipaddress_excluded or static_ipaddress that is no " +
      "option keepalived knows, or a broadcast it cannot use (which drops the address).",
    description:
      "Walks the words after each address as alloc_ipaddress() does. Options with a value: `dev`, `scope`, " +
      "`broadcast`/`brd`, `label`, `peer`, `preferred_lft` (and `track_group` in static_ipaddress); options " +
      "without: `home`, `-nodad`, `mngtmpaddr`, `noprefixroute`, `autojoin`, `no_track` (and `use_vmac` outside " +
      "static_ipaddress). Any other word is reported and skipped, including an unexpanded `$NAME` or an `ip addr` " +
      "word such as `valid_lft`. The value of `broadcast` must be `-`, `+` or an IPv4 address (`198.51.100.255/0` " +
      "is not), and an IPv6 address takes no broadcast at all. Entries whose address keepalived cannot read are " +
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
      "and goes on (exit 5); checked on 2.2.7, 2.3.3 and 2.3.4.",
    reportedBy: "keepalived -t",
  },
  messages: {
    unknown: (p: { word: string; address: string }) =>
      `'${p.word}' is no option of an address entry: keepalived reports "Unknown configuration entry '${p.word}' ` +
      `for ip address - ignoring" and adds ${p.address} without it`,
    badBroadcast: (p: { value: string; address: string }) =>
      `broadcast '${p.value}' is not an IPv4 address (nor '-' or '+'): keepalived reports "VRRP is trying to ` +
      `assign invalid broadcast ${p.value}. skipping VIP..." and never adds ${p.address}`,
    broadcastOnIpv6: (p: { address: string }) =>
      `${p.address} is IPv6 and takes no broadcast: keepalived reports "VRRP is trying to assign a broadcast ... ` +
      `to the IPv6 address ${p.address}" and never adds it`,
  },
  check(ctx) {
    for (const doc of ctx.keepalived) {
      for (const { statement, blockId } of readLikeKeepalived(doc.statements, ctx.keepalivedKeywords).statements) {
        const keyword = statement.keyword.value;
        if (ADDRESS_BLOCKS[keyword] !== blockId) continue;
        for (const entry of statement.block?.statements ?? []) {
          const address = entry.keyword.value;
          if (readIpAddress(address, true).address === undefined) continue;
          for (const problem of entryProblems(entry, keyword === "static_ipaddress")) {
            const word = entry.args[problem.at];
            const place = { file: word.file, range: word.range };
            if (problem.kind === "unknown")
              ctx.report({ ...place, messageId: "unknown", data: { word: word.value, address } });
            else if (problem.kind === "badBroadcast")
              ctx.report({ ...place, messageId: "badBroadcast", data: { value: word.value, address } });
            else ctx.report({ ...place, messageId: "broadcastOnIpv6", data: { address } });
          }
        }
      }
    }
  },
});
