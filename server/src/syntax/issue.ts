import type { Range } from "./source.js";

/** Problems found while reading text into a syntax tree. Rules turn them into findings with their own codes. */
export type SyntaxIssueKind =
  /** keepalived: a `}` with no open block, or a block left open at the end of the file. */
  | "unbalanced-brace"
  /** keepalived: a trailing `\` on a line that is not part of a `$NAME=` definition. */
  | "trailing-backslash"
  /** keepalived: `include` whose glob matches no file. */
  | "include-no-match"
  /** keepalived: an included file is executable or not a regular file, so keepalived skips it. */
  | "include-skipped"
  /** keepalived: an include that would read a file already being read. */
  | "include-cycle"
  /** keepalived: includes nested deeper or more numerous than the reader's limits. */
  | "include-limit"
  /** Anything else that breaks the lexical structure (unterminated quotes, bad escapes, bad `~SEQ`, lines outside a section). */
  | "syntax-error";

export interface SyntaxIssue {
  kind: SyntaxIssueKind;
  message: string;
  file: string;
  range: Range;
  /** The severity the reader suggests; rules may override. */
  severity: "error" | "warning";
}
