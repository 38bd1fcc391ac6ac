/**
 * The traffic lab's copy of each node's haproxy.cfg, written from the syntax tree with the SAME one-to-one address
 * map as the node's keepalived copy (binds, servers, `source`, `addr`, ACL networks):
 *  - `global` keeps only what changes behaviour the lab can see (maxconn, nbthread, tune.*); logging, chroot,
 *    user/group, daemon, pidfile, stats sockets and lua-load are left out (listed in `notes`);
 *  - a proxy that needs a file the lab cannot provide (certificates, CA/CRL files, maps, ACL files, errorfiles, Lua)
 *    or a server address the lab cannot map (a host name) is skipped, and so is every frontend that routes to a
 *    skipped backend: each one is reported, never silently dropped;
 *  - what the clients will probe: every frontend/listen bind that reaches a backend with servers, as `VIP:port`
 *    (a wildcard bind is probed on every VIP of the node's routers; an address bind on that address).
 */
import type { HpLine, HpSection, HpWord } from "../syntax/haproxy/index.js";
import type { HaproxyConfig, Node, Proxy } from "../model/index.js";
import type { AddressMap } from "./lab-config.js";

export interface LabServer {
  /** `backend/server` */
  id: string;
  proxy: string;
  name: string;
  /** Lab address and port the responder listens on. */
  address: string;
  port: number;
  check: boolean;
  /** Time for HAProxy to mark it down (inter * fall) and up (inter * rise), ms. */
  downMs: number;
  upMs: number;
}

export interface LabTarget {
  /** `frontend@address:port` */
  id: string;
  proxy: string;
  mode: "http" | "tcp";
  /** Lab address (a VIP or a node's own address) and port. */
  address: string;
  port: number;
  /** Backend the requests reach by default. */
  backend: string;
}

export interface HaproxyLabPlan {
  config: string;
  /** Proxies skipped and why. */
  skipped: { proxy: string; why: string }[];
  notes: string[];
  servers: LabServer[];
  /** Binds: lab address ("" for wildcard) and port, per proxy. */
  binds: { proxy: string; address: string; port: number; mode: "http" | "tcp"; backend?: string }[];
  /** Lab addresses bound explicitly (not wildcards). */
  boundAddresses: string[];
}

const GLOBAL_KEPT = /^(maxconn|nbthread|tune\.|spread-checks|max-spreadchecks|hard-stop-after)/;
const FILE_OPTIONS = new Set([
  "crt",
  "ca-file",
  "crl-file",
  "crt-list",
  "ca-verify-file",
  "ca-sign-file",
  "ssl-dh-param-file",
  "issuers-chain-path",
]);
const FILE_KEYWORDS = new Set([
  "errorfile",
  "lua-load",
  "lua-prepend-path",
  "ssl-engine",
  "51degrees-data-file",
  "wurfl-data-file",
  "deviceatlas-json-file",
]);
const DROPPED_DEFAULTS = new Set(["log", "errorfile", "log-format", "error-log-format", "log-tag"]);
const IPV4 = /^(\d{1,3}(?:\.\d{1,3}){3})(\/\d+)?(:.*)?$/;

function duration(value: string | true | undefined, fallback: number): number {
  if (typeof value !== "string") return fallback;
  const match = /^(\d+)(us|ms|s|m|h|d)?$/.exec(value);
  if (!match) return fallback;
  const k = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? "ms"] ?? 1;
  return Number(match[1]) * k;
}

/** What in a line needs a file the lab cannot provide (undefined when nothing). */
function fileNeed(line: HpLine): string | undefined {
  const name = line.keyword.value;
  if (FILE_KEYWORDS.has(name)) return `${name} ${line.args[0]?.value ?? ""}`.trim();
  const words = line.args.map((w) => w.value);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (FILE_OPTIONS.has(word) && words[i + 1] !== undefined) return `${word} ${words[i + 1]}`;
    if (
      (name === "acl" || name.startsWith("http-") || name.startsWith("tcp-") || name === "use_backend") &&
      word === "-f" &&
      words[i + 1]
    )
      return `-f ${words[i + 1]}`;
    if (/\bmap(_\w+)?\(/.test(word) || /\blua\./.test(word)) return word;
    if (name === "bind" && word === "ssl" && !words.includes("crt")) return "ssl without a certificate the lab has";
  }
  return undefined;
}

function mapWord(word: HpWord, map: AddressMap): string {
  const match = IPV4.exec(word.value);
  if (!match || word.env.length > 0) return word.text;
  if (match[1] === "0.0.0.0" || match[1].startsWith("127.")) return word.text;
  const lab = map.lab(match[1]);
  return lab === undefined ? word.text : `${lab}${match[2] ?? ""}${match[3] ?? ""}`;
}

function mapBindWord(word: HpWord, map: AddressMap): string {
  return word.value
    .split(",")
    .map((part) => {
      const match = /^(.*):([^:]*)$/.exec(part);
      if (!match) return part;
      const host = match[1];
      if (
        host === "" ||
        host === "*" ||
        host === "0.0.0.0" ||
        host.startsWith("127.") ||
        !/^\d+\.\d+\.\d+\.\d+$/.test(host)
      )
        return part;
      return `${map.lab(host) ?? host}:${match[2]}`;
    })
    .join(",");
}

function renderLine(line: HpLine, map: AddressMap, depth: number): string {
  const pad = depth ? "    " : "";
  if (line.keyword.value === "bind" && line.args[0])
    return `${pad}bind ${[mapBindWord(line.args[0], map), ...line.args.slice(1).map((w) => mapWord(w, map))].join(" ")}`;
  return `${pad}${[line.keyword.text, ...line.args.map((w) => mapWord(w, map))].join(" ")}`;
}

/** Plan one node's lab haproxy.cfg. */
/** The proxies the lab leaves out, and why: files it cannot provide, servers it cannot map, modes it does not drive. */
function skippedProxies(haproxy: HaproxyConfig): Map<string, string> {
  const skip = new Map<string, string>();
  for (const proxy of haproxy.proxies) {
    for (const line of proxy.lines) {
      const need = fileNeed(line);
      if (need) {
        skip.set(proxy.name, `needs a file the lab cannot provide (${need})`);
        break;
      }
    }
    if (!skip.has(proxy.name)) {
      const bad = proxy.servers.find((s) => !s.host.startsWith("127.") && !/^\d+\.\d+\.\d+\.\d+$/.test(s.host));
      if (bad)
        skip.set(
          proxy.name,
          `server ${bad.name} has address '${bad.address}', which the lab cannot map (IPv4 only, no names)`,
        );
      const local = proxy.servers.find((s) => s.host.startsWith("127."));
      if (!bad && local)
        skip.set(
          proxy.name,
          `server ${local.name} is on the load balancer itself (${local.address}): the lab has no application there`,
        );
    }
    if (!skip.has(proxy.name) && proxy.mode !== "http" && proxy.mode !== "tcp")
      skip.set(proxy.name, `mode ${proxy.mode} is not driven by the lab`);
  }
  // Frontends that route to skipped backends go too (HAProxy would refuse the config otherwise).
  for (let changed = true; changed;) {
    changed = false;
    for (const proxy of haproxy.proxies) {
      if (skip.has(proxy.name)) continue;
      const refs = [proxy.defaultBackend, ...proxy.useBackends].flatMap((r) => (r && !r.dynamic ? [r.name] : []));
      const gone = refs.find((r) => skip.has(r));
      if (gone) {
        skip.set(proxy.name, `routes to the skipped backend ${gone}`);
        changed = true;
      }
    }
  }
  return skip;
}

/**
 * The lab copy of the configuration: global and defaults trimmed, skipped proxies and unsupported sections left out.
 */
function renderLabConfig(
  node: Node,
  haproxy: HaproxyConfig,
  map: AddressMap,
  skip: Map<string, string>,
  notes: string[],
): string[] {
  const out: string[] = [`# ha-lint traffic lab copy of ${node.name}'s HAProxy configuration (${haproxy.file})`];
  const doc = haproxy.document;
  const droppedGlobal = new Set<string>();
  let sawGlobal = false;
  for (const section of doc.sections) {
    if (section.kind === "global") {
      sawGlobal = true;
      out.push("global");
      for (const line of section.lines) {
        const maxconn = line.args[0]?.value;
        if (line.keyword.value === "maxconn" && maxconn !== undefined && Number(maxconn) > 4000) {
          out.push("    maxconn 4000");
          notes.push(`haproxy: global maxconn ${maxconn} lowered to 4000 (the lab's file descriptor limit)`);
        } else if (GLOBAL_KEPT.test(line.keyword.value)) out.push(renderLine(line, map, 1));
        else droppedGlobal.add(line.keyword.value);
      }
      continue;
    }
    if (section.kind === "defaults") {
      out.push(renderLine(section.header, map, 0));
      for (const line of section.lines)
        if (!DROPPED_DEFAULTS.has(line.keyword.value)) out.push(renderLine(line, map, 1));
      continue;
    }
    if (["frontend", "backend", "listen"].includes(section.kind)) {
      const name = section.name?.value;
      if (name !== undefined && skip.has(name)) continue;
      out.push(renderLine(section.header, map, 0));
      for (const line of section.lines)
        if (!DROPPED_DEFAULTS.has(line.keyword.value)) out.push(renderLine(line, map, 1));
      continue;
    }
    if (
      section.kind === "userlist" ||
      section.kind === "resolvers" ||
      section.kind === "peers" ||
      section.kind === "mailers" ||
      section.kind === "program" ||
      section.kind === "cache" ||
      section.kind === "http-errors" ||
      section.kind === "ring"
    ) {
      if (section.kind === "userlist" || section.kind === "cache") {
        out.push(renderLine(section.header, map, 0));
        for (const line of section.lines) out.push(renderLine(line, map, 1));
      } else droppedGlobal.add(`${section.kind} section`);
    }
  }
  if (!sawGlobal) out.unshift("global");
  if (droppedGlobal.size) notes.push(`haproxy: left out ${[...droppedGlobal].sort().join(", ")}`);
  return out;
}

/** The servers the lab starts an application for, with the times HAProxy takes to mark them down and up. */
function labServers(haproxy: HaproxyConfig, map: AddressMap, skip: Map<string, string>): LabServer[] {
  const servers: LabServer[] = [];
  for (const section of haproxy.proxies) {
    if (skip.has(section.name) || section.disabled) continue;
    for (const server of section.servers) {
      if (server.disabled) continue;
      const address = map.lab(server.host);
      if (!address) continue;
      const inter = duration(server.options.get("inter"), 2000);
      const fall = Number(server.options.get("fall") ?? 3) || 3;
      const rise = Number(server.options.get("rise") ?? 2) || 2;
      servers.push({
        id: `${section.name}/${server.name}`,
        proxy: section.name,
        name: server.name,
        address: address.replace(/\/\d+$/, ""),
        port: Number(server.port ?? 0) || 80,
        check: server.check,
        downMs: inter * fall,
        upMs: inter * rise,
      });
    }
  }
  return servers;
}

/** What the clients will probe: every IPv4 bind of a kept proxy, with the backend it reaches when that has servers. */
function labBinds(
  haproxy: HaproxyConfig,
  map: AddressMap,
  skip: Map<string, string>,
  bound: Set<string>,
): HaproxyLabPlan["binds"] {
  const proxies = new Map<string, Proxy>(haproxy.proxies.map((p) => [p.name, p]));
  const binds: HaproxyLabPlan["binds"] = [];
  for (const section of haproxy.proxies) {
    if (skip.has(section.name) || section.disabled) continue;
    const backend =
      section.kind === "listen" && section.servers.length
        ? section.name
        : section.defaultBackend && !section.defaultBackend.dynamic
          ? section.defaultBackend.name
          : undefined;
    for (const bind of section.binds) {
      for (const listen of bind.addresses) {
        if (listen.family !== 4 || !listen.port || !/^\d+$/.test(listen.port)) continue;
        const address = listen.wildcard ? "" : (map.lab(listen.host) ?? listen.host).replace(/\/\d+$/, "");
        if (address) bound.add(address);
        binds.push({
          proxy: section.name,
          address,
          port: Number(listen.port),
          mode: section.mode === "http" ? "http" : "tcp",
          ...(backend && proxies.get(backend)?.servers.length ? { backend } : {}),
        });
      }
    }
  }
  return binds;
}

export function planHaproxy(
  node: Node,
  map: AddressMap,
  vipsOf: (node: string) => string[],
): HaproxyLabPlan | undefined {
  const haproxyConfig = node.haproxy;
  if (!haproxyConfig) return undefined;
  const notes: string[] = [];
  const skip = skippedProxies(haproxyConfig);
  const skipped = [...skip].map(([proxy, why]) => ({ proxy, why }));
  const out = renderLabConfig(node, haproxyConfig, map, skip, notes);
  for (const entry of skipped) notes.push(`haproxy: proxy ${entry.proxy} skipped: ${entry.why}`);
  const servers = labServers(haproxyConfig, map, skip);
  const bound = new Set<string>();
  const binds = labBinds(haproxyConfig, map, skip, bound);
  void vipsOf;
  return { config: out.join("\n") + "\n", skipped, notes, servers, binds, boundAddresses: [...bound] };
}

/** `frontend@vip:port` targets the client probes: binds that reach a backend with servers, on the cluster's VIPs. */
export function targetsOf(plans: HaproxyLabPlan[], vips: string[]): LabTarget[] {
  const out = new Map<string, LabTarget>();
  for (const plan of plans) {
    for (const bind of plan.binds) {
      if (!bind.backend) continue;
      for (const vip of bind.address === "" ? vips : vips.includes(bind.address) ? [bind.address] : []) {
        const bindId = `${bind.proxy}@${vip}:${bind.port}`;
        if (!out.has(bindId))
          out.set(bindId, {
            id: bindId,
            proxy: bind.proxy,
            mode: bind.mode,
            address: vip,
            port: bind.port,
            backend: bind.backend,
          });
      }
    }
  }
  return [...out.values()];
}

export type { HpSection };
