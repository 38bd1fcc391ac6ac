import { expandAddressVariables } from "../../model/address-expansion.js";
import { parseIpAddress } from "../../model/ip-address.js";
import { compareVersions } from "../../syntax/haproxy/condition.js";
import type { HpLine, HpSection, HpWord } from "../../syntax/haproxy/tree.js";
import { defineRule, type RuleContext } from "../rule.js";
import type { Proxy, Server } from "../../model/types.js";
import { haproxyUnits } from "./haproxy-version.js";

/** What the caller of str2sa_range() allows (its PA_O_* flags that decide what the port may be). */
interface PortRules {
  /** PA_O_PORT_MAND: a port is required, and 0 is not one. */
  mandatory: boolean;
  /** PA_O_PORT_RANGE: `80-90`. */
  range: boolean;
  /** PA_O_PORT_OFS: `+1`, `-1` (servers: relative to the client's port). */
  offset: boolean;
  /** PA_O_RESOLVE without an FQDN to resolve later: a host that is no address and no host name is refused. */
  hostChecked: boolean;
}

const BIND: PortRules = { mandatory: true, range: true, offset: false, hostChecked: true };
const SERVER: PortRules = { mandatory: false, range: false, offset: true, hostChecked: false };
const PLAIN: PortRules = { mandatory: false, range: false, offset: false, hostChecked: true };
const SERVER_SOURCE: PortRules = { mandatory: false, range: true, offset: false, hostChecked: true };
const MANDATORY: PortRules = { mandatory: true, range: false, offset: false, hostChecked: true };

/** Prefixes after which str2sa_range() reads an IPv4/IPv6 address and port; the others name sockets or fds. */
const IP_PREFIXES = /^(ipv4|ipv6|tcp|tcp4|tcp6|udp|udp4|udp6|quic4|quic6|mptcp|mptcp4|mptcp6)@/;

/** A name getaddrinfo() could resolve; anything else (quotes, backslashes, blanks) is never an address. */
const HOSTNAME = /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;

/** strtol(): the number at the start (blanks and a sign allowed) and what follows it. */
function strtol(text: string): { value: number; rest: string } {
  const m = /^\s*[+-]?\d+/.exec(text);
  return m ? { value: Number.parseInt(m[0], 10), rest: text.slice(m[0].length) } : { value: 0, rest: text };
}

/** A port number as this version reads it: atoi() before 2.9 (trailing junk ignored), strtol() + end check after. */
function portNumber(text: string, strict: boolean): { value: number; junk?: string } {
  const { value, rest } = strtol(text);
  return strict && rest !== "" ? { value, junk: rest[0] } : { value };
}

/**
 * What str2sa_range() (src/tools.c; the same checks at v2.6.0, v3.0.0 and v3.2.0, with the strict port reading of
 * commit 65f18d65a from 2.9) refuses in one address, or undefined. `address` is the text after env_expand().
 */
export function addressProblem(address: string, rules: PortRules, strict: boolean): string | undefined {
  let text = address.replace(/^(stream|dgram)\+/, "");
  const prefix = IP_PREFIXES.exec(text);
  if (prefix) text = text.slice(prefix[0].length);
  else if (text.includes("@") || text.startsWith("/")) return undefined; // a socket path, an fd, a named prefix
  const colon = text.lastIndexOf(":");
  const hasPort = colon >= 0 && colon > text.lastIndexOf("]");
  const host = hasPort ? text.slice(0, colon) : text;
  const port = hasPort ? text.slice(colon + 1) : "";
  if (!hasPort && rules.mandatory) return `missing port specification in '${address}'`;
  const least = rules.mandatory ? 1 : 0;
  if (/^\d/.test(port)) {
    const dash = port.indexOf("-");
    if (dash >= 0 && !rules.range) return `port range not permitted here in '${address}'`;
    const [low, high] = dash >= 0 ? [port.slice(0, dash), port.slice(dash + 1)] : [port, port];
    const l = portNumber(low, strict);
    if (l.junk !== undefined) return `invalid character '${l.junk}' in port number '${low}' in '${address}'`;
    const h = portNumber(high, strict);
    if (h.junk !== undefined) return `invalid character '${h.junk}' in port number '${high}' in '${address}'`;
    if (l.value < least || l.value > 65535) return `invalid port '${low}'`;
    if (h.value < least || h.value > 65535) return `invalid port '${high}'`;
    if (l.value > h.value) return `invalid port range '${l.value}-${h.value}'`;
  } else if (port.startsWith("-") || port.startsWith("+")) {
    if (!rules.offset) return `port offset not permitted here in '${address}'`;
    const o = portNumber(port.slice(1), strict);
    if (o.junk !== undefined) return `invalid character '${o.junk}' in port number '${port.slice(1)}' in '${address}'`;
  } else if (port !== "") return `invalid character '${port[0]}' in port number '${port}' in '${address}'`;
  else if (rules.mandatory) return `missing port specification in '${address}'`;
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  if (rules.hostChecked && bare !== "" && bare !== "*" && !parseIpAddress(bare) && !HOSTNAME.test(bare))
    return `invalid address: '${host}' in '${address}'`;
  return undefined;
}

/** The address words of a line with what their keyword allows; `list`: str2listener() splits the word at commas. */
function addressWords(
  section: HpSection,
  line: HpLine,
  version: string,
): { word: HpWord; rules: PortRules; list: boolean }[] {
  const kw = line.keyword.value;
  const args = line.args;
  const kind = section.kind;
  const proxy = ["frontend", "backend", "listen", "defaults"].includes(kind);
  if (kw === "bind" && args[0] && (proxy || kind === "log-forward" || kind === "peers"))
    return [{ word: args[0], rules: BIND, list: true }];
  if (kw === "dgram-bind" && args[0] && kind === "log-forward") return [{ word: args[0], rules: BIND, list: true }];
  if (kw === "log" && args[0] && args[0].value !== "global" && (proxy || kind === "global" || kind === "log-forward")) {
    const target = args[0].value;
    if (target === "stdout" || target === "stderr" || target.startsWith("ring@")) return [];
    return [{ word: args[0], rules: PLAIN, list: false }];
  }
  if (kw === "source" && args[0] && proxy) return [{ word: args[0], rules: PLAIN, list: false }];
  if (kw === "nameserver" && kind === "resolvers" && args[1]) return [{ word: args[1], rules: MANDATORY, list: false }];
  if (kw === "mailer" && kind === "mailers" && args[1]) return [{ word: args[1], rules: MANDATORY, list: false }];
  // 2.6 reads the peers of a peers section without these checks (haproxy -c 2.6.12 says nothing about them).
  if (kw === "peer" && kind === "peers" && args[1] && compareVersions(version, "3.0") >= 0)
    return [{ word: args[1], rules: MANDATORY, list: false }];
  if ((kw === "server" || kw === "server-template") && proxy && kind !== "defaults") {
    const out: { word: HpWord; rules: PortRules; list: boolean }[] = [];
    const address = args[kw === "server" ? 1 : 2];
    if (address) out.push({ word: address, rules: SERVER, list: false });
    const source = args.findIndex((w, i) => i >= 2 && w.value === "source");
    if (source >= 0 && args[source + 1]) out.push({ word: args[source + 1], rules: SERVER_SOURCE, list: false });
    return out;
  }
  return [];
}

const messages = {
  checkWithoutPort: (data: { server: string; proxy: string; version: string }) =>
    `server '${data.server}' of ${data.proxy} is health-checked but has no port to check: its address has no port ` +
    `(or only an offset) and no 'port' option is set; HAProxy ${data.version} refuses the configuration ('has ` +
    `neither service port nor check port')`,
  refused: (data: { keyword: string; problem: string; version: string }) =>
    `this '${data.keyword}' address is refused: ${data.problem}; HAProxy ${data.version} refuses the configuration`,
};

type Ctx = RuleContext<typeof messages>;

function checkLine(ctx: Ctx, file: string, section: HpSection, line: HpLine, version: string): void {
  const strict = compareVersions(version, "2.9") >= 0;
  for (const { word, rules, list } of addressWords(section, line, version)) {
    const expanded = expandAddressVariables(word.unsetValue ?? word.value, ctx.settings.env);
    // An unknown variable (HP015) or an empty address word (an argument problem of the line) is not judged here.
    if (expanded.unknown.length > 0 || word.env.some((e) => e.resolved === undefined) || expanded.text === "") continue;
    for (const address of list ? expanded.text.split(",") : [expanded.text]) {
      const problem = addressProblem(address, rules, strict);
      // A port range in a log target is HP029's (log-target).
      if (!problem || (line.keyword.value === "log" && problem.startsWith("port range"))) continue;
      const data = { keyword: line.keyword.value, problem, version };
      ctx.report({ file, range: word.range, messageId: "refused", data });
      return; // the line parser stops at its first refusal
    }
  }
}

/** Whether a proxy (or the defaults it inherits its check rules from) has a `tcp-check connect` / `http-check connect`. */
function hasConnectRule(proxy: Proxy): boolean {
  const connects = (p: Proxy): boolean =>
    p.lines.some((l) => /^(tcp|http)-check$/.test(l.keyword.value) && l.args[0]?.value === "connect");
  return connects(proxy) || (proxy.defaults !== undefined && connects(proxy.defaults));
}

/**
 * init_srv_check() (src/check.c at v2.6.0, v3.0.0, v3.2.0): a checked IPv4/IPv6 server needs a service port, a
 * check port, or a first tcp-check rule 'connect' with a port; otherwise 'has neither service port nor check port'
 * (ERR_ALERT | ERR_ABORT, in all three wordings). Only servers at an IP literal, in proxies whose check type builds
 * no connect rule of its own (none, httpchk, tcp-check without a connect line), are judged.
 */
function checkedWithoutPort(proxy: Proxy, server: Server): boolean {
  if (!server.check || server.variables) return false;
  // A port HAProxy refuses is this rule's other message; the leading digits are what 2.6 reads.
  if (server.port !== undefined && /^\d/.test(server.port) && Number.parseInt(server.port, 10) > 0) return false;
  if (server.options.has("port")) return false;
  const addr = server.options.get("addr");
  if (typeof addr === "string" && (addr.startsWith("/") || addr.includes("@"))) return false;
  // A server at the any address (none written, 0.0.0.0, ::) gets no such alert (checked on 2.6.12, 3.0.11, 3.2.26).
  const ip = parseIpAddress(server.host.replace(/^\[(.*)\]$/, "$1"));
  if (!ip || /^(0\.0\.0\.0|::)$/.test(ip.address)) return false;
  if (/^[a-z0-9+]+@/.test(server.address) && !IP_PREFIXES.test(server.address)) return false;
  const type = proxy.checkType?.value;
  if (type !== undefined && type !== "httpchk" && type !== "tcp-check") return false;
  return !hasConnectRule(proxy);
}

export default defineRule({
  id: "HP085",
  name: "address-syntax",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary:
      "An address HAProxy cannot read: a port that is no number, out of range, a range or offset where none is " +
      "allowed, no port where one is required, a host that is no address.",
    description:
      "Reads the address of every `bind` (each of its comma-separated addresses), `server` and `server-template`, " +
      "the `source` of a proxy and of a server line, `log` targets, `nameserver`, `mailer` and (from 3.0) `peer` " +
      "lines the way str2sa_range() does, after expanding the environment variables the analysis knows: a port " +
      "must start with a digit (or `+`/`-` for the offsets only servers allow); bind, nameserver, mailer and peer " +
      "addresses need a port, and 0 is not one there; only bind and a server's `source` take a range, whose ends " +
      "must be in order; ports are at most 65535. From 2.9 a port must be digits only (`80x` is refused; 2.6 reads " +
      "the leading digits and ignores the rest). A host that can be neither an IP address nor a host name (a quote " +
      "or a backslash in it) is refused where HAProxy resolves the address while reading (every keyword but " +
      "`server`). Socket paths, `fd@`, `abns@`, `unix@` and the like are not read here (HP017 checks the prefixes).",
    why:
      "HAProxy refuses the whole configuration on such an address: `haproxy -c` fails, a reload keeps the old " +
      "configuration, and a fresh start brings up no load balancer.",
    sources: [
      "HAProxy src/tools.c str2sa_range() at v2.6.0, v3.0.0 and v3.2.0 ('missing port specification', 'invalid " +
        "port', 'invalid port range', 'port range not permitted here', 'port offset not permitted here', 'invalid " +
        "character ... in port number', 'invalid address'), and commit 65f18d65a 'Lenient port configuration " +
        "parsing' (strtol() with an end check from 2.9)",
      "its callers and their PA_O_* flags: src/cfgparse.c str2listener() (bind: port mandatory, range), " +
        "src/server.c _srv_parse_init() (server: offset) and srv_parse_source() (range), src/cfgparse-listen.c " +
        "cfg_parse_listen() 'source', src/log.c parse_logsrv()/parse_logger(), src/resolvers.c " +
        "cfg_parse_resolvers() 'nameserver', src/cfgparse.c cfg_parse_mailers() 'mailer' (port mandatory)",
    ],
    bad: "frontend fe\n    bind :8o\n    default_backend be\nbackend be\n    server s1 192.0.2.1:65536\n",
    good: "frontend fe\n    bind :80\n    default_backend be\nbackend be\n    server s1 192.0.2.1:8080\n",
    realTool:
      "haproxy -c reports \"'bind' : invalid character 'o' in port number 'o' in ':8o'\", \"'server be/s1' : " +
      "invalid port '65536'\" and the like as fatal errors (rc 1).",
    reportedBy: "haproxy -c",
    versions:
      "Ports are read strictly from 2.9 (3.0, 3.2, 3.4) and leniently before (2.6, 2.8); peer addresses are " +
      "checked from 3.0 (haproxy -c 2.6.12 says nothing about them).",
  },
  messages,
  check(ctx) {
    for (const unit of haproxyUnits(ctx))
      for (const doc of unit.config.documents)
        for (const section of doc.sections) {
          if (section.notCreated) continue;
          for (const line of section.lines) checkLine(ctx, doc.file, section, line, unit.version);
        }
    for (const unit of haproxyUnits(ctx))
      for (const proxy of unit.config.proxies) {
        if (proxy.kind !== "backend" && proxy.kind !== "listen") continue;
        for (const server of proxy.servers.filter((s) => checkedWithoutPort(proxy, s))) {
          const data = { server: server.name, proxy: `${proxy.kind} '${proxy.name}'`, version: unit.version };
          ctx.report({ ...server.location, messageId: "checkWithoutPort", data });
        }
      }
  },
});
