/**
 * What the analysis produces: findings with a rule code, a severity, a message, a range and optional related places and
 * fixes.
 */
import type { Range } from "../syntax/source.js";

export type Severity = "error" | "warning" | "info";

export const severityRank: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface Fix {
  description: string;
  edits: TextEdit[];
  /** Safe fixes are applied by `--fix`; unsafe ones only with `--unsafe-fixes`. */
  safe: boolean;
}

/** How an editor may show a finding besides its severity: faded (unnecessary) or struck through (deprecated). */
export type FindingTag = "unnecessary" | "deprecated";

/** A placeholder value of a message: what `data` holds (typescript-eslint's `data`). */
export type MessageValue = string | number | boolean;

/**
 * The placeholders a message was filled with, by name: what tests and tools read instead of the text (an optional
 * placeholder may be undefined; the JSON report leaves it out).
 */
export type MessageDataValues = Readonly<Record<string, MessageValue | undefined>>;

export interface Finding {
  rule: string;
  name: string;
  severity: Severity;
  /** The id of the rule's message (absent for rules that still write their messages out). */
  messageId?: string;
  /** The placeholder values of the message (absent when it has none). */
  data?: MessageDataValues;
  /**
   * The nodes (or hosts) of the rendered texts the finding was moved from, when it stands on a template; the message
   * names them (" (rendered for lb01 and lb02)", "lb01: ...").
   */
  renderedFor?: string[];
  /** The text for users: the message filled in with `data`, and the rendered-for note. */
  message: string;
  file: string;
  range: Range;
  related?: RelatedLocation[];
  fixes?: Fix[];
  tags?: FindingTag[];
}
