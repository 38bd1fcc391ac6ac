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

export interface Finding {
  rule: string;
  name: string;
  severity: Severity;
  /** The id of the rule's message (absent for rules that still write their messages out). */
  messageId?: string;
  message: string;
  file: string;
  range: Range;
  related?: RelatedLocation[];
  fixes?: Fix[];
  tags?: FindingTag[];
}
