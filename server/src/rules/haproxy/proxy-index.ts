/**
 * The HAProxy models the single-file rules read: every analysed haproxy.cfg once (a file shared by several nodes is
 * one model), with lookups of proxies by name as HAProxy resolves them.
 */
import type { HaproxyConfig, Proxy, Server } from "../../model/types.js";
import type { HpLine } from "../../syntax/haproxy/tree.js";
import type { Location } from "../../syntax/source.js";
import type { Fix } from "../finding.js";
import type { AnalysisInput } from "../context.js";

/** Each haproxy.cfg model of the analysis, once. */
export function haproxyConfigs(ctx: AnalysisInput): HaproxyConfig[] {
  const seen = new Map<string, HaproxyConfig>();
  for (const cluster of ctx.clusters) {
    for (const node of cluster.nodes) {
      const hp = node.haproxy;
      const key = hp?.documents.map((d) => d.file).join("\u0000");
      if (hp && key !== undefined && !seen.has(key)) seen.set(key, hp);
    }
  }
  return [...seen.values()];
}

/** Backends by name, built once per model: a lookup per reference was a scan of every proxy (quadratic in the file). */
const backendIndex = new WeakMap<HaproxyConfig, Map<string, Proxy>>();

/** Proxies that can receive traffic as a backend (`backend` and `listen`), first one of a name wins. */
export function backendNamed(config: HaproxyConfig, name: string): Proxy | undefined {
  let index = backendIndex.get(config);
  if (!index) {
    index = new Map();
    for (const p of config.proxies)
      if ((p.kind === "backend" || p.kind === "listen") && !index.has(p.name)) index.set(p.name, p);
    backendIndex.set(config, index);
  }
  return index.get(name);
}

export function backendNames(config: HaproxyConfig): string[] {
  return config.proxies.filter((p) => p.kind === "backend" || p.kind === "listen").map((p) => p.name);
}

/**
 * The file a line of a proxy, or of the defaults it inherits from, is written in (a node's HAProxy configuration may
 * span several files); the proxy's own file when the line is none of theirs.
 */
export function fileOfLine(p: Proxy, line: HpLine): string {
  for (let at: Proxy | undefined = p; at; at = at.defaults) if (at.lines.includes(line)) return at.sectionLocation.file;
  return p.sectionLocation.file;
}

const baseName = (file: string): string => file.slice(file.lastIndexOf("/") + 1);

/** 1-based line of a location, for messages. */
export function lineOf(location: Location): number {
  return location.range.start.line + 1;
}

/** `frontend 'web'` / `backend 'app'` / `listen 'stats'`. */
export function describeProxy(p: Proxy): string {
  return `${p.kind} '${p.name}'`;
}

/**
 * Where a setting of the proxy comes from: "" when it is written in the proxy, else " (inherited from defaults at line
 * N)".
 */
export function inheritedNote(p: Proxy, location: Location | undefined): string {
  if (!location) return "";
  const own = p.sectionLocation.range;
  const l = location.range.start.line;
  if (location.file === p.sectionLocation.file && l >= own.start.line && l <= own.end.line) return "";
  // In another file HAProxy loaded before (`-f a.cfg -f conf.d/`): name the file too.
  const where = location.file === p.sectionLocation.file ? `line ${l + 1}` : `${baseName(location.file)}:${l + 1}`;
  return ` (inherited from defaults${p.defaults?.name ? ` '${p.defaults.name}'` : ""} at ${where})`;
}

/** The location lies inside the proxy's own section. */
export function ownedBy(p: Proxy, location: Location | undefined): boolean {
  return location !== undefined && inheritedNote(p, location) === "";
}

/** A proxy HAProxy starts (not `disabled`). */
export function isActive(p: Proxy): boolean {
  return p.disabled === undefined;
}

/** Fix that appends words at the end of a server line (before any comment). */
export function appendToServerLine(server: Server, text: string, description: string, safe: boolean): Fix {
  const end = server.location.range.end;
  return {
    description,
    safe,
    edits: [{ file: server.location.file, range: { start: end, end }, newText: ` ${text}` }],
  };
}

/** A timeout value that HAProxy treats as unset ("0", "0s", "0ms"). */
export function isZeroTime(value: string): boolean {
  return /^0+(\.0*)?(us|ms|s|m|h|d)?$/.test(value);
}
