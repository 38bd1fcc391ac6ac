/** The haproxy.cfg syntax tree: sections of keyword lines, each word with its decoded value and exact range. */
import type { SyntaxIssue } from "../issue.js";
import type { Range } from "../source.js";
import type { EnvReference } from "./words.js";

export interface HpWord {
  /** As written, quotes and escapes included. */
  text: string;
  /** As HAProxy reads it: quotes removed, escapes decoded, environment variables expanded where known. */
  value: string;
  quoted: boolean;
  /** `$NAME` / `${NAME}` references in the word (inside quotes, or outside where only addresses expand them). */
  env: EnvReference[];
  range: Range;
}

export interface HpComment {
  text: string;
  range: Range;
}

export interface HpLine {
  keyword: HpWord;
  args: HpWord[];
  /** From the first to the last word. */
  range: Range;
  /** A comment at the end of the line. */
  comment?: HpComment;
}

export interface HpSection {
  /** The section keyword (`global`, `defaults`, `frontend`, ...). */
  kind: string;
  header: HpLine;
  /** The section's name (`frontend web`), when given. */
  name?: HpWord;
  /** Keyword lines of the section, in order, without the lines of untaken `.if` branches. */
  lines: HpLine[];
  /** From the header to the last line of the section. */
  range: Range;
}

export type DirectiveKind = ".if" | ".elif" | ".else" | ".endif" | ".diag" | ".notice" | ".warning" | ".alert";

export interface HpDirective {
  kind: DirectiveKind | string;
  line: HpLine;
  /** For `.if`/`.elif`: the value the condition had for the target version and build. */
  taken?: boolean;
}

export interface HaproxyDocument {
  file: string;
  sections: HpSection[];
  /** Keyword lines before the first section (HAProxy rejects them). */
  outside: HpLine[];
  directives: HpDirective[];
  comments: HpComment[];
  /** Lines skipped because their `.if` branch is not taken. */
  inactive: Range[];
  issues: SyntaxIssue[];
}

export function* allLines(doc: HaproxyDocument): Generator<{ line: HpLine; section?: HpSection }> {
  for (const line of doc.outside) yield { line };
  for (const section of doc.sections) {
    yield { line: section.header, section };
    for (const line of section.lines) yield { line, section };
  }
}
