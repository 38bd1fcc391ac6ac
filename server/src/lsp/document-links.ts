/**
 * Document links: keepalived includes and check/notify scripts to the node's file, HAProxy certificates, crt-lists,
 * CA files, errorfiles, Lua files, maps and ACL pattern files to the file the node's tree holds. Only files that
 * exist are linked.
 */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { haproxyFileReferences, keepalivedFileReferences, type Node } from "../model/index.js";
import type { Range } from "../syntax/source.js";
import type { WorkspaceAnalysis } from "./workspace-analysis.js";

export interface DocumentLinkEntry {
  range: Range;
  target: string;
  tooltip: string;
}

function samePlace(a: { file: string; range: Range }, b: { file: string; range: Range }): boolean {
  return (
    a.file === b.file &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character
  );
}

function nodesReading(analysis: WorkspaceAnalysis, file: string): Node[] {
  return analysis.result.input.clusters
    .flatMap((c) => c.nodes)
    .filter((n) => n.haproxy?.file === file || n.keepalived?.document.files.includes(file));
}

/** Where a path a haproxy.cfg names lives in the node's tree: under its /etc root, or beside the config. */
function haproxyCandidates(node: Node, configFile: string, written: string): string[] {
  if (!isAbsolute(written)) return [join(dirname(configFile), written)];
  const etcRoot = /^(.*)\/etc\/haproxy\/[^/]+$/.exec(configFile)?.[1];
  const out = etcRoot ? [join(etcRoot, written)] : [];
  out.push(join(node.dir, written), join(dirname(configFile), written.split("/").pop() ?? written));
  return out;
}

function haproxyLinks(analysis: WorkspaceAnalysis, file: string, node: Node): DocumentLinkEntry[] {
  const doc = analysis.result.input.haproxy.find((d) => d.file === file);
  if (!doc) return [];
  const out: DocumentLinkEntry[] = [];
  for (const ref of haproxyFileReferences(doc)) {
    const target = haproxyCandidates(node, file, ref.written).find((p) => existsSync(p));
    if (target) out.push({ range: ref.location.range, target, tooltip: `${ref.keyword}: ${target}` });
  }
  return out;
}

function keepalivedLinks(file: string, node: Node): DocumentLinkEntry[] {
  const config = node.keepalived;
  if (!config) return [];
  const out: DocumentLinkEntry[] = [];
  for (const include of config.document.includes) {
    if (include.location.file !== file || include.matched.length === 0) continue;
    const target = include.matched[0];
    const more = include.matched.length > 1 ? ` (and ${include.matched.length - 1} more)` : "";
    out.push({ range: include.location.range, target, tooltip: `include: ${target}${more}` });
  }
  const commands = [
    ...[...config.scripts.values()].map((s) => s.command),
    ...config.instances.flatMap((i) => i.notify.map((n) => n.command)),
    ...config.syncGroups.flatMap((g) => g.notify.map((n) => n.command)),
  ];
  for (const ref of keepalivedFileReferences(config)) {
    if (ref.kind !== "script" || ref.location.file !== file) continue;
    const command = commands.find((c) => c && samePlace(c.word?.location ?? c.location, ref.location));
    if (command?.filePath && existsSync(command.filePath))
      out.push({ range: ref.location.range, target: command.filePath, tooltip: `${ref.keyword}: ${command.filePath}` });
  }
  return out;
}

export function documentLinks(analysis: WorkspaceAnalysis, file: string): DocumentLinkEntry[] {
  const out: DocumentLinkEntry[] = [];
  const seen = new Set<string>();
  for (const node of nodesReading(analysis, file)) {
    const links = node.haproxy?.file === file ? haproxyLinks(analysis, file, node) : keepalivedLinks(file, node);
    for (const link of links) {
      const key = `${link.range.start.line}:${link.range.start.character}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(link);
      }
    }
  }
  return out;
}
