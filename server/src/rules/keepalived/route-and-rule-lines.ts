import { readIpAddress } from "../../model/ip-address.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";
import { atLeast } from "../../schema/versions.js";
import { defineRule } from "../rule.js";
import { readLikeKeepalived } from "./statement-blocks.js";

/** Route words that take the next word as their value (keepalived/vrrp/vrrp_iproute.c alloc_route()). */
const ROUTE_VALUE_WORDS = new Set(
  "src via gw dev table protocol scope metric priority preference tos mtu hoplimit advmss rtt rttvar reordering window cwnd ssthresh realms rto_min initcwnd initrwnd features congctl pref expires vrf track_group as encap ttl-propagate fastopen_no_cookie from".split(
    " ",
  ),
);
/** Route words that stand alone (types and flags) before the destination or after it. */
const ROUTE_FLAG_WORDS = new Set(
  "inet inet6 onlink blackhole unreachable prohibit throw unicast local broadcast multicast anycast nat no_track add prepend append".split(
    " ",
  ),
);

/**
 * An address or prefix as keepalived's parse_ipaddress() takes it: the text before the first '/' must be an address;
 * a prefix length it cannot use is reported ('Invalid address prefix len') and the host prefix taken instead, so the
 * line is still a route (198.51.100.0/33 is 198.51.100.0/32, checked on 2.2.7, 2.3.3 and 2.3.4).
 */
function isAddress(text: string): boolean {
  if (text === "default") return true;
  return readIpAddress(text, true).address !== undefined;
}

/** The prefix length of a destination that parse_ipaddress() reports, when it does. */
function badPrefix(text: string): { prefix: string; used: number } | undefined {
  if (text === "default") return undefined;
  const read = readIpAddress(text, true);
  if (!read.prefix.error || read.prefixText === undefined) return undefined;
  return { prefix: read.prefixText, used: read.prefix.checked };
}

/** Rule words that set its preference (keepalived/vrrp/vrrp_iprule.c alloc_rule()). */
const PREFERENCE_WORDS = new Set(["preference", "order", "priority"]);

interface Line {
  words: { value: string; statement: KaStatement; index: number }[];
  statement: KaStatement;
}

function lineOf(statement: KaStatement): Line {
  const words = [statement.keyword, ...statement.args].map((w, index) => ({ value: w.value, statement, index }));
  return { words, statement };
}

/** The words of a route before its nexthops, with the ones that are values of another word left out. */
function routeWords(line: Line): string[] {
  const out: string[] = [];
  for (let i = 0; i < line.words.length; i++) {
    const word = line.words[i].value;
    if (word === "nexthop") break;
    out.push(word);
    if (ROUTE_VALUE_WORDS.has(word)) {
      if (line.words[i + 1]?.value === "lock") i++;
      out.push(`=${line.words[i + 1]?.value ?? ""}`);
      i++;
    }
  }
  return out;
}

/**
 * A value word at the end of a route line, reached the way alloc_route() reads the line: words in order, each value
 * word taking the next one, the first other word the destination; a destination that is no address ends the line
 * with an error first ('VRRP parsed invalid IP', 'unknown route keyword'), as does 'nexthop' (its own grammar).
 */
function missingRouteValue(line: Line): string | undefined {
  let destination = false;
  for (let i = 0; i < line.words.length; i++) {
    const word = line.words[i].value;
    if (word === "nexthop") return undefined;
    if (ROUTE_VALUE_WORDS.has(word)) {
      // the metrics take 'lock' before their value (`ssthresh lock 107`)
      if (line.words[i + 1]?.value === "lock") i++;
      if (i + 1 >= line.words.length) return word;
      i++;
      continue;
    }
    if (ROUTE_FLAG_WORDS.has(word)) continue;
    if (destination || !isAddress(word)) return undefined;
    destination = true;
  }
  return undefined;
}

export default defineRule({
  id: "KA050",
  name: "route-and-rule-lines",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "Route and rule lines keepalived changes: a tracked route without an interface, a track_group not defined " +
      "above, a rule without a preference, deprecated route words.",
    description:
      "Checks the lines of `virtual_routes`, `virtual_rules` (vrrp_instance) and `static_routes`, `static_rules` " +
      "(top level): a route without `dev` and without `no_track` (keepalived before 2.3.2 cannot track it), a " +
      "`track_group` that names no track_group block defined earlier in the file, a static route or rule with " +
      "`track_group` but no interface, a rule without `preference`/`priority`/`order`, and the deprecated route " +
      "words `gw` and `or`.",
    why:
      "keepalived goes on with each of these, but not as written: in 2.2 a route it cannot track is installed " +
      "untracked ('cannot track route ... not tracking'), so its disappearing is never noticed; a track_group is " +
      "looked up while the file is read, so one defined later (or misspelled) is not found and the route or rule is " +
      "not tracked; a rule without a preference gets 16384 (then 16383 ...), which may place it before or after the " +
      "rules it was meant to follow.",
    sources: [
      "keepalived 2.2.7 keepalived/vrrp/vrrp_iproute.c parse_route() via keepalived/vrrp/vrrp_ipaddress.c " +
        "parse_ipaddress() ('Invalid address prefix len %s for address %s - using %d', the host prefix; the same " +
        "at v2.3.3 and v2.3.4)",
      "keepalived keepalived/vrrp/vrrp_iproute.c alloc_route() at v2.2.7 ('Warning - cannot track route %s with no " +
        "interface specified, not tracking', 'track_group %s not found', 'Static route cannot have track group if no " +
        "oif specified', '\"gw\" for routes is deprecated', '\"or\" for routes is deprecated'); the untracked-route " +
        "check is gone from v2.3.2 (still in v2.3.1)",
      "keepalived keepalived/vrrp/vrrp_iprule.c alloc_rule() at v2.2.7 ('Rule has no preference specified - setting " +
        "to %u', RULE_START_PRIORITY 16384, 'Static rule cannot have track_group if dev/iif not specified')",
      "keepalived keepalived/vrrp/vrrp_static_track.c static_track_group_find() (a name is looked up among the " +
        "groups read so far)",
    ],
    bad:
      "vrrp_instance VI_1 {\n    virtual_routes {\n        192.0.2.0/24 via 198.51.100.1\n    }\n" +
      "    virtual_rules {\n        from 192.0.2.10 table 100\n    }\n}\n",
    good:
      "vrrp_instance VI_1 {\n    virtual_routes {\n        192.0.2.0/24 via 198.51.100.1 dev eth0\n    }\n" +
      "    virtual_rules {\n        from 192.0.2.10 table 100 preference 100\n    }\n}\n",
    realTool:
      "keepalived -t reports each on the route's or rule's line: 'Warning - cannot track route 192.0.2.0/24 with no " +
      "interface specified, not tracking' (before 2.3.2), 'track_group G not found', 'Rule has no preference " +
      "specified - setting to 16384. This is probably not what you want.' (exit 5).",
    reportedBy: "keepalived -t",
    versions: "the route without dev: keepalived before 2.3.2 only (each node's version)",
    severityNote:
      "error for a route word left without its value at the end of the line (keepalived exits, code 2); warning " +
      "otherwise (keepalived goes on with a changed route or rule).",
  },
  messages: {
    destinationPrefix: (data: { destination: string; prefix: string; used: number }) =>
      `prefix length '${data.prefix}' of route destination ${data.destination} is not one keepalived can use: it ` +
      `reports 'Invalid address prefix len ${data.prefix} for address ${data.destination} - using ${data.used}' and ` +
      `installs a route to the single address`,
    untrackedRoute: (data: { version: string }) =>
      `this route has no 'dev': keepalived ${data.version} cannot track it ('cannot track route ... with no ` +
      `interface specified, not tracking') and installs it untracked (add 'dev <interface>', or 'no_track' to say so)`,
    trackGroupNotFound: (data: { name: string }) =>
      `track_group '${data.name}' is not a track_group block defined above this line: keepalived looks the name up ` +
      `while it reads the file, reports 'track_group ${data.name} not found' and does not use it`,
    trackGroupWithoutDev: (data: { what: string }) =>
      `a static ${data.what} with track_group needs an interface ('dev'): keepalived reports it and drops the ` +
      `track_group`,
    ruleWithoutPreference: () =>
      `this rule has no 'preference': keepalived gives it one of its own (16384, then 16383 ...) and reports 'Rule ` +
      `has no preference specified'; write the preference the rule needs`,
    invalidRuleAddress: (data: { address: string }) =>
      `'${data.address}' is not an address: keepalived reports 'Invalid rule ... address' and drops this rule`,
    routeValueMissing: (data: { word: string }) =>
      `'${data.word}' ends the route line without its value: keepalived stops reading the file and exits ("missing a ` +
      `parameter", lib/parser.c null_strvec() via alloc_route())`,
    deprecatedWord: (data: { word: string; instead: string }) =>
      `'${data.word}' in a route is deprecated: keepalived reports it (use '${data.instead}')`,
  },
  check(ctx) {
    const version = ctx.settings.keepalivedVersion;
    for (const doc of ctx.keepalived) {
      const reading = readLikeKeepalived(doc.statements, ctx.keepalivedKeywords);
      const groups = new Set<string>();
      for (const { statement, blockId } of reading.statements) {
        const keyword = statement.keyword.value;
        if (blockId === "root" && keyword === "track_group" && statement.args[0]) groups.add(statement.args[0].value);
        const routes =
          (blockId === "vrrp_instance" && keyword === "virtual_routes") ||
          (blockId === "root" && keyword === "static_routes");
        const rules =
          (blockId === "vrrp_instance" && keyword === "virtual_rules") ||
          (blockId === "root" && keyword === "static_rules");
        if (!routes && !rules) continue;
        const isStatic = blockId === "root";
        for (const entry of statement.block?.statements ?? []) {
          const line = lineOf(entry);
          const place = { file: entry.file, range: entry.keyword.range };
          const words = routes ? routeWords(line) : line.words.map((w) => w.value);
          const at = (word: string): number => words.indexOf(word);
          const group =
            isStatic && at("track_group") >= 0 ? words[at("track_group") + 1]?.replace(/^=/, "") : undefined;
          if (group !== undefined && (routes || isStatic)) {
            const value = line.words.find((_word, i) => i > 0 && line.words[i - 1].value === "track_group");
            if (!groups.has(group) && value) {
              const argument = entry.args[value.index - 1];
              ctx.report({
                file: entry.file,
                range: argument.range,
                messageId: "trackGroupNotFound",
                data: { name: group },
              });
            }
          }
          const missing = routes ? missingRouteValue(line) : undefined;
          if (missing) {
            ctx.report({ ...place, severity: "error", messageId: "routeValueMissing", data: { word: missing } });
            continue;
          }
          if (routes) {
            // a line whose first free word is no address is not a route keepalived takes ('Route must have a
            // destination', 'unknown route keyword'): nothing more is said about it here
            const destination = words.find(
              (w) => !w.startsWith("=") && !ROUTE_FLAG_WORDS.has(w) && !ROUTE_VALUE_WORDS.has(w),
            );
            if (destination === undefined || !isAddress(destination)) continue;
            const prefix = badPrefix(destination);
            if (prefix) ctx.report({ ...place, messageId: "destinationPrefix", data: { destination, ...prefix } });
            for (const [word, instead] of [
              ["gw", "via"],
              ["or", "nexthop"],
            ] as const)
              if (at(word) >= 0) ctx.report({ ...place, messageId: "deprecatedWord", data: { word, instead } });
            const hasDev = at("dev") >= 0;
            if (!atLeast("keepalived", version, "2.3.2") && !hasDev && at("no_track") < 0)
              ctx.report({ ...place, messageId: "untrackedRoute", data: { version } });
            if (group !== undefined && !hasDev)
              ctx.report({ ...place, messageId: "trackGroupWithoutDev", data: { what: "route" } });
          } else {
            const address = ["from", "to"]
              .filter((w) => words.includes(w))
              .map((w) => words[words.indexOf(w) + 1])
              .find((a) => a !== undefined && a !== "all" && !isAddress(a));
            if (address !== undefined) {
              ctx.report({ ...place, messageId: "invalidRuleAddress", data: { address } });
              continue;
            }
            if (!words.some((w) => PREFERENCE_WORDS.has(w)))
              ctx.report({ ...place, messageId: "ruleWithoutPreference" });
            const hasDev = words.includes("dev") || words.includes("iif");
            if (group !== undefined && !hasDev)
              ctx.report({ ...place, messageId: "trackGroupWithoutDev", data: { what: "rule" } });
          }
        }
      }
    }
  },
});
