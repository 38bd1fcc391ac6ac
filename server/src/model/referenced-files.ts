/**
 * Files a configuration names and the node must have: certificates, CA/CRL files, crt-lists, keys, errorfiles, Lua
 * files, maps and ACL pattern files (HAProxy); check and notify scripts and includes (keepalived). Read from the
 * syntax trees and the model, never from disk: the shells decide where a written path lives on a node.
 */
import { posix as path } from "node:path";
import type { FileFact } from "../syntax/keepalived/line-reader.js";
import type { KeepalivedConfig, Node, ReferencedFile, ScriptCommand } from "./types.js";
import type { HaproxyDocument, HpLine, HpWord } from "../syntax/haproxy/tree.js";
import type { Location, Range } from "../syntax/source.js";

export type FileReferenceKind =
  | "certificate"
  | "ca"
  | "crl"
  | "crt-list"
  | "dh-param"
  | "errorfile"
  | "lua"
  | "map"
  | "acl-patterns"
  | "data"
  | "script"
  | "include";

export interface FileReference {
  kind: FileReferenceKind;
  /** The path as the configuration gives it (a keepalived include may be a glob). */
  written: string;
  /** The keyword or option that names it (`crt`, `errorfile`, `map_str`, `notify_master`, ...). */
  keyword: string;
  location: Location;
  /** Keys and certificates: never read beyond their existence and a digest. */
  secret: boolean;
}

/** Options of bind and server lines (and crt-store entries) whose next word is a file. */
const OPTION_FILES: Record<string, FileReferenceKind> = {
  crt: "certificate",
  key: "certificate",
  "ca-file": "ca",
  "ca-verify-file": "ca",
  "ca-sign-file": "ca",
  "crl-file": "crl",
  "crt-list": "crt-list",
};

/** Keywords whose argument at an index is a file. */
const KEYWORD_FILES: Record<string, { index: number; kind: FileReferenceKind }> = {
  errorfile: { index: 1, kind: "errorfile" },
  "lua-load": { index: 0, kind: "lua" },
  "lua-load-per-thread": { index: 0, kind: "lua" },
  "ssl-dh-param-file": { index: 0, kind: "dh-param" },
  "h1-case-adjust-file": { index: 0, kind: "data" },
  "51degrees-data-file": { index: 0, kind: "data" },
  "wurfl-data-file": { index: 0, kind: "data" },
  "deviceatlas-json-file": { index: 0, kind: "data" },
};

/** Converters and actions whose first argument (in parentheses) is a map or ACL file. */
const FUNCTION_FILE = /\b(map(?:_[a-z]+)*|set-map|del-map|add-acl|del-acl)\(([^,)]+)/g;

const SECRET_KINDS = new Set<FileReferenceKind>(["certificate", "crt-list"]);

function reference(
  kind: FileReferenceKind,
  keyword: string,
  written: string,
  file: string,
  range: Range,
): FileReference {
  return { kind, keyword, written, location: { file, range }, secret: SECRET_KINDS.has(kind) };
}

/** The range of `part` inside a word written as is (no quotes or escapes); the whole word otherwise. */
function rangeWithin(word: HpWord, offset: number, length: number): Range {
  if (word.text !== word.value || word.range.start.line !== word.range.end.line) return word.range;
  const start = { line: word.range.start.line, character: word.range.start.character + offset };
  return { start, end: { line: start.line, character: start.character + length } };
}

function lineReferences(line: HpLine, file: string): FileReference[] {
  const out: FileReference[] = [];
  const keyword = line.keyword.value;
  const fixed = KEYWORD_FILES[keyword];
  const target = fixed ? line.args[fixed.index] : undefined;
  if (fixed && target?.value) out.push(reference(fixed.kind, keyword, target.value, file, target.range));
  line.args.forEach((word, i) => {
    const next = line.args[i + 1];
    const kind = OPTION_FILES[word.value];
    if (kind && next?.value && (keyword === "bind" || keyword === "server" || keyword === "default-server"))
      out.push(reference(kind, word.value, next.value, file, next.range));
    if (
      word.value === "-f" &&
      next?.value &&
      (keyword === "acl" || /^(http|tcp)-/.test(keyword) || keyword === "use_backend")
    )
      out.push(reference("acl-patterns", "-f", next.value, file, next.range));
    for (const found of word.value.matchAll(FUNCTION_FILE)) {
      const path = found[2].trim();
      const offset = (found.index ?? 0) + found[0].length - found[2].length;
      const kind: FileReferenceKind = found[1].includes("acl") ? "acl-patterns" : "map";
      out.push(reference(kind, found[1], path, file, rangeWithin(word, offset, found[2].length)));
    }
  });
  return out;
}

/** Every file a haproxy.cfg names, in source order. */
export function haproxyFileReferences(doc: HaproxyDocument): FileReference[] {
  const out: FileReference[] = [];
  for (const section of doc.sections) for (const line of section.lines) out.push(...lineReferences(line, doc.file));
  return out;
}

function scriptReference(keyword: string, command: ScriptCommand | undefined): FileReference[] {
  const program = command?.args[0];
  if (!command || !program || !program.includes("/")) return [];
  const location = command.word?.location ?? command.location;
  return [reference("script", keyword, program, location.file, location.range)];
}

/** Every file a keepalived configuration names: check and notify scripts (by path) and includes. */
export function keepalivedFileReferences(config: KeepalivedConfig): FileReference[] {
  const out: FileReference[] = [];
  for (const include of config.document.includes)
    out.push(reference("include", "include", include.pattern, include.location.file, include.location.range));
  for (const script of config.scripts.values()) out.push(...scriptReference("script", script.command));
  for (const instance of config.instances)
    for (const notify of instance.notify) out.push(...scriptReference(notify.kind, notify.command));
  for (const group of config.syncGroups)
    for (const notify of group.notify) out.push(...scriptReference(notify.kind, notify.command));
  return out;
}

/**
 * The files a node's configurations reference, looked up in the node's tree (`root` holds etc/): absolute paths
 * without variables or wildcards, and only under a top folder the tree has (a tree of etc/ alone says nothing about
 * /usr/bin/killall). Includes are left to the keepalived reader.
 */
export function nodeReferencedFiles(
  node: Pick<Node, "haproxy" | "keepalived">,
  root: string,
  fileFact: (file: string) => FileFact | undefined,
): ReferencedFile[] {
  const references = [
    ...(node.haproxy?.documents.flatMap(haproxyFileReferences) ?? []),
    ...(node.keepalived ? keepalivedFileReferences(node.keepalived) : []),
  ];
  const out: ReferencedFile[] = [];
  const seen = new Set<string>();
  for (const reference of references) {
    const written = reference.written;
    if (reference.kind === "include" || !path.isAbsolute(written) || /[$*?[\]{}%]/.test(written)) continue;
    const top = written.split("/").find((part) => part !== "");
    if (!top || fileFact(path.join(root, top))?.kind !== "directory") continue;
    const key = `${reference.kind}\u0000${written}\u0000${reference.location.file}:${reference.location.range.start.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const file = path.join(root, written);
    const fact = fileFact(file);
    out.push({ reference, path: file, ...(fact ? { fact } : {}) });
  }
  return out;
}
