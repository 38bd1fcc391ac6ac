/**
 * The rule framework: every rule is one file exporting a `Rule` with its code, readable name, default severity,
 * documentation, check function and a table of valid and invalid cases (its tests).
 */
import type { Finding, Fix, RelatedLocation, Severity } from "./finding.js";
import type { Range } from "../syntax/source.js";
import type { AnalysisInput } from "./context.js";

export type RuleScope = "keepalived" | "haproxy" | "cluster" | "meta";

export interface RuleDocs {
  /** One line: what the rule reports. */
  summary: string;
  /** What it checks, in a paragraph. */
  description: string;
  /** Why it matters, naming the upstream behaviour. */
  why: string;
  /** Upstream sources (files, functions, documentation sections, issues). */
  sources: string[];
  /** A configuration that triggers the rule, and the corrected one. */
  bad: string;
  good: string;
  /** Whether `haproxy -c` / `keepalived -t` report the same problem, and how. */
  realTool: string;
  /**
   * Which real tool reports it (from RULES.md's Tool column): "haproxy -c" or "keepalived -t" when the checker
   * itself complains about the rule's invalid cases (a test runs it on them), "runtime" when only the running daemon
   * logs it, "none" when nothing does.
   */
  reportedBy: "haproxy -c" | "keepalived -t" | "runtime" | "none";
  /** For rules whose severity varies: when each applies. */
  severityNote?: string;
  /** Target versions the rule assumes, for version-dependent rules. */
  versions?: string;
}

/** One case of a rule's test table: files (path -> text) and, for invalid cases, the findings expected. */
export interface RuleCase {
  name: string;
  files: Record<string, string>;
  /** Settings for this case (versions ...). */
  settings?: Partial<import("./context.js").AnalysisSettings>;
  /** Expected findings of this rule: 1-based line, optional substring of the message, optional severity and file. */
  expect?: { line: number; file?: string; message?: string; severity?: Severity }[];
  /**
   * For rules the real checker reports (docs.reportedBy): a regular expression its output must match on this
   * invalid case. test/real-tools.test.ts runs `haproxy -c` / `keepalived -t` on the case to keep the claim true.
   */
  realTool?: string;
  /**
   * The files after applying this rule's fixes (unsafe ones included), for the files a fix changes: the test
   * checks the text and that the fixed findings are gone when the rule runs again.
   */
  fixed?: Record<string, string>;
  /** Other rules to run with this one in the case (for rules about other rules, such as unused suppressions). */
  withRules?: string[];
}

export interface Report {
  file: string;
  range: Range;
  message: string;
  severity?: Severity;
  related?: RelatedLocation[];
  fixes?: Fix[];
}

export interface RuleContext extends AnalysisInput {
  report(report: Report): void;
}

export interface Rule {
  id: string;
  name: string;
  severity: Severity;
  scope: RuleScope;
  docs: RuleDocs;
  check(ctx: RuleContext): void;
  cases: { valid: RuleCase[]; invalid: RuleCase[] };
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

export type { Finding };
