/** What stands at a position of a file: the section or block, the line or statement, the word. */
import type { AnalysisResult } from "../analyze.js";
import { comparePositions, type Position, type Range } from "../syntax/source.js";
import type { HaproxyDocument, HpLine, HpSection, HpWord } from "../syntax/haproxy/index.js";
import { walkStatements, type KaStatement, type KaWord, type KeepalivedDocument } from "../syntax/keepalived/index.js";

export function contains(range: Range, pos: Position): boolean {
  return comparePositions(range.start, pos) <= 0 && comparePositions(pos, range.end) <= 0;
}

export interface HaproxyAt {
  language: "haproxy";
  doc: HaproxyDocument;
  section?: HpSection;
  line?: HpLine;
  /** The word under the cursor and its index on the line (0 = the keyword). */
  word?: HpWord;
  index?: number;
}

export interface KeepalivedAt {
  language: "keepalived";
  doc: KeepalivedDocument;
  statement?: KaStatement;
  /** Enclosing statements (blocks) of the statement, outermost first. */
  parents: readonly KaStatement[];
  word?: KaWord;
  index?: number;
}

export type At = HaproxyAt | KeepalivedAt;

export function haproxyDocOf(result: AnalysisResult, file: string): HaproxyDocument | undefined {
  return result.input.haproxy.find((d) => d.file === file);
}

export function keepalivedDocOf(result: AnalysisResult, file: string): KeepalivedDocument | undefined {
  return (
    result.input.keepalived.find((d) => d.file === file) ?? result.input.keepalived.find((d) => d.files.includes(file))
  );
}

export function haproxyAt(doc: HaproxyDocument, pos: Position): HaproxyAt {
  const out: HaproxyAt = { language: "haproxy", doc };
  for (const s of doc.sections) {
    if (s.header.range.start.line <= pos.line) out.section = s;
  }
  const lines = out.section ? [out.section.header, ...out.section.lines] : doc.outside;
  for (const l of lines) {
    if (l.range.start.line !== pos.line) continue;
    out.line = l;
    const words = [l.keyword, ...l.args];
    const i = words.findIndex((w) => contains(w.range, pos));
    if (i >= 0) {
      out.word = words[i];
      out.index = i;
    }
  }
  return out;
}

export function keepalivedAt(doc: KeepalivedDocument, file: string, pos: Position): KeepalivedAt {
  const out: KeepalivedAt = { language: "keepalived", doc, parents: [] };
  for (const { statement, parents } of walkStatements(doc.statements)) {
    if (statement.file !== file) continue;
    const end = statement.block?.close?.file === file ? statement.block.close.range.end : statement.range.end;
    const range = {
      start: statement.range.start,
      end: statement.block && !statement.block.close ? { line: Number.MAX_SAFE_INTEGER, character: 0 } : end,
    };
    if (!contains(range, pos)) continue;
    out.statement = statement;
    out.parents = parents;
    const words = [statement.keyword, ...statement.args];
    const i = words.findIndex((w) => w.file === file && contains(w.range, pos));
    if (i >= 0) {
      out.word = words[i];
      out.index = i;
    } else {
      delete out.word;
      delete out.index;
    }
  }
  // On a line inside a block, after the statement: the statement is the block, no word.
  return out;
}

/** The schema block id of the statements inside `parents` ("root", "vrrp_instance", "vrrp_instance/track_script"). */
export function blockIdOf(parents: readonly KaStatement[]): string {
  return parents.length === 0 ? "root" : parents.map((p) => p.keyword.value).join("/");
}

/** Statements (with their parents) whose block contains the position: the innermost block the cursor is in. */
export function keepalivedBlockAt(doc: KeepalivedDocument, file: string, pos: Position): readonly KaStatement[] {
  let best: readonly KaStatement[] = [];
  for (const { statement, parents } of walkStatements(doc.statements)) {
    const b = statement.block;
    if (!b || b.open.file !== file) continue;
    const after = comparePositions(b.open.range.end, pos) <= 0;
    const before = !b.close || b.close.file !== file || comparePositions(pos, b.close.range.start) <= 0;
    if (after && before && parents.length + 1 > best.length) best = [...parents, statement];
  }
  return best;
}
