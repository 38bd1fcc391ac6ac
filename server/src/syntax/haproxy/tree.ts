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
  /**
   * The value HAProxy's line parser gives when the variables inside double quotes that the analysis has no value for
   * are unset (they expand to nothing); only when it differs from `value`.
   */
  unsetValue?: string;
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
  /** The section's name (`frontend web`), when given (`defaults from base` has none). */
  name?: HpWord;
  /** `from NAME`: the defaults section it inherits from. */
  from?: HpWord;
  /**
   * A frontend, backend or listen line with words after the name other than `from NAME` (an address, the pre-1.5
   * syntax): HAProxy creates no proxy, and refuses every line of the section ("'listen' or 'defaults' expected").
   */
  notCreated?: boolean;
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
  /**
   * The last line ends without a line feed: HAProxy reads it, then refuses the file ("Missing LF on last line, file
   * might have been truncated at position N"). `line` is HAProxy's 1-based line number, `position` its N.
   */
  missingFinalNewline?: {
    range: Range;
    line: number;
    position: number;
    /** The line ends at a NUL byte (the range ends before it), not at the end of the file. */
    nul?: boolean;
  };
  /** HAProxy stops reading the file at this 0-based line (an aborting directive error): later lines are not read. */
  unreadAfter?: number;
  /** Environment variables the analysis was given (the values HAProxy would find at start-up). */
  env?: Readonly<Record<string, string>>;
}

export function* allLines(doc: HaproxyDocument): Generator<{ line: HpLine; section?: HpSection }> {
  for (const line of doc.outside) yield { line };
  for (const section of doc.sections) {
    yield { line: section.header, section };
    for (const line of section.lines) yield { line, section };
  }
}
