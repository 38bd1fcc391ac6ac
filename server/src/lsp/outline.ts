/** Document symbols (outline), folding ranges and workspace symbols. */
import type { Range } from "../syntax/source.js";
import type { HaproxyDocument } from "../syntax/haproxy/index.js";
import type { KaStatement, KeepalivedDocument } from "../syntax/keepalived/index.js";
import type { NameIndex, NameKind } from "./names.js";

export type SymbolKind = "module" | "class" | "function" | "field" | "variable" | "object" | "event" | "interface";

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children: OutlineSymbol[];
}

export interface Fold {
  startLine: number;
  endLine: number;
  kind?: "comment" | "region";
}

const HP_SECTION_KIND: Record<string, SymbolKind> = {
  global: "module",
  defaults: "module",
  frontend: "interface",
  backend: "class",
  listen: "class",
  userlist: "object",
};

export function haproxySymbols(doc: HaproxyDocument): OutlineSymbol[] {
  return doc.sections.map((s) => {
    const children: OutlineSymbol[] = [];
    for (const l of s.lines) {
      const kw = l.keyword.value;
      if ((kw === "server" || kw === "acl" || kw === "bind" || kw === "user" || kw === "group") && l.args[0]) {
        children.push({
          name: l.args[0].value,
          detail: kw === "server" ? `server ${l.args[1]?.value ?? ""}`.trim() : kw,
          kind: kw === "server" ? "object" : kw === "acl" ? "variable" : kw === "bind" ? "event" : "field",
          range: l.range,
          selectionRange: l.args[0].range,
          children: [],
        });
      }
    }
    return {
      name: s.name ? s.name.value : s.kind,
      detail: s.name ? s.kind : undefined,
      kind: HP_SECTION_KIND[s.kind] ?? "module",
      range: s.range,
      selectionRange: s.name?.range ?? s.header.keyword.range,
      children,
    };
  });
}

function kaSymbol(st: KaStatement, file: string): OutlineSymbol | undefined {
  if (!st.block || st.file !== file) return undefined;
  const kw = st.keyword.value;
  const name = st.args[0]?.value;
  const kind: SymbolKind =
    kw === "vrrp_instance"
      ? "class"
      : kw === "vrrp_script"
        ? "function"
        : kw === "vrrp_sync_group"
          ? "module"
          : kw === "virtual_server" || kw === "real_server"
            ? "object"
            : "field";
  const end = st.block.close && st.block.close.file === file ? st.block.close.range.end : st.range.end;
  return {
    name: name ?? kw,
    detail: name ? kw : undefined,
    kind,
    range: { start: st.range.start, end },
    selectionRange: st.args[0]?.file === file ? st.args[0].range : st.keyword.range,
    children: st.block.statements.flatMap((c) => kaSymbol(c, file) ?? []),
  };
}

export function keepalivedSymbols(doc: KeepalivedDocument, file: string): OutlineSymbol[] {
  return doc.statements.flatMap((s) => kaSymbol(s, file) ?? []);
}

/** Comment blocks of two or more lines, from the text. */
function commentFolds(text: string): Fold[] {
  const out: Fold[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let start = -1;
  for (let i = 0; i <= lines.length; i++) {
    const isComment = i < lines.length && /^\s*[#!]/.test(lines[i]);
    if (isComment && start < 0) start = i;
    if (!isComment && start >= 0) {
      if (i - 1 > start) out.push({ startLine: start, endLine: i - 1, kind: "comment" });
      start = -1;
    }
  }
  return out;
}

export function haproxyFolds(doc: HaproxyDocument, text: string): Fold[] {
  const out: Fold[] = [];
  for (const s of doc.sections)
    if (s.range.end.line > s.range.start.line) out.push({ startLine: s.range.start.line, endLine: s.range.end.line });
  return [...out, ...commentFolds(text)];
}

export function keepalivedFolds(doc: KeepalivedDocument, file: string, text: string): Fold[] {
  const out: Fold[] = [];
  const visit = (sts: readonly KaStatement[]): void => {
    for (const st of sts) {
      if (!st.block) continue;
      const open = st.block.open;
      const close = st.block.close;
      if (open.file === file && close && close.file === file && close.range.start.line - 1 > open.range.start.line) {
        out.push({ startLine: open.range.start.line, endLine: close.range.start.line - 1 });
      }
      visit(st.block.statements);
    }
  };
  visit(doc.statements);
  return [...out, ...commentFolds(text)];
}

export interface WorkspaceSymbol {
  name: string;
  kind: SymbolKind;
  containerName: string;
  file: string;
  range: Range;
}

const NAME_SYMBOL_KIND: Record<NameKind, SymbolKind> = {
  frontend: "interface",
  backend: "class",
  listen: "class",
  defaults: "module",
  userlist: "object",
  acl: "variable",
  vrrp_script: "function",
  vrrp_instance: "class",
  vrrp_sync_group: "module",
  vrrp_track_process: "function",
  vrrp_track_file: "function",
};

export function workspaceSymbols(index: NameIndex, query: string): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const t of index.all()) {
    if (t.kind === "acl") continue;
    if (q && !t.name.toLowerCase().includes(q)) continue;
    for (const d of t.definitions)
      out.push({ name: t.name, kind: NAME_SYMBOL_KIND[t.kind], containerName: t.kind, file: d.file, range: d.range });
  }
  return out;
}
