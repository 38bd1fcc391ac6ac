/**
 * Completion: keywords valid in the current section/block for the target version, enum values, names defined in the
 * configuration, and snippets for whole blocks.
 */
import { compareVersions } from "../syntax/haproxy/index.js";
import type { KeywordSpec } from "../schema/types.js";
import type { Position } from "../syntax/source.js";
import haproxySnippets from "./snippets/haproxy.json" with { type: "json" };
import keepalivedSnippets from "./snippets/keepalived.json" with { type: "json" };
import { haproxyDocOf, keepalivedBlockAt, keepalivedDocOf, blockIdOf, haproxyAt } from "./locate.js";
import { buildNameIndex, type NameKind } from "./names.js";
import {
  HAPROXY_PATH_KEYWORDS,
  HAPROXY_PATH_OPTIONS,
  KEEPALIVED_PATH_KEYWORDS,
  pathCompletion,
} from "./path-completion.js";
import type { WorkspaceAnalysis } from "./workspace-analysis.js";

export interface CompletionEntry {
  label: string;
  kind: "keyword" | "value" | "reference" | "snippet" | "section" | "file" | "folder";
  detail?: string;
  documentation?: string;
  /** Text to insert (a snippet when `snippet` is set); the label otherwise. */
  insertText?: string;
  snippet?: boolean;
  /** Deprecated in the target version: shown struck through. */
  deprecated?: boolean;
}

/** Whether a keyword is deprecated in the target version. */
export function deprecatedIn(spec: Pick<KeywordSpec, "deprecated">, version: string): boolean {
  return spec.deprecated !== undefined && compareVersions(version, spec.deprecated.since) >= 0;
}

function keywordDetail(spec: KeywordSpec, version: string): string {
  const shape = spec.args ? `${spec.name} ${spec.args}` : spec.name;
  if (!deprecatedIn(spec, version)) return shape;
  const instead = spec.deprecated?.replacement ? `; use ${spec.deprecated.replacement}` : "";
  return `${shape} (deprecated since ${spec.deprecated?.since}${instead})`;
}

export const HAPROXY_ENUMS: Record<string, string[]> = {
  mode: ["http", "tcp", "log"],
  balance: [
    "roundrobin",
    "static-rr",
    "leastconn",
    "first",
    "source",
    "uri",
    "url_param",
    "hdr",
    "random",
    "rdp-cookie",
    "hash",
  ],
  "hash-type": ["map-based", "consistent"],
  "http-reuse": ["never", "safe", "aggressive", "always"],
  "load-server-state-from-file": ["global", "local", "none"],
};

export const KEEPALIVED_ENUMS: Record<string, string[]> = {
  state: ["MASTER", "BACKUP"],
  auth_type: ["PASS", "AH"],
  lb_kind: ["NAT", "DR", "TUN"],
  lvs_method: ["NAT", "DR", "TUN"],
  lb_algo: ["rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf", "lblcr", "sed", "nq"],
  lvs_sched: ["rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf", "lblcr", "sed", "nq"],
  protocol: ["TCP", "UDP", "SCTP"],
  version: ["2", "3"],
  vrrp_version: ["2", "3"],
};

/** The snippets, shared with VS Code's "Insert Snippet" (the extension contributes the same files). */
const SNIPPETS: Record<string, { body: string[]; description: string }> = { ...haproxySnippets, ...keepalivedSnippets };

function snippet(name: string): CompletionEntry {
  const { body, description } = SNIPPETS[name];
  return { label: name, kind: "snippet", detail: description, insertText: body.join("\n"), snippet: true };
}

/** Words of the line before the cursor, and whether the cursor starts a new word. */
function wordsBefore(
  text: string,
  pos: Position,
): { words: string[]; indented: boolean; inComment: boolean } | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const line = (lines[pos.line] ?? "").slice(0, pos.character);
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "\\") i++;
    else if (c === '"') inQuote = !inQuote;
    else if (!inQuote && (c === "#" || c === "!") && (i === 0 || /\s/.test(line[i - 1])))
      return { words: [], indented: true, inComment: true };
  }
  const words = line.trim().length === 0 ? [] : line.trim().split(/\s+/);
  if (/\s$/.test(line) || line.length === 0) words.push("");
  return { words, indented: /^\s/.test(line), inComment: false };
}

function names(analysis: WorkspaceAnalysis, kinds: NameKind[], scope: (s: string) => boolean): CompletionEntry[] {
  const seen = new Set<string>();
  const out: CompletionEntry[] = [];
  for (const t of buildNameIndex(analysis.result).all()) {
    if (!kinds.includes(t.kind) || !scope(t.scope) || t.definitions.length === 0 || seen.has(t.name)) continue;
    seen.add(t.name);
    out.push({ label: t.name, kind: "reference", detail: t.kind });
  }
  return out;
}

const values = (list: readonly string[], detail: string): CompletionEntry[] =>
  list.map((v) => ({ label: v, kind: "value", detail }));

function haproxyCompletion(analysis: WorkspaceAnalysis, file: string, text: string, pos: Position): CompletionEntry[] {
  const doc = haproxyDocOf(analysis.result, file);
  const ctx = wordsBefore(text, pos);
  if (!ctx || ctx.inComment) return [];
  const hk = analysis.result.input.haproxyKeywords;
  const at = doc ? haproxyAt(doc, pos) : undefined;
  const section = at?.section && at.section.header.range.start.line !== pos.line ? at.section : undefined;
  const kind = section?.kind;
  const { words } = ctx;
  const index = words.length - 1;
  const backends = (): CompletionEntry[] => names(analysis, ["backend", "listen"], (s) => s === file);
  if (words[index].includes("http_auth")) return names(analysis, ["userlist"], (s) => s === file);
  if (index === 0) {
    const out: CompletionEntry[] = [];
    if (!ctx.indented || !kind) {
      for (const s of hk.sectionNames)
        out.push({ label: s, kind: "section", detail: "section", documentation: hk.sectionDescription(s) });
      out.push(snippet("backend"));
    }
    if (kind) {
      const seen = new Set<string>();
      for (const k of hk.keywordsOf(kind)) {
        if (seen.has(k.name)) continue;
        seen.add(k.name);
        out.push({
          label: k.name,
          kind: "keyword",
          detail: keywordDetail(k, hk.version),
          documentation: k.description,
          ...(deprecatedIn(k, hk.version) ? { deprecated: true } : {}),
        });
      }
    }
    return out;
  }
  const first = words[0];
  // Section header: `backend NAME from DEFAULTS`.
  if (hk.sectionNames.has(first) && !ctx.indented) {
    if (words[index - 1] === "from") return names(analysis, ["defaults"], (s) => s === file);
    return index === 2 ? [{ label: "from", kind: "keyword" }] : [];
  }
  if (!kind) return [];
  const typed = words.slice(0, index);
  // Multi-word keywords: `timeout cl|`, `option http|`.
  const prefix = typed.join(" ") + " ";
  const multi = hk.keywordsOf(kind).filter((k) => k.name.startsWith(prefix));
  if (multi.length) {
    const seen = new Set<string>();
    return multi.flatMap((k) => {
      const next = k.name.slice(prefix.length).split(" ")[0];
      if (seen.has(next)) return [];
      seen.add(next);
      return [{ label: next, kind: "keyword" as const, detail: k.name, documentation: k.description }];
    });
  }
  const cond = typed.findIndex((w, i) => i > 0 && (w === "if" || w === "unless"));
  if (cond >= 0) {
    const sectionIndex = doc && section ? doc.sections.indexOf(section) : -1;
    return names(analysis, ["acl"], (s) => s === `${file}#${sectionIndex}`);
  }
  if ((first === "default_backend" || first === "use_backend") && index === 1) return backends();
  if (HAPROXY_PATH_OPTIONS.has(words[index - 1]) || HAPROXY_PATH_KEYWORDS[first] === index)
    return pathCompletion(file, words[index]);
  if (index === 1 && HAPROXY_ENUMS[first]?.length) return values(HAPROXY_ENUMS[first], first);
  if (hk.isRuleSet(first) && index === 1)
    return hk.actionNames(first).map((a) => ({ label: a, kind: "keyword", detail: `${first} action` }));
  if (index === 2 && hk.isRuleSet(`${first} ${words[1]}`))
    return hk
      .actionNames(`${first} ${words[1]}`)
      .map((a) => ({ label: a, kind: "keyword", detail: `${first} ${words[1]} action` }));
  if ((first === "server" && index >= 3) || (first === "default-server" && index >= 1))
    return hk.optionNames("server").map((o) => ({
      label: o,
      kind: "keyword",
      detail: "server option",
      documentation: hk.serverOption(o)?.description,
    }));
  if (first === "bind" && index >= 2)
    return hk
      .optionNames("bind")
      .map((o) => ({ label: o, kind: "keyword", detail: "bind option", documentation: hk.bindOption(o)?.description }));
  return [];
}

function keepalivedCompletion(
  analysis: WorkspaceAnalysis,
  file: string,
  text: string,
  pos: Position,
): CompletionEntry[] {
  const doc = keepalivedDocOf(analysis.result, file);
  const ctx = wordsBefore(text, pos);
  if (!ctx || ctx.inComment) return [];
  const kk = analysis.result.input.keepalivedKeywords;
  const parents = doc ? keepalivedBlockAt(doc, file, pos) : [];
  const blockId = blockIdOf(parents);
  const block = kk.block(blockId);
  const parent = parents[parents.length - 1]?.keyword.value;
  const scope = (s: string): boolean => s === doc?.file;
  const { words } = ctx;
  const index = words.length - 1;
  if (index === 0) {
    if (parent === "track_script") return names(analysis, ["vrrp_script"], scope);
    if (parent === "track_process") return names(analysis, ["vrrp_track_process"], scope);
    if (parent === "track_file") return names(analysis, ["vrrp_track_file"], scope);
    if (parent === "group" && parents[parents.length - 2]?.keyword.value === "vrrp_sync_group")
      return names(analysis, ["vrrp_instance"], scope);
    if (!block || block.kind === "list") return [];
    const out: CompletionEntry[] = kk.keywordsOf(blockId).map((k) => ({
      label: k.name,
      kind: "keyword",
      detail: keywordDetail(k, kk.version),
      documentation: k.description,
      ...(deprecatedIn(k, kk.version) ? { deprecated: true } : {}),
      ...(k.block && kk.block(k.block)?.kind
        ? { insertText: `${k.name}${k.args ? " ${1}" : ""} {\n\t$0\n}`, snippet: true }
        : {}),
    }));
    if (blockId === "root") out.push(snippet("vrrp_instance"), snippet("vrrp_script"));
    return out;
  }
  const first = words[0];
  if (index === 1 && KEEPALIVED_PATH_KEYWORDS.has(first)) return pathCompletion(file, words[index]);
  if (parent === "group" && parents[parents.length - 2]?.keyword.value === "vrrp_sync_group")
    return names(analysis, ["vrrp_instance"], scope);
  if (index === 1 && KEEPALIVED_ENUMS[first]) return values(KEEPALIVED_ENUMS[first], first);
  if (index === 1 && first === "track_script") return names(analysis, ["vrrp_script"], scope);
  if (block?.kind === "list" && index >= 1)
    return block.keywords.map((k) => ({
      label: k.name,
      kind: "keyword",
      detail: k.args ? `${k.name} ${k.args}` : k.name,
      documentation: k.description,
    }));
  return [];
}

export function completionAt(
  analysis: WorkspaceAnalysis,
  file: string,
  text: string,
  pos: Position,
  language: "haproxy" | "keepalived",
): CompletionEntry[] {
  return language === "haproxy"
    ? haproxyCompletion(analysis, file, text, pos)
    : keepalivedCompletion(analysis, file, text, pos);
}
