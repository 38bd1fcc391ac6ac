import { readSocketAddress } from "../../model/ip-address.js";
import { atLeast } from "../../schema/versions.js";
import type { Location } from "../../syntax/source.js";
import type { KaStatement, KaWord } from "../../syntax/keepalived/tree.js";
import { defineRule, type RuleContext } from "../rule.js";
import { keepalivedUnits } from "./ka-model.js";
import { readNumber } from "./keepalived-numbers.js";
import { readLikeKeepalived } from "./statement-blocks.js";

/** Linux IFNAMSIZ: an interface name keepalived takes has at most 15 characters. */
const IFNAMSIZ = 16;
const INCLUDE_CHECK_TYPES = ["read", "match", "wildcard_match", "brace_match"];
const LINKBEAT_TYPES = ["MII", "ETHTOOL", "IOCTL"];

interface Found {
  /** A word, or a whole entry line (reported at its first word). */
  word: KaWord | KaStatement | Location;
  said: string;
}

function place(found: Found["word"]): Location {
  return { file: found.file, range: "keyword" in found ? found.keyword.range : found.range };
}

/** global_parser.c startup_shutdown_script_timeout_handler(): read_unsigned_strvec() in [1, 1000]. */
function scriptTimeout(statement: KaStatement): Found[] {
  const word = statement.args[0];
  if (!word) return [];
  const verdict = readNumber(word.value, { kind: "unsigned", min: 1, max: 1000, ignoreError: true });
  if (verdict.takenByTest) return [];
  const type = statement.keyword.value.replace("_script_timeout", "");
  return [{ word, said: `${type}_script_timeout '${word.value}' must be in [1, 1000] - ignoring` }];
}

/**
 * global_parser.c smtpserver_handler(): an IP address (no '-' or '/') with a port inet_stosockaddr() refuses is
 * invalid whatever the machine; a name (or a word that is not an address) is resolved with the machine's resolver,
 * which this rule does not judge.
 */
function smtpServer(statement: KaStatement): Found[] {
  const [host, port] = statement.args;
  if (!host || !port || /[-/]/.test(host.value) || readSocketAddress(host.value).address === undefined) return [];
  if (readNumber(port.value, { kind: "unsigned", min: 1, max: 65535, ignoreError: true }).takenByTest) return [];
  return [{ word: port, said: `Invalid smtp server ${host.value} ${port.value}` }];
}

/** global_parser.c vrrp_vmac_garp_extra_if_handler(): `all` and a delay in [1, 86400]; without one, ignored. */
function globalGarpExtraIf(statement: KaStatement): Found[] {
  const keyword = statement.keyword.value;
  let delay = false;
  for (const word of statement.args) {
    if (word.value === "all") continue;
    if (!readNumber(word.value, { kind: "unsigned", min: 1, max: 86400, ignoreError: true }).takenByTest)
      return [{ word, said: `${keyword} '${word.value}' invalid - ignoring` }];
    delay = true;
  }
  return delay ? [] : [{ word: statement, said: `${keyword} specified without time - ignoring` }];
}

/** track_file.c track_file_init_handler(): numbers (int, sensible in [-254, 254]) and `overwrite`. */
function trackFileInit(statement: KaStatement, name: string): Found[] {
  const out: Found[] = [];
  for (const word of statement.args) {
    const text = word.value.replace(/^[ \t\n\r\f\v]+/, "");
    if (/^[0-9-]/.test(text)) {
      const verdict = readNumber(word.value, { kind: "int", min: -2147483648, max: 2147483647 });
      if (!verdict.takenByTest) out.push({ word, said: `Track file ${name} init value ${text} is invalid` });
      else if (verdict.value !== undefined && (verdict.value < -254n || verdict.value > 254n))
        out.push({
          word,
          said: `Track file ${name} init value ${verdict.value} is outside sensible range [-254, 254]`,
        });
    } else if (text !== "overwrite") out.push({ word, said: `Unknown track file init option ${text}` });
  }
  return out;
}

/** lib/parser.c include_check_set(): one type, then +type / -type words. */
function includeCheck(statement: KaStatement): Found[] {
  const out: Found[] = [];
  statement.args.forEach((word, index) => {
    const sign = word.value.startsWith("-") || word.value.startsWith("+");
    if (!sign && index > 0) {
      out.push({ word, said: `Duplicate include_check '${word.value}' specified - ignoring` });
      return;
    }
    const type = sign ? word.value.slice(1) : word.value;
    if (!INCLUDE_CHECK_TYPES.includes(type))
      out.push({ word, said: `Unknown include_check type '${type}' - ignoring` });
  });
  return out;
}

/** vrrp_parser.c vrrp_tprocess_quorum_handler() / _max_handler(), in the order of the block's lines. */
function quorumLines(block: readonly KaStatement[]): Found[] {
  const out: Found[] = [];
  let quorum = 1n;
  let quorumMax = 4294967295n;
  for (const statement of block) {
    const keyword = statement.keyword.value;
    const word = statement.args[0];
    if ((keyword !== "quorum" && keyword !== "quorum_max") || !word) continue;
    const min = keyword === "quorum" ? 1 : 0;
    const verdict = readNumber(word.value, { kind: "unsigned", min, max: 65535, ignoreError: true });
    if (!verdict.takenByTest || verdict.value === undefined) continue;
    const value = verdict.value;
    if (keyword === "quorum") {
      if (value > quorumMax) out.push({ word, said: "Quorum is greater than quorum_max - ignoring" });
      else quorum = value;
      continue;
    }
    if ((value !== 0n || quorum > 1n) && value < quorum) {
      out.push({ word, said: "quorum_max is less than quorum - ignoring" });
      continue;
    }
    quorumMax = value;
    if (value === 0n) quorum = 0n;
    else if (quorum === 0n) quorum = 1n;
  }
  return out;
}

/** vrrp_parser.c alloc_linkbeat_interface(): an entry's second word is MII, ETHTOOL or IOCTL, and nothing follows. */
function linkbeatEntries(block: readonly KaStatement[]): Found[] {
  const out: Found[] = [];
  for (const entry of block) {
    const second = entry.args[0];
    if (!second) continue;
    if (!LINKBEAT_TYPES.includes(second.value) || entry.args.length > 1)
      out.push({ word: entry, said: `extra characters ${second.value} in linkbeat interface` });
  }
  return out;
}

function statementFindings(
  statement: KaStatement,
  blockId: string,
  parent: KaStatement | undefined,
  v23: boolean,
): Found[] {
  const keyword = statement.keyword.value;
  if (blockId === "global_defs") {
    if (keyword === "startup_script_timeout" || keyword === "shutdown_script_timeout") return scriptTimeout(statement);
    if (keyword === "include_check") return includeCheck(statement);
    if (keyword === "smtp_server") return smtpServer(statement);
    if (keyword === "vrrp_garp_extra_if" || keyword === "vrrp_vmac_garp_intvl") return globalGarpExtraIf(statement);
    // notify_script_init() finds no command in an empty word (the users it also checks are the machine's)
    const script = statement.args[0];
    if ((keyword === "startup_script" || keyword === "shutdown_script") && script && script.value.trim() === "")
      return [{ word: script, said: `Invalid ${keyword.replace("_script", "")} script` }];
    const extra = statement.args[1];
    if (keyword === "notification_email_from" && v23 && extra)
      return [{ word: extra, said: `emailfrom - ignoring extra entries '${extra.value}' ...` }];
  }
  if (blockId === "vrrp_instance" && keyword === "interface") {
    const name = statement.args[0];
    if (name && name.value.length >= IFNAMSIZ)
      return [{ word: name, said: `Interface name '${name.value}' too long - ignoring` }];
  }
  if (blockId === "track_file" && keyword === "init_file")
    return trackFileInit(statement, parent?.args[0]?.value ?? "");
  if (blockId === "root" && keyword === "vrrp_track_process" && statement.block)
    return quorumLines(statement.block.statements);
  if (blockId === "root" && keyword === "linkbeat_interfaces" && statement.block)
    return linkbeatEntries(statement.block.statements);
  return [];
}

function instanceFindings(ctx: Pick<RuleContext, "clusters">): Found[] {
  const out: Found[] = [];
  for (const { config } of keepalivedUnits(ctx))
    for (const inst of config.instances)
      for (const line of inst.ignoredLines) {
        const said =
          line.kind === "native-ipv6-on-ipv4"
            ? `(${inst.name}) Cannot specify native_ipv6 with IPv4 addresses`
            : `(${inst.name}) vrrp_version ${line.value ?? ""} conflicts with configured or deduced version ` +
              `${line.set ?? 0}; ignoring.`;
        out.push({ word: line.location, said });
      }
  return out;
}

export default defineRule({
  id: "KA105",
  name: "ignored-setting",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A setting keepalived reads, reports and ignores: an empty start-up/shutdown script or its timeout outside " +
      "[1, 1000], an smtp_server address with a port out of range, a global vrrp_garp_extra_if without delay, an " +
      "interface name longer than 15 characters, a track_file init_file value, a vrrp_track_process quorum against " +
      "its quorum_max, an include_check word, extra words after notification_email_from (2.3), a linkbeat_interfaces " +
      "entry, and an instance's version or native_ipv6 against what the instance set before.",
    description:
      "Each of these handlers prints a message on the line and keeps what it had before, so the file says something " +
      "keepalived does not do. The checks follow the handlers word for word: `startup_script_timeout` and " +
      "`shutdown_script_timeout` take 1 to 1000 and `startup_script`/`shutdown_script` a command that is not empty; `interface` in a vrrp_instance a name of at most 15 characters; " +
      "`init_file` numbers in [-254, 254] and the word `overwrite`; `quorum` no more than the `quorum_max` read " +
      "before it (and `quorum_max` no less than the quorum); `include_check` one type (read, match, wildcard_match, " +
      "brace_match) and then only `+type`/`-type` words; `notification_email_from` one address (from 2.3.0 the " +
      "extra words are reported; 2.2.7 drops them silently); a linkbeat_interfaces entry an interface and at most " +
      "one of MII, ETHTOOL, IOCTL; an instance's `version` the version it already has (from an earlier " +
      "`version` or native_ipv6) and not 2 in an IPv6 instance; `native_ipv6` not after an IPv4 address.",
    why:
      "keepalived goes on with its previous value: the script timeout stays 10 s (or unset), the instance has no " +
      "interface, the quorum stays what it was, the VRRP version stays the earlier one. A reader of the file cannot see " +
      "that without the message keepalived prints at start-up.",
    sources: [
      "keepalived 2.2.7 keepalived/core/global_parser.c startup_shutdown_script_timeout_handler(), " +
        "smtpserver_handler() (a name is resolved with the machine's resolver: not judged), " +
        "startup_shutdown_script() ('Invalid %s script' when lib/notify.c notify_script_init() finds no command), " +
        "emailfrom_handler() (extra entries reported from 2.3.0); the same at v2.3.3 and v2.3.4",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_parser.c vrrp_int_handler(), vrrp_tprocess_quorum_handler(), " +
        "vrrp_tprocess_quorum_max_handler(), alloc_linkbeat_interface(), vrrp_version_handler(), " +
        "vrrp_native_ipv6_handler(); the same at v2.3.3 and v2.3.4",
      "keepalived 2.2.7 keepalived/core/global_parser.c vrrp_vmac_garp_extra_if_handler() (a delay in [1, 86400]); " +
        "the same at v2.3.3 and v2.3.4",
      "keepalived 2.2.7 keepalived/trackers/track_file.c track_file_init_handler(); lib/parser.c " +
        "include_check_set(); the same at v2.3.3 and v2.3.4",
    ],
    bad: "global_defs {\n    startup_script_timeout 2000\n}\n",
    good: "global_defs {\n    startup_script_timeout 60\n}\n",
    realTool:
      "keepalived -t prints the handler's message on the line and goes on (exit 5); checked on 2.2.7, 2.3.3 and " +
      "2.3.4.",
    reportedBy: "keepalived -t",
  },
  messages: {
    ignored: (p: { said: string }) => `keepalived reports '${p.said}' and ignores this`,
  },
  check(ctx) {
    const v23 = atLeast("keepalived", ctx.settings.keepalivedVersion, "2.3.0");
    const found: Found[] = [];
    for (const doc of ctx.keepalived)
      for (const { statement, blockId, parent } of readLikeKeepalived(doc.statements, ctx.keepalivedKeywords)
        .statements)
        found.push(...statementFindings(statement, blockId, parent, v23));
    found.push(...instanceFindings(ctx));
    for (const { word, said } of found) ctx.report({ ...place(word), messageId: "ignored", data: { said } });
  },
});
