import type { Range } from "./source.js";

/** Problems found while reading text into a syntax tree. Rules turn them into findings with their own codes. */
export type SyntaxIssueKind =
  /** keepalived: a `}` with no open block, or a block left open at the end of the file. */
  | "unbalanced-brace"
  /**
   * keepalived: a brace its keyword-driven reader takes otherwise than the text suggests: a `{` after a keyword that
   * takes no block (ignored), a block keyword without `{`, a `}` at the top level, words before a list block's `{`.
   */
  | "block-structure"
  /** keepalived: a keyword without the word its handler needs; keepalived stops reading and exits (code 2). */
  | "missing-parameter"
  /** ha-lint's own reading limits (include depth, expansion size): not a keepalived problem. */
  | "reader-limit"
  /** keepalived: a trailing `\` on a line that is not part of a `$NAME=` definition. */
  | "trailing-backslash"
  /** keepalived: `include` whose glob matches no file. */
  | "include-no-match"
  /** keepalived: an included file is executable or not a regular file, so keepalived skips it. */
  | "include-skipped"
  /** keepalived: an include that would read a file already being read. */
  | "include-cycle"
  /**
   * Anything else that breaks the lexical structure (unterminated quotes, bad escapes, bad `~SEQ`, lines outside a
   * section).
   */
  | "syntax-error";

export interface SyntaxIssue {
  kind: SyntaxIssueKind;
  message: string;
  file: string;
  range: Range;
  /** The severity the reader suggests; rules may override. */
  severity: "error" | "warning";
  /** A stable name of the problem within its kind, for rules that report by message id and for the tests. */
  code: string;
  /** Facts of the problem, for the rule's message. */
  data?: Record<string, string | number>;
}
