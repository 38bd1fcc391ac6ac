/**
 * Semantic tokens from the syntax trees: keywords, section and block names (declarations), references to them,
 * addresses, numbers, and secrets (passwords, auth strings) with their own type so editors can dim them.
 */
import type { HaproxyDocument, HpLine, HpWord } from "../syntax/haproxy/index.js";
import { walkStatements, type KaWord, type KeepalivedDocument } from "../syntax/keepalived/index.js";
import type { Range } from "../syntax/source.js";

/** The legend, in the order the encoded token types and modifiers refer to. */
export const TOKEN_TYPES = ["keyword", "namespace", "variable", "number", "string", "secret"] as const;
export const TOKEN_MODIFIERS = ["declaration", "deprecated"] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export interface SemanticToken {
  range: Range;
  type: TokenType;
  modifiers?: TokenModifier[];
}

const ADDRESS = /^(\[?[0-9a-fA-F:.]+\]?|\*)?(:[0-9${}A-Za-z_-]+)?(\/\d+)?$/;
const NUMBER = /^-?\d+(\.\d+)?(us|ms|s|m|h|d|k|m|g)?$/i;

function valueType(word: { value: string }): TokenType | undefined {
  if (NUMBER.test(word.value)) return "number";
  if (/\d/.test(word.value) && /[.:]/.test(word.value) && ADDRESS.test(word.value)) return "number";
  return undefined;
}

/** HAProxy references: the word after these keywords names a section. */
const HAPROXY_REFERENCES = new Set(["default_backend", "use_backend", "use-server", "http_auth", "track"]);

function haproxyLine(line: HpLine, header: boolean, out: SemanticToken[]): void {
  out.push({ range: line.keyword.range, type: "keyword" });
  const words: HpWord[] = line.args;
  const keyword = line.keyword.value;
  words.forEach((word, i) => {
    const before = i === 0 ? keyword : words[i - 1].value;
    if (header && i === 0) out.push({ range: word.range, type: "namespace", modifiers: ["declaration"] });
    else if (header && before === "from") out.push({ range: word.range, type: "namespace" });
    else if (i === 0 && HAPROXY_REFERENCES.has(keyword)) out.push({ range: word.range, type: "namespace" });
    else if ((keyword === "stats" && before === "auth") || /password$/.test(before))
      out.push({ range: word.range, type: "secret" });
    else if (keyword === "acl" && i === 0)
      out.push({ range: word.range, type: "variable", modifiers: ["declaration"] });
    else if (word.quoted) out.push({ range: word.range, type: "string" });
    else {
      const type = valueType(word);
      if (type) out.push({ range: word.range, type });
    }
  });
}

export function haproxyTokens(doc: HaproxyDocument): SemanticToken[] {
  const out: SemanticToken[] = [];
  for (const section of doc.sections) {
    haproxyLine(section.header, true, out);
    for (const line of section.lines) haproxyLine(line, false, out);
  }
  return out;
}

/** keepalived blocks whose first argument is a name other blocks refer to. */
const KEEPALIVED_DECLARATIONS = new Set([
  "vrrp_instance",
  "vrrp_script",
  "vrrp_sync_group",
  "vrrp_track_process",
  "vrrp_track_file",
  "track_group",
]);
const KEEPALIVED_SECRETS = new Set(["auth_pass"]);
const KEEPALIVED_LISTS = new Set(["track_script", "track_process", "track_file", "group"]);

export function keepalivedTokens(doc: KeepalivedDocument, file: string): SemanticToken[] {
  const out: SemanticToken[] = [];
  const push = (word: KaWord, type: TokenType, modifiers?: TokenModifier[]): void => {
    if (word.file === file && word.range.start.line === word.range.end.line)
      out.push({ range: word.range, type, ...(modifiers ? { modifiers } : {}) });
  };
  for (const { statement, parents } of walkStatements(doc.statements)) {
    const parent = parents[parents.length - 1]?.keyword.value;
    const keyword = statement.keyword.value;
    if (parent && KEEPALIVED_LISTS.has(parent)) push(statement.keyword, "namespace");
    else if (valueType(statement.keyword) === "number") push(statement.keyword, "number");
    else push(statement.keyword, "keyword");
    statement.args.forEach((word, i) => {
      if (i === 0 && KEEPALIVED_DECLARATIONS.has(keyword)) push(word, "namespace", ["declaration"]);
      else if (KEEPALIVED_SECRETS.has(keyword)) push(word, "secret");
      else if (word.quoted) push(word, "string");
      else {
        const type = valueType(word);
        if (type) push(word, type);
      }
    });
  }
  return out;
}

/** LSP's relative encoding: for each token, line delta, start delta, length, type index, modifier bits. */
export function encodeTokens(tokens: readonly SemanticToken[]): number[] {
  const sorted = [...tokens].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const token of sorted) {
    const { start, end } = token.range;
    if (start.line !== end.line || end.character <= start.character) continue;
    const deltaLine = start.line - line;
    const deltaStart = deltaLine === 0 ? start.character - character : start.character;
    if (deltaLine === 0 && deltaStart < 0) continue;
    const bits = (token.modifiers ?? []).reduce((b, m) => b | (1 << TOKEN_MODIFIERS.indexOf(m)), 0);
    data.push(deltaLine, deltaStart, end.character - start.character, TOKEN_TYPES.indexOf(token.type), bits);
    line = start.line;
    character = start.character;
  }
  return data;
}
