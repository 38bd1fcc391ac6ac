import type { HaproxyConfig, Proxy } from "../../model/types.js";
import { readArgList, REFERENCE_TYPES } from "../../schema/haproxy-sample-arguments.js";
import { isIpv4, isIpv4Mask, isIpv6, isIpv6Mask } from "../../schema/haproxy-values.js";
import type { HpLine, HpWord } from "../../syntax/haproxy/tree.js";
import { defineRule, type RuleContext } from "../rule.js";
import { describeProxy, haproxyConfigs } from "./proxy-index.js";
import { conditionAclNames, PREDEFINED_ACLS, proxyWithCapability, stickTables } from "./references.js";
import { judgedExpressions } from "./sample-expressions.js";
import { rangeInWord } from "./word-range.js";

const RULE_KEYWORDS = /^(http-request|http-response|http-after-response|tcp-request|tcp-response)$/;

/** A named defaults section with rules that a proxy uses: HAProxy keeps it and resolves its rules' references. */
function checkedDefaults(config: HaproxyConfig): Proxy[] {
  return config.defaults.filter(
    (d) =>
      d.name !== "" &&
      d.lines.some((l) => RULE_KEYWORDS.test(l.keyword.value)) &&
      config.proxies.some((p) => p.defaults === d) &&
      !config.defaults.some((other) => other.defaults === d),
  );
}

interface Context {
  ctx: RuleContext<typeof rule.messages>;
  config: HaproxyConfig;
  tables: Set<string>;
  file: string;
}

/** Criteria whose values pat_parse_ip() reads (src/pattern.c, v2.6.0 to v3.2.0): the client and server addresses. */
const IP_CRITERIA = new Set(["src", "dst"]);

/**
 * pat_parse_ip(): str2net() (an IPv4 address or a host name, with an optional /mask) or else str62net() (an IPv6
 * address, with an optional /mask of 0 to 128, src/tools.c); "'%s' is not a valid IPv4 or IPv6 address" otherwise.
 * Only the forms no host name lookup can rescue are judged: a value with ':' (IPv6), four numbers, or a valid IPv4
 * address with a mask.
 */
function ipValueProblem(value: string): boolean {
  const slash = value.indexOf("/");
  const address = slash < 0 ? value : value.slice(0, slash);
  const mask = slash < 0 ? undefined : value.slice(slash + 1);
  if (address.includes(":")) return !(isIpv6(address) && (mask === undefined || isIpv6Mask(mask)));
  if (isIpv4(address)) return mask !== undefined && !isIpv4Mask(mask);
  return /^\d+\.\d+\.\d+\.\d+$/.test(address);
}

/** The first value of an `acl <name> src|dst [-n] [--] <value>...` line HAProxy cannot read as an address. */
function aclIpValue(line: HpLine): HpWord | undefined {
  if (line.keyword.value !== "acl" || !IP_CRITERIA.has(line.args[1]?.value ?? "")) return undefined;
  let i = 2;
  for (; i < line.args.length && line.args[i].value.startsWith("-"); i++) {
    if (line.args[i].value === "--") {
      i++;
      break;
    }
    if (line.args[i].value !== "-n") return undefined; // a pattern file, another match method: not judged
  }
  return line.args.slice(i).find((w) => w.env.length === 0 && ipValueProblem(w.value));
}

/**
 * ACL names used in conditions before the section has declared them (src/acl.c parse_acl_cond()). An `acl` line
 * whose value HAProxy refuses declares nothing (parse_acl() fails, cfg_parse_listen() reports it and reads on), so a
 * condition naming that ACL is refused too.
 */
function checkAcls(c: Context, p: Proxy): void {
  const declared = new Set<string>();
  const refused = new Set<string>();
  for (const line of p.lines) {
    const bad = aclIpValue(line);
    if (bad) {
      const data = { name: line.args[0].value, value: bad.value };
      c.ctx.report({ file: c.file, range: bad.range, messageId: "aclValue", data });
      refused.add(line.args[0].value);
      continue;
    }
    for (const { name, index } of conditionAclNames(line)) {
      if (declared.has(name) || PREDEFINED_ACLS.has(name)) continue;
      if (refused.has(name)) {
        const data = { name, proxy: describeProxy(p) };
        c.ctx.report({ file: c.file, range: line.args[index].range, messageId: "aclRefused", data });
        return;
      }
      const later = p.lines.some(
        (l) =>
          l !== line &&
          l.keyword.value === "acl" &&
          l.args[0]?.value === name &&
          l.range.start.line > line.range.start.line,
      );
      c.ctx.report({
        file: c.file,
        range: line.args[index].range,
        messageId: later ? "aclDeclaredLater" : "noSuchAcl",
        data: { name, proxy: describeProxy(p) },
      });
      return; // HAProxy stops reading at the first one
    }
    if (line.keyword.value === "acl" && line.args[0]) declared.add(line.args[0].value);
  }
}

/**
 * `track-sc<n> <key> [table <name>]`: the table must exist; without one, the proxy's own (action.c check_trk_action()).
 */
function checkTrackSc(c: Context, p: Proxy, line: HpLine): void {
  const at = line.keyword.value.startsWith("tcp-") ? 1 : 0;
  const action = line.args[at];
  if (!action || !/^track-sc\d+$/.test(action.value)) return;
  const tableIndex = line.args.findIndex((w, i) => i > at + 1 && w.value === "table");
  const named = tableIndex > 0 ? line.args[tableIndex + 1]?.value : undefined;
  const table = named ?? p.name;
  if (c.tables.has(table) && !(p.kind === "defaults" && named === undefined)) return;
  const data = { proxy: describeProxy(p), table, action: action.value };
  c.ctx.report({ file: c.file, range: action.range, messageId: "trackTable", data });
}

/** `stick on|match|store-* <expr> [table <name>]` (check_config_validity()). */
function checkStick(c: Context, p: Proxy, line: HpLine): void {
  if (line.keyword.value !== "stick" || !/^(on|match|store-request|store-response)$/.test(line.args[0]?.value ?? ""))
    return;
  const tableIndex = line.args.findIndex((w, i) => i > 1 && w.value === "table");
  const table = tableIndex > 0 ? line.args[tableIndex + 1]?.value : p.name;
  if (table === undefined || c.tables.has(table)) return;
  c.ctx.report({
    file: c.file,
    range: line.keyword.range,
    messageId: "stickTable",
    data: { proxy: describeProxy(p), table },
  });
}

/** `use-server <server> if <cond>`: the server must be one of the backend's own. */
function checkUseServer(c: Context, p: Proxy, line: HpLine): void {
  const target = line.args[0];
  if (line.keyword.value !== "use-server" || !target || target.value.includes("%[")) return;
  if (p.servers.some((s) => s.name === target.value)) return;
  const data = { proxy: describeProxy(p), server: target.value };
  c.ctx.report({ file: c.file, range: target.range, messageId: "useServer", data });
}

/** References in sample fetch and converter arguments (src/sample.c smp_resolve_args()). */
function checkArguments(c: Context, p: Proxy, line: HpLine): void {
  const hk = c.ctx.haproxyKeywords;
  for (const { word, text, terms } of judgedExpressions(line, hk)) {
    for (const { term, mask } of terms) {
      if (!mask.types.some((t) => REFERENCE_TYPES.has(t))) continue;
      const list = readArgList(text, term.argsAt, mask);
      if (list.problem) break; // HP025's
      for (const arg of list.args) {
        const problem = argumentProblem(c, p, arg.type, arg.value);
        if (!problem) continue;
        const range = rangeInWord(
          word,
          arg.value === "" ? term.offset : arg.offset,
          arg.value.length || term.name.length,
        );
        const data = { name: term.name, problem, proxy: describeProxy(p) };
        c.ctx.report({ file: c.file, range, messageId: "argument", data });
      }
    }
  }
}

function argumentProblem(c: Context, p: Proxy, type: string, value: string): string | undefined {
  const inDefaults = p.kind === "defaults";
  switch (type) {
    case "SRV": {
      if (value === "") return "it names no server";
      const slash = value.lastIndexOf("/");
      if (slash < 0 && inDefaults) return `'${value}' needs its backend ('<backend>/${value}') in a defaults section`;
      const backend = slash >= 0 ? proxyWithCapability(c.config, value.slice(0, slash), "backend") : p;
      if (!backend) return `there is no backend '${value.slice(0, slash)}'`;
      const server = slash >= 0 ? value.slice(slash + 1) : value;
      return backend.servers.some((s) => s.name === server)
        ? undefined
        : `${describeProxy(backend)} has no server '${server}'`;
    }
    case "FE":
    case "BE": {
      const side = type === "FE" ? "frontend" : "backend";
      if (value === "")
        return inDefaults || p.kind === side || p.kind === "listen"
          ? undefined
          : `without a name it means this proxy, which is not a ${side}`;
      return proxyWithCapability(c.config, value, side) ? undefined : `there is no ${side} '${value}'`;
    }
    case "TAB":
      if (value === "") {
        if (inDefaults) return "a defaults section has no table of its own: name one";
        return c.tables.has(p.name) ? undefined : `without a name it means this proxy's table, and it has none`;
      }
      return c.tables.has(value) ? undefined : `there is no stick table '${value}'`;
    case "USR":
      if (value === "") return "it names no userlist";
      return c.config.userlists.some((u) => u.name === value) ? undefined : `there is no userlist '${value}'`;
    default:
      return undefined;
  }
}

const rule = {
  messages: {
    aclValue: (data: { name: string; value: string }) =>
      `ACL '${data.name}': '${data.value}' is not an IPv4 or IPv6 address HAProxy can read; it refuses the ACL ` +
      `(pat_parse_ip()), and each condition naming it then fails with 'no such ACL'`,
    aclRefused: (data: { name: string; proxy: string }) =>
      `ACL '${data.name}' of ${data.proxy} was refused above (its value), so it does not exist; HAProxy refuses this ` +
      `condition too ('no such ACL')`,
    noSuchAcl: (data: { name: string; proxy: string }) =>
      `no ACL '${data.name}' is declared in ${data.proxy}; HAProxy refuses the condition ('no such ACL')`,
    aclDeclaredLater: (data: { name: string; proxy: string }) =>
      `ACL '${data.name}' is used before ${data.proxy} declares it; HAProxy knows only the ACLs declared above a ` +
      `condition and refuses it ('no such ACL'): move the 'acl' line up`,
    trackTable: (data: { proxy: string; table: string; action: string }) =>
      `'${data.action}' in ${data.proxy} refers to stick table '${data.table}', which does not exist; HAProxy ` +
      `refuses the configuration. Declare a 'stick-table' there or name an existing one with 'table <name>'`,
    stickTable: (data: { proxy: string; table: string }) =>
      `stick rule in ${data.proxy} refers to stick table '${data.table}', which does not exist; HAProxy refuses the ` +
      `configuration`,
    useServer: (data: { proxy: string; server: string }) =>
      `'use-server ${data.server}' in ${data.proxy}: it has no server of that name; HAProxy refuses the configuration`,
    argument: (data: { name: string; problem: string; proxy: string }) =>
      `'${data.name}' in ${data.proxy}: ${data.problem}; HAProxy refuses the configuration when it resolves the ` +
      `arguments`,
  },
};

export default defineRule({
  id: "HP026",
  name: "undefined-reference",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "A name HAProxy cannot resolve: an ACL, a stick table, a server, a backend, a frontend or a userlist.",
    description:
      "Follows the names a proxy refers to the way HAProxy resolves them: ACL names in conditions must be declared " +
      "above the condition in the same section (or be one of the predefined ACLs; the ACLs of a defaults section " +
      "are not visible to the proxies); `track-sc<n>` and stick rules need the table they name (`table <name>`: a " +
      "proxy with a `stick-table`, or `<peers>/<name>` of a peers section) or the proxy's own; `use-server` needs a " +
      "server of the backend; the server, backend, frontend, table and userlist arguments of sample fetches and " +
      "converters must exist (`srv_conn(be/srv)`, `be_conn(be)`, `sc_http_req_rate(0,table)`, `http_auth(users)`), " +
      "and in a named defaults section with rules a server argument needs its backend and a table argument a name.",
    why:
      "An unknown name makes HAProxy refuse the configuration: ACLs while it reads the condition, the others when it " +
      "resolves the references after reading. A reload keeps the old configuration, a fresh start brings up nothing.",
    sources: [
      "HAProxy 2.6.12 src/acl.c parse_acl_cond(), find_acl_by_name(), find_acl_default() and default_acl_list[] " +
        "('no such ACL')",
      "HAProxy src/pattern.c pat_parse_ip() and src/tools.c str2net(), str62net() at v2.6.0 and v3.2.0 (the values " +
        "of 'acl <name> src|dst': 'is not a valid IPv4 or IPv6 address')",
      "HAProxy 2.6.12 src/action.c check_trk_action() ('unable to find table ... referenced by track-sc')",
      "HAProxy 2.6.12 src/sample.c smp_resolve_args() (server, frontend, backend, table and userlist arguments)",
      "HAProxy 2.6.12 src/cfgparse.c check_config_validity() (stick rules 'unable to find stick-table', " +
        "'use-server' rules)",
      "HAProxy 2.6.12 src/cfgparse.c cfg_parse_peers() (peers tables are named '<peers>/<table>'), " +
        "src/stick_table.c stktable_find_by_name()",
    ],
    bad: "frontend www\n    bind :80\n    http-request deny if blocked\n    acl blocked src 192.0.2.66\n",
    good: "frontend www\n    bind :80\n    acl blocked src 192.0.2.66\n    http-request deny if blocked\n",
    realTool:
      "haproxy -c reports \"no such ACL : 'blocked'\", \"unable to find table 'x' referenced by track-sc0\", " +
      "\"backend name must be set in arg 1 of sample fetch keyword 'srv_conn'\" and the like as fatal errors (rc " +
      "1).",
    reportedBy: "haproxy -c",
  },
  messages: rule.messages,
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      const c: Context = { ctx, config, tables: stickTables(config), file: config.file };
      for (const proxy of config.proxies) {
        // Each proxy's lines are reported in the file it is written in (a configuration may span several files).
        const at: Context = { ...c, file: proxy.sectionLocation.file };
        checkAcls(at, proxy);
        for (const line of proxy.lines) {
          checkTrackSc(at, proxy, line);
          checkStick(at, proxy, line);
          checkUseServer(at, proxy, line);
          checkArguments(at, proxy, line);
        }
      }
      for (const d of config.defaults) if (d.name !== "") checkAcls({ ...c, file: d.sectionLocation.file }, d);
      for (const d of checkedDefaults(config)) {
        const at: Context = { ...c, file: d.sectionLocation.file };
        for (const line of d.lines) {
          if (!RULE_KEYWORDS.test(line.keyword.value)) continue;
          checkTrackSc(at, d, line);
          checkArguments(at, d, line);
        }
      }
    }
  },
});
