/** haproxy.cfg syntax tree -> HaproxyConfig: proxies with effective mode, options, timeouts, binds, servers. */
import type { Location } from "../syntax/source.js";
import type { HaproxyDocument, HpLine, HpSection, HpWord } from "../syntax/haproxy/tree.js";
import { expandAddressVariables } from "./address-expansion.js";
import { readPeers } from "./haproxy-peers.js";
import { atol } from "./haproxy-values.js";
import { isWildcardHost, parseIpAddress } from "./ip-address.js";
import type {
  AddressOutcome,
  BackendRef,
  BindAddress,
  HaproxyConfig,
  Proxy,
  ProxyKind,
  StatsSettings,
  Userlist,
} from "./types.js";

const PROXY_KINDS = new Set(["frontend", "backend", "listen", "defaults"]);

/** `option` names that choose the health-check type; each one replaces the previous one. */
export const CHECK_OPTIONS = new Set([
  "httpchk",
  "tcp-check",
  "ldap-check",
  "mysql-check",
  "pgsql-check",
  "redis-check",
  "smtpchk",
  "ssl-hello-chk",
  "spop-check",
  "external-check",
]);

const wordLoc = (file: string, w: HpWord): Location => ({ file, range: w.range });

/** Options whose value carries over from defaults unless the proxy says otherwise. */
function cloneOptions(p?: Proxy): Proxy["options"] {
  return new Map(p ? [...p.options] : []);
}

/**
 * One address as HAProxy reads it (`192.0.2.1:80`, `*:80`, `:::443`, `[::1]:80`, `ipv4@:80`, `/run/h.sock`): `written`
 * is the element of the word as written, `read` what str2sa_range() parses after expanding variables.
 */
export function parseAddress(written: string, read: string): BindAddress {
  let rest = read;
  let family: BindAddress["family"] | undefined;
  // A transport prefix built from an unset variable leaves a bare '+' (`${SOCK_TYPE}+fd@${x}`).
  const prefix = /^((?:stream\+|dgram\+|quic\+|\+)?)([a-z0-9]+@)?/.exec(rest);
  const p = prefix?.[2] ?? "";
  if (p) rest = rest.slice((prefix?.[1] ?? "").length + p.length);
  else if (prefix?.[1]) rest = rest.slice(prefix[1].length);
  if (p === "unix@" || p === "abns@" || p === "abnsz@" || p === "uxst@" || p === "uxdg@" || rest.startsWith("/"))
    return { text: written, host: rest, family: "unix", wildcard: false };
  if (p === "fd@" || p === "sockpair@" || p === "rhttp@")
    return { text: written, host: rest, family: "other", wildcard: false };
  if (p === "ipv6@" || p === "tcp6@" || p === "udp6@" || p === "quic6@") family = 6;
  if (p === "ipv4@" || p === "tcp4@" || p === "udp4@" || p === "quic4@") family = 4;
  let host: string;
  let port: string | undefined;
  const bracket = /^\[([^\]]*)\](?::(.*))?$/.exec(rest);
  if (bracket) {
    host = bracket[1];
    port = bracket[2];
  } else {
    const colon = rest.lastIndexOf(":");
    if (colon >= 0) {
      host = rest.slice(0, colon);
      port = rest.slice(colon + 1);
    } else {
      host = rest;
    }
  }
  if (host === "*") host = "";
  const ip = parseIpAddress(host);
  family ??= host.includes(":") ? 6 : (ip?.family ?? 4);
  const out: BindAddress = { text: written, host: ip?.address ?? host, family, wildcard: isWildcardHost(host) };
  if (port !== undefined && port !== "") out.port = port;
  return out;
}

/** Variables of the word that its line parser leaves unset (double-quoted, unknown to the analysis, no default). */
function unsetInQuotes(word: HpWord): string[] {
  return word.env
    .filter((e) => e.inQuotes && e.resolved === undefined && e.defaultValue === undefined && e.haproxyOwn !== "set")
    .map((e) => e.name);
}

/**
 * The comma-separated addresses of an address word (str2listener() splits at commas, then str2sa_range() reads
 * each one), each with its own place in the word when it can be told, and what the variables it uses turn it into.
 */
export function readAddresses(
  file: string,
  word: HpWord,
  env: Readonly<Record<string, string>> | undefined,
  portRequired: boolean,
): BindAddress[] {
  const readParts = (word.unsetValue ?? word.value).split(",");
  const writtenParts = word.value.split(",");
  const parts = writtenParts.length === readParts.length ? writtenParts : readParts;
  const exact = word.text === word.value && word.range.start.line === word.range.end.line;
  const quotedUnset = unsetInQuotes(word);
  let offset = 0;
  return parts.map((part, i) => {
    const expanded = expandAddressVariables(readParts[i], env);
    const a = parseAddress(part, expanded.text);
    const unknown = [
      ...quotedUnset.filter((n) => part.includes(`$${n}`) || part.includes(`\${${n}`)),
      ...expanded.unknown,
    ];
    if (unknown.length > 0) {
      a.variables = {
        unknown: [...new Set(unknown)],
        whenUnset: expanded.text,
        outcome: addressOutcome(a, expanded.text, word, portRequired),
      };
    }
    if (exact) {
      const line = word.range.start.line;
      const start = word.range.start.character + offset;
      a.location = {
        file,
        range: { start: { line, character: start }, end: { line, character: start + part.length } },
      };
    }
    offset += part.length + 1;
    return a;
  });
}

/** A name str2sa_range() may resolve at start-up (a hostname), as opposed to text that is no address at all. */
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/**
 * What HAProxy does with the address when its unknown variables are unset (str2listener() and parse_server() both
 * go through str2sa_range()): a bind needs a port, a server does not.
 */
function addressOutcome(a: BindAddress, read: string, word: HpWord, portRequired: boolean): AddressOutcome {
  if ((word.unsetValue ?? word.value) === "") return "missing-argument";
  if (read === "") return "empty";
  if (a.family !== 4 && a.family !== 6) return "reads";
  if (a.port === undefined && portRequired) return "missing-port";
  if (a.port !== undefined && !/^[+-]?\d+(-\d+)?$/.test(a.port)) return "invalid-port";
  if (a.host !== "" && !parseIpAddress(a.host) && !HOSTNAME.test(a.host)) return "invalid-address";
  return a.wildcard ? "every-address" : "reads";
}

function lineOptions(words: HpWord[]): Map<string, string | true> {
  const map = new Map<string, string | true>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i].value;
    const next = words[i + 1]?.value;
    // A value follows when the next word is not itself a bare option; the tables decide precisely in rules.
    // `check ... no-check`: the later one wins (each sets or clears the same flag as HAProxy parses the line).
    map.delete(opposite(w));
    if (next !== undefined && VALUE_OPTIONS.has(w)) {
      map.set(w, next);
      i++;
    } else map.set(w, true);
  }
  return map;
}

/** `no-check` for `check` and the other way round. */
function opposite(option: string): string {
  return option.startsWith("no-") ? option.slice(3) : `no-${option}`;
}

/** Bind and server options that take one value (the ones the model reads). */
const VALUE_OPTIONS = new Set([
  "inter",
  "fastinter",
  "downinter",
  "rise",
  "fall",
  "port",
  "addr",
  "weight",
  "maxconn",
  "maxqueue",
  "minconn",
  "agent-port",
  "agent-inter",
  "agent-addr",
  "agent-send",
  "track",
  "crt",
  "ca-file",
  "crl-file",
  "alpn",
  "check-sni",
  "sni",
  "verify",
  "slowstart",
  "on-error",
  "on-marked-down",
  "on-marked-up",
  "error-limit",
  "observe",
  "resolvers",
  "resolve-prefer",
  "init-addr",
  "id",
  "cookie",
  "redir",
  "source",
  "proto",
  "pool-max-conn",
  "pool-purge-delay",
  "ciphers",
  "ciphersuites",
  "interface",
  "name",
  "nice",
  "process",
  "thread",
  "backlog",
  "mss",
  "tcp-ut",
  "user",
  "group",
  "uid",
  "gid",
  "mode",
  "level",
  "namespace",
  "accept-netscaler-cip",
  "curves",
  "ecdhe",
  "ssl-min-ver",
  "ssl-max-ver",
  "check-proto",
  "check-alpn",
  "log-proto",
  "shard",
  "hash-key",
]);

/**
 * The model of the files HAProxy loads, in load order (one file, or `-f a.cfg -f conf.d/`). Each file starts outside
 * any section (cfgparse.c readcfgfile()), but the last defaults section read carries over to the next file's proxies
 * (cfgparse-listen.c cfg_parse_listen() keeps it in a static `curr_defproxy`), and `from` finds defaults of any file
 * read before. `version`: the HAProxy version the files are read for (what depends on it: the local peer name).
 */
export function buildHaproxyConfig(
  docOrDocs: HaproxyDocument | readonly HaproxyDocument[],
  version?: string,
): HaproxyConfig {
  const documents: HaproxyDocument[] = "sections" in docOrDocs ? [docOrDocs] : [...docOrDocs];
  const first = documents[0];
  const config: HaproxyConfig = {
    file: first.file,
    document: first,
    documents,
    sections: documents.flatMap((doc) => doc.sections.map((section) => ({ file: doc.file, section }))),
    peers: readPeers(documents, version),
    proxies: [],
    defaults: [],
    userlists: [],
  };
  let lastDefaults: Proxy | undefined;
  for (const doc of documents) {
    const file = doc.file;
    for (const section of doc.sections) {
      if (section.kind === "global") {
        for (const line of section.lines) {
          if (line.keyword.value === "maxconn" && line.args[0])
            config.globalMaxconn = { value: atol(line.args[0].value), location: wordLoc(file, line.args[0]) };
        }
        continue;
      }
      if (section.kind === "userlist") {
        config.userlists.push(buildUserlist(file, section));
        continue;
      }
      // A proxy line HAProxy refuses creates no proxy (HP023 reports it and its lines).
      if (!PROXY_KINDS.has(section.kind) || section.notCreated) continue;
      const kind = section.kind as ProxyKind;
      const fromWord = section.from;
      // cfg_parse_listen() looks `from` names up among the defaults sections read so far.
      const named = fromWord ? config.defaults.find((d) => d.name === fromWord.value) : undefined;
      const parent = fromWord ? named : kind === "defaults" ? undefined : lastDefaults;
      const proxy = buildProxy(file, section, kind, parent, doc.env);
      if (fromWord) proxy.from = { value: fromWord.value, location: wordLoc(file, fromWord) };
      if (kind === "defaults") {
        config.defaults.push(proxy);
        lastDefaults = proxy;
      } else config.proxies.push(proxy);
    }
  }
  return config;
}

function buildProxy(
  file: string,
  section: HpSection,
  kind: ProxyKind,
  parent: Proxy | undefined,
  env: Readonly<Record<string, string>> | undefined,
): Proxy {
  const headerLoc: Location = { file, range: section.header.range };
  const proxy: Proxy = {
    kind,
    name: section.name?.value ?? "",
    location: section.name ? wordLoc(file, section.name) : headerLoc,
    sectionLocation: { file, range: section.range },
    mode: parent?.mode ?? "tcp",
    binds: [],
    servers: [],
    defaultServer: new Map(parent?.defaultServer ?? []),
    options: cloneOptions(parent),
    timeouts: new Map(parent?.timeouts ?? []),
    useBackends: [],
    stats: parent
      ? { ...parent.stats, auth: [...parent.stats.auth], httpRequestRules: [...parent.stats.httpRequestRules] }
      : { auth: [], hasAuthRule: false, httpRequestRules: [] },
    lines: section.lines,
  };
  if (parent) proxy.defaults = parent;
  if (parent?.modeLocation) proxy.modeLocation = parent.modeLocation;
  if (parent?.disabled) proxy.disabled = parent.disabled;
  if (parent?.checkType) proxy.checkType = parent.checkType;
  if (parent?.maxconn) proxy.maxconn = parent.maxconn;
  // default_backend is a frontend setting: defaults pass it on to frontends and listens.
  if (parent?.defaultBackend && kind !== "backend") proxy.defaultBackend = parent.defaultBackend;
  for (const line of section.lines) readLine(file, proxy, line, env);
  // default-server settings reach servers declared before it too (HAProxy applies them at parse time per server,
  // so a default-server after the servers does not): servers keep what they had when declared, see readLine().
  return proxy;
}

function readLine(file: string, proxy: Proxy, line: HpLine, env: Readonly<Record<string, string>> | undefined): void {
  const kw = line.keyword.value;
  const args = line.args;
  const l: Location = { file, range: line.range };
  switch (kw) {
    case "mode":
      if (args[0]) {
        proxy.mode = args[0].value;
        proxy.modeLocation = wordLoc(file, args[0]);
      }
      return;
    case "bind": {
      if (!args[0]) return;
      const options = lineOptions(args.slice(1));
      proxy.binds.push({
        location: l,
        addresses: readAddresses(file, args[0], env, true),
        options,
        transparent: options.has("transparent"),
      });
      return;
    }
    case "default-server":
      for (const [k, v] of lineOptions(args)) {
        proxy.defaultServer.delete(opposite(k));
        proxy.defaultServer.set(k, v);
      }
      return;
    case "server": {
      if (!args[1]) return;
      const own = lineOptions(args.slice(2));
      const options = new Map([...proxy.defaultServer, ...own]);
      const addr = readAddresses(file, args[1], env, false)[0];
      const trackIndex = args.findIndex((w, i) => i >= 2 && w.value === "track");
      const trackWord = trackIndex >= 0 ? args[trackIndex + 1] : undefined;
      proxy.servers.push({
        name: args[0].value,
        location: l,
        nameLocation: wordLoc(file, args[0]),
        address: args[1].value,
        host: addr.host,
        ...(addr.port !== undefined ? { port: addr.port } : {}),
        ...(addr.variables ? { variables: addr.variables } : {}),
        check: options.has("check") && !own.has("no-check"),
        agentCheck: options.has("agent-check") && !own.has("no-agent-check"),
        ...(trackWord ? { track: { value: trackWord.value, location: wordLoc(file, trackWord) } } : {}),
        ownOptions: own,
        options,
        backup: options.has("backup") && !own.has("no-backup"),
        disabled: options.has("disabled") && !own.has("enabled"),
      });
      return;
    }
    case "disabled":
      proxy.disabled = l;
      return;
    case "enabled":
      delete proxy.disabled;
      return;
    case "option":
    case "no": {
      const isNo = kw === "no";
      const optWords = isNo ? args.slice(1) : args;
      if (isNo && args[0]?.value !== "option") return;
      if (!optWords[0]) return;
      proxy.options.set(optWords[0].value, {
        enabled: !isNo,
        args: optWords.slice(1).map((w) => w.value),
        location: l,
      });
      if (!isNo && CHECK_OPTIONS.has(optWords[0].value)) proxy.checkType = { value: optWords[0].value, location: l };
      return;
    }
    case "timeout":
      if (args[0] && args[1]) proxy.timeouts.set(args[0].value, { value: args[1].value, location: l });
      return;
    case "contimeout":
    case "clitimeout":
    case "srvtimeout":
      if (args[0])
        proxy.timeouts.set(
          kw.replace("timeout", "").replace("con", "connect").replace("cli", "client").replace("srv", "server"),
          { value: args[0].value, location: l },
        );
      return;
    case "default_backend":
      if (args[0]) proxy.defaultBackend = backendRef(file, args[0], []);
      return;
    case "use_backend":
      if (args[0])
        proxy.useBackends.push(
          backendRef(
            file,
            args[0],
            args.slice(1).map((w) => w.value),
          ),
        );
      return;
    case "maxconn":
      // cfg_parse_listen() and the global parser read it with atol().
      if (args[0]) proxy.maxconn = { value: atol(args[0].value), location: wordLoc(file, args[0]) };
      return;
    case "stats":
      readStats(file, proxy.stats, line);
      return;
    case "http-request":
      if (args[0] && /^auth$/.test(args[0].value)) proxy.stats.hasAuthRule = true;
      return;
    default:
      return;
  }
}

function readStats(file: string, stats: StatsSettings, line: HpLine): void {
  const sub = line.args[0]?.value;
  const l: Location = { file, range: line.range };
  // Every proxy `stats` keyword but `stats bind-process` allocates the stats settings, which turns the page on.
  if (sub !== "bind-process") stats.declared ??= l;
  if (sub === "enable") stats.enabled = l;
  else if (sub === "show-legends") stats.showLegends = l;
  else if (sub === "hide-version") stats.hideVersion = l;
  else if (sub === "uri" && line.args[1])
    stats.uri = { value: line.args[1].value, location: wordLoc(file, line.args[1]) };
  else if (sub === "auth" && line.args[1])
    stats.auth.push({ value: line.args[1].value, location: wordLoc(file, line.args[1]) });
  else if (sub === "admin")
    stats.admin = {
      value: line.args
        .slice(1)
        .map((w) => w.value)
        .join(" "),
      location: l,
    };
  else if (sub === "http-request" && line.args[1]) {
    stats.httpRequestRules.push({
      value: line.args
        .slice(1)
        .map((w) => w.value)
        .join(" "),
      location: l,
    });
    if (line.args[1].value === "auth") stats.hasAuthRule = true;
  }
}

function backendRef(file: string, word: HpWord, condition: string[]): BackendRef {
  return { name: word.value, dynamic: word.value.includes("%["), location: wordLoc(file, word), condition };
}

function buildUserlist(file: string, section: HpSection): Userlist {
  const list: Userlist = {
    name: section.name?.value ?? "",
    location: { file, range: section.header.range },
    users: [],
  };
  for (const line of section.lines) {
    if (line.keyword.value !== "user" || !line.args[0]) continue;
    const pi = line.args.findIndex((w) => w.value === "password" || w.value === "insecure-password");
    list.users.push({
      name: line.args[0].value,
      location: { file, range: line.range },
      insecure: pi >= 0 && line.args[pi].value === "insecure-password",
      password: pi >= 0 ? (line.args[pi + 1]?.value ?? "") : "",
    });
  }
  return list;
}
