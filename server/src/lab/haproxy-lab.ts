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

function duration(v: string | true | undefined, fallback: number): number {
  if (typeof v !== "string") return fallback;
  const m = /^(\d+)(us|ms|s|m|h|d)?$/.exec(v);
  if (!m) return fallback;
  const k = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? "ms"] ?? 1;
  return Number(m[1]) * k;
}

/** What in a line needs a file the lab cannot provide (undefined when nothing). */
function fileNeed(line: HpLine): string | undefined {
  const kw = line.keyword.value;
  if (FILE_KEYWORDS.has(kw)) return `${kw} ${line.args[0]?.value ?? ""}`.trim();
  const words = line.args.map((w) => w.value);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (FILE_OPTIONS.has(w) && words[i + 1] !== undefined) return `${w} ${words[i + 1]}`;
    if (
      (kw === "acl" || kw.startsWith("http-") || kw.startsWith("tcp-") || kw === "use_backend") &&
      w === "-f" &&
      words[i + 1]
    )
      return `-f ${words[i + 1]}`;
    if (/\bmap(_\w+)?\(/.test(w) || /\blua\./.test(w)) return w;
    if (kw === "bind" && w === "ssl" && !words.includes("crt")) return "ssl without a certificate the lab has";
  }
  return undefined;
}

function mapWord(w: HpWord, map: AddressMap): string {
  const m = IPV4.exec(w.value);
  if (!m || w.env.length > 0) return w.text;
  if (m[1] === "0.0.0.0" || m[1].startsWith("127.")) return w.text;
  const lab = map.lab(m[1]);
  return lab === undefined ? w.text : `${lab}${m[2] ?? ""}${m[3] ?? ""}`;
}

function mapBindWord(w: HpWord, map: AddressMap): string {
  return w.value
    .split(",")
    .map((part) => {
      const m = /^(.*):([^:]*)$/.exec(part);
      if (!m) return part;
      const host = m[1];
      if (
        host === "" ||
        host === "*" ||
        host === "0.0.0.0" ||
        host.startsWith("127.") ||
        !/^\d+\.\d+\.\d+\.\d+$/.test(host)
      )
        return part;
      return `${map.lab(host) ?? host}:${m[2]}`;
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
function skippedProxies(hp: HaproxyConfig): Map<string, string> {
  const skip = new Map<string, string>();
  for (const p of hp.proxies) {
    for (const line of p.lines) {
      const need = fileNeed(line);
      if (need) {
        skip.set(p.name, `needs a file the lab cannot provide (${need})`);
        break;
      }
    }
    if (!skip.has(p.name)) {
      const bad = p.servers.find((s) => !s.host.startsWith("127.") && !/^\d+\.\d+\.\d+\.\d+$/.test(s.host));
      if (bad)
        skip.set(
          p.name,
          `server ${bad.name} has address '${bad.address}', which the lab cannot map (IPv4 only, no names)`,
        );
      const local = p.servers.find((s) => s.host.startsWith("127."));
      if (!bad && local)
        skip.set(
          p.name,
          `server ${local.name} is on the load balancer itself (${local.address}): the lab has no application there`,
        );
    }
    if (!skip.has(p.name) && p.mode !== "http" && p.mode !== "tcp")
      skip.set(p.name, `mode ${p.mode} is not driven by the lab`);
  }
  // Frontends that route to skipped backends go too (HAProxy would refuse the config otherwise).
  for (let changed = true; changed;) {
    changed = false;
    for (const p of hp.proxies) {
      if (skip.has(p.name)) continue;
      const refs = [p.defaultBackend, ...p.useBackends].flatMap((r) => (r && !r.dynamic ? [r.name] : []));
      const gone = refs.find((r) => skip.has(r));
      if (gone) {
        skip.set(p.name, `routes to the skipped backend ${gone}`);
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
  hp: HaproxyConfig,
  map: AddressMap,
  skip: Map<string, string>,
  notes: string[],
): string[] {
  const out: string[] = [`# ha-lint traffic lab copy of ${node.name}'s HAProxy configuration (${hp.file})`];
  const doc = hp.document;
  const droppedGlobal = new Set<string>();
  let sawGlobal = false;
  for (const section of doc.sections) {
    if (section.kind === "global") {
      sawGlobal = true;
      out.push("global");
      for (const l of section.lines) {
        const maxconn = l.args[0]?.value;
        if (l.keyword.value === "maxconn" && maxconn !== undefined && Number(maxconn) > 4000) {
          out.push("    maxconn 4000");
          notes.push(`haproxy: global maxconn ${maxconn} lowered to 4000 (the lab's file descriptor limit)`);
        } else if (GLOBAL_KEPT.test(l.keyword.value)) out.push(renderLine(l, map, 1));
        else droppedGlobal.add(l.keyword.value);
      }
      continue;
    }
    if (section.kind === "defaults") {
      out.push(renderLine(section.header, map, 0));
      for (const l of section.lines) if (!DROPPED_DEFAULTS.has(l.keyword.value)) out.push(renderLine(l, map, 1));
      continue;
    }
    if (["frontend", "backend", "listen"].includes(section.kind)) {
      const name = section.name?.value;
      if (name !== undefined && skip.has(name)) continue;
      out.push(renderLine(section.header, map, 0));
      for (const l of section.lines) if (!DROPPED_DEFAULTS.has(l.keyword.value)) out.push(renderLine(l, map, 1));
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
        for (const l of section.lines) out.push(renderLine(l, map, 1));
      } else droppedGlobal.add(`${section.kind} section`);
    }
  }
  if (!sawGlobal) out.unshift("global");
  if (droppedGlobal.size) notes.push(`haproxy: left out ${[...droppedGlobal].sort().join(", ")}`);
  return out;
}

/** The servers the lab starts an application for, with the times HAProxy takes to mark them down and up. */
function labServers(hp: HaproxyConfig, map: AddressMap, skip: Map<string, string>): LabServer[] {
  const servers: LabServer[] = [];
  for (const p of hp.proxies) {
    if (skip.has(p.name) || p.disabled) continue;
    for (const s of p.servers) {
      if (s.disabled) continue;
      const address = map.lab(s.host);
      if (!address) continue;
      const inter = duration(s.options.get("inter"), 2000);
      const fall = Number(s.options.get("fall") ?? 3) || 3;
      const rise = Number(s.options.get("rise") ?? 2) || 2;
      servers.push({
        id: `${p.name}/${s.name}`,
        proxy: p.name,
        name: s.name,
        address: address.replace(/\/\d+$/, ""),
        port: Number(s.port ?? 0) || 80,
        check: s.check,
        downMs: inter * fall,
        upMs: inter * rise,
      });
    }
  }
  return servers;
}

/** What the clients will probe: every IPv4 bind of a kept proxy, with the backend it reaches when that has servers. */
function labBinds(
  hp: HaproxyConfig,
  map: AddressMap,
  skip: Map<string, string>,
  bound: Set<string>,
): HaproxyLabPlan["binds"] {
  const proxies = new Map<string, Proxy>(hp.proxies.map((p) => [p.name, p]));
  const binds: HaproxyLabPlan["binds"] = [];
  for (const p of hp.proxies) {
    if (skip.has(p.name) || p.disabled) continue;
    const backend =
      p.kind === "listen" && p.servers.length
        ? p.name
        : p.defaultBackend && !p.defaultBackend.dynamic
          ? p.defaultBackend.name
          : undefined;
    for (const b of p.binds) {
      for (const a of b.addresses) {
        if (a.family !== 4 || !a.port || !/^\d+$/.test(a.port)) continue;
        const address = a.wildcard ? "" : (map.lab(a.host) ?? a.host).replace(/\/\d+$/, "");
        if (address) bound.add(address);
        binds.push({
          proxy: p.name,
          address,
          port: Number(a.port),
          mode: p.mode === "http" ? "http" : "tcp",
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
  const hp = node.haproxy;
  if (!hp) return undefined;
  const notes: string[] = [];
  const skip = skippedProxies(hp);
  const skipped = [...skip].map(([proxy, why]) => ({ proxy, why }));
  const out = renderLabConfig(node, hp, map, skip, notes);
  for (const s of skipped) notes.push(`haproxy: proxy ${s.proxy} skipped: ${s.why}`);
  const servers = labServers(hp, map, skip);
  const bound = new Set<string>();
  const binds = labBinds(hp, map, skip, bound);
  void vipsOf;
  return { config: out.join("\n") + "\n", skipped, notes, servers, binds, boundAddresses: [...bound] };
}

/** `frontend@vip:port` targets the client probes: binds that reach a backend with servers, on the cluster's VIPs. */
export function targetsOf(plans: HaproxyLabPlan[], vips: string[]): LabTarget[] {
  const out = new Map<string, LabTarget>();
  for (const plan of plans) {
    for (const b of plan.binds) {
      if (!b.backend) continue;
      for (const v of b.address === "" ? vips : vips.includes(b.address) ? [b.address] : []) {
        const id = `${b.proxy}@${v}:${b.port}`;
        if (!out.has(id))
          out.set(id, { id, proxy: b.proxy, mode: b.mode, address: v, port: b.port, backend: b.backend });
      }
    }
  }
  return [...out.values()];
}

export type { HpSection };
