/**
 * Named things and where they are used: HAProxy proxies (frontend/backend/listen/defaults), userlists and ACLs;
 * keepalived vrrp_scripts, vrrp_instances (sync group members), sync groups, track processes and track files.
 * HAProxy names live in one file; keepalived names live in one configuration (the root file and its includes).
 */
import type { AnalysisResult } from "../analyze.js";
import type { Location, Position, Range } from "../syntax/source.js";
import type { HaproxyDocument, HpWord } from "../syntax/haproxy/index.js";
import { walkStatements, type KaWord, type KeepalivedDocument } from "../syntax/keepalived/index.js";
import { contains } from "./locate.js";

export type NameKind =
  | "frontend"
  | "backend"
  | "listen"
  | "defaults"
  | "userlist"
  | "acl"
  | "vrrp_script"
  | "vrrp_instance"
  | "vrrp_sync_group"
  | "vrrp_track_process"
  | "vrrp_track_file";

export interface Occurrence extends Location {
  /** The name can be rewritten in place (written plainly, not produced by a `$NAME` expansion). */
  editable: boolean;
}

export interface NamedThing {
  kind: NameKind;
  name: string;
  /** File (HAProxy) or root file (keepalived) or section (ACL) the name is unique in. */
  scope: string;
  definitions: Occurrence[];
  references: Occurrence[];
}

/** Namespaces: use_backend names a backend or a listen; frontend names are their own. */
function namespace(kind: NameKind): string {
  return kind === "listen" ? "backend" : kind;
}

export class NameIndex {
  private readonly things = new Map<string, NamedThing>();

  private get(kind: NameKind, scope: string, name: string): NamedThing {
    const key = `${namespace(kind)}\u0000${scope}\u0000${name}`;
    let thing = this.things.get(key);
    if (!thing) {
      thing = { kind, name, scope, definitions: [], references: [] };
      this.things.set(key, thing);
    }
    return thing;
  }

  define(kind: NameKind, scope: string, name: string, place: Occurrence): void {
    const thing = this.get(kind, scope, name);
    thing.kind = kind;
    thing.definitions.push(place);
  }

  refer(kind: NameKind, scope: string, name: string, place: Occurrence): void {
    this.get(kind, scope, name).references.push(place);
  }

  /** The thing of this kind and name in a scope, if the scope defines or uses it. */
  find(kind: NameKind, scope: string, name: string): NamedThing | undefined {
    return this.things.get(`${namespace(kind)}\u0000${scope}\u0000${name}`);
  }

  all(): NamedThing[] {
    return [...this.things.values()];
  }

  /** The named thing whose definition or reference is at the position. */
  at(file: string, pos: Position): NamedThing | undefined {
    for (const thing of this.things.values()) {
      for (const occurrence of [...thing.definitions, ...thing.references])
        if (occurrence.file === file && contains(occurrence.range, pos)) return thing;
    }
    return undefined;
  }

  occurrenceAt(file: string, pos: Position): Occurrence | undefined {
    for (const thing of this.things.values()) {
      for (const occurrence of [...thing.definitions, ...thing.references])
        if (occurrence.file === file && contains(occurrence.range, pos)) return occurrence;
    }
    return undefined;
  }
}

/**
 * The range of `name` inside a word written plainly or in double quotes; undefined when it is not written literally.
 */
function nameRange(
  text: string,
  value: string,
  range: Range,
  name: string,
  offsetInValue = 0,
): { range: Range; editable: boolean } {
  if (range.start.line !== range.end.line) return { range, editable: false };
  let inner = -1;
  if (text === value) inner = 0;
  else if (text === `"${value}"` || text === `'${value}'`) inner = 1;
  if (inner < 0) return { range, editable: false };
  const start = range.start.character + inner + offsetInValue;
  return {
    range: {
      start: { line: range.start.line, character: start },
      end: { line: range.start.line, character: start + name.length },
    },
    editable: true,
  };
}

function hpOcc(file: string, word: HpWord, name = word.value, offset = 0): Occurrence {
  const nameAt = nameRange(word.text, word.value, word.range, name, offset);
  return { file, range: nameAt.range, editable: nameAt.editable && word.env.length === 0 };
}

function kaOcc(word: KaWord): Occurrence {
  const nameAt = nameRange(word.text, word.value, word.range, word.value);
  return { file: word.file, range: nameAt.range, editable: nameAt.editable && !word.expanded };
}

const PROXY_KINDS = new Set(["frontend", "backend", "listen", "defaults", "userlist"]);
const USERLIST_FETCH = /\bhttp_auth(?:_group)?\(([^,)\s]+)/g;

function indexHaproxy(index: NameIndex, doc: HaproxyDocument): void {
  const file = doc.file;
  for (const section of doc.sections) {
    if (section.name && PROXY_KINDS.has(section.kind))
      index.define(section.kind as NameKind, file, section.name.value, hpOcc(file, section.name));
    const fromAt = section.header.args.findIndex((w) => w.value === "from");
    const fromWord = fromAt >= 0 ? section.header.args[fromAt + 1] : undefined;
    if (fromWord) index.refer("defaults", file, fromWord.value, hpOcc(file, fromWord));
  }
  for (const [sectionIndex, section] of doc.sections.entries()) {
    const aclScope = `${file}#${sectionIndex}`;
    const acls = new Set<string>();
    for (const line of section.lines) {
      if (line.keyword.value === "acl" && line.args[0]) {
        acls.add(line.args[0].value);
        index.define("acl", aclScope, line.args[0].value, hpOcc(file, line.args[0]));
      }
    }
    for (const line of section.lines) {
      const keywordName = line.keyword.value;
      if (
        (keywordName === "default_backend" || keywordName === "use_backend") &&
        line.args[0] &&
        !line.args[0].value.includes("%[")
      ) {
        index.refer("backend", file, line.args[0].value, hpOcc(file, line.args[0]));
      }
      const words = [line.keyword, ...line.args];
      for (const word of words) {
        for (const match of word.value.matchAll(USERLIST_FETCH)) {
          index.refer(
            "userlist",
            file,
            match[1],
            hpOcc(file, word, match[1], (match.index ?? 0) + match[0].length - match[1].length),
          );
        }
      }
      const cond = words.findIndex((w, i) => i > 0 && (w.value === "if" || w.value === "unless"));
      if (cond < 0) continue;
      for (const word of words.slice(cond + 1)) {
        const neg = word.value.startsWith("!") ? 1 : 0;
        const name = word.value.slice(neg);
        if (acls.has(name)) index.refer("acl", aclScope, name, hpOcc(file, word, name, neg));
      }
    }
  }
}

const KA_DEFS: Record<string, NameKind> = {
  vrrp_script: "vrrp_script",
  vrrp_instance: "vrrp_instance",
  vrrp_sync_group: "vrrp_sync_group",
  vrrp_track_process: "vrrp_track_process",
  vrrp_track_file: "vrrp_track_file",
};
const KA_REF_BLOCKS: Record<string, NameKind> = {
  track_script: "vrrp_script",
  track_process: "vrrp_track_process",
  track_file: "vrrp_track_file",
  group: "vrrp_instance",
};

function indexKeepalived(index: NameIndex, doc: KeepalivedDocument): void {
  const scope = doc.file;
  for (const { statement, parents } of walkStatements(doc.statements)) {
    const keywordName = statement.keyword.value;
    if (parents.length === 0 && KA_DEFS[keywordName] && statement.args[0]) {
      index.define(KA_DEFS[keywordName], scope, statement.args[0].value, kaOcc(statement.args[0]));
      continue;
    }
    const parent = parents[parents.length - 1];
    if (!parent) continue;
    const refKind = KA_REF_BLOCKS[parent.keyword.value];
    if (!refKind) continue;
    if (refKind === "vrrp_instance") {
      // vrrp_sync_group X { group { VI_1 VI_2 } }: every word is a member.
      if (parents[parents.length - 2]?.keyword.value !== "vrrp_sync_group") continue;
      for (const word of [statement.keyword, ...statement.args]) index.refer(refKind, scope, word.value, kaOcc(word));
    } else {
      index.refer(refKind, scope, keywordName, kaOcc(statement.keyword));
    }
  }
}

export function buildNameIndex(result: AnalysisResult): NameIndex {
  const index = new NameIndex();
  for (const doc of result.input.haproxy) indexHaproxy(index, doc);
  const seen = new Set<string>();
  for (const doc of result.input.keepalived) {
    // The same file analysed for two config-ids: index it once.
    if (seen.has(doc.file)) continue;
    seen.add(doc.file);
    indexKeepalived(index, doc);
  }
  return index;
}
