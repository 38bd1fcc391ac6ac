/**
 * The rule framework: every rule is one file exporting a `Rule` with its code, readable name, default severity,
 * documentation, check function and a table of valid and invalid cases (its tests).
 */
import type { Finding, FindingTag, Fix, MessageDataValues, RelatedLocation, Severity } from "./finding.js";
import type { Range } from "../syntax/source.js";
import type { AnalysisInput, AnalysisSettings } from "./context.js";
import type { ConfigFileCluster } from "../config/config-schema.js";

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
  /** Message ids of a rule the real tool reports that the tool itself does not print (ha-lint's additions). */
  unreported?: string[];
  /** For rules whose severity varies: when each applies. */
  severityNote?: string;
  /** Target versions the rule assumes, for version-dependent rules. */
  versions?: string;
}

/**
 * A finding a case expects: its 1-based line, optional 1-based column, file and severity, and its message id (never
 * the wording: tests assert ids).
 */
export interface CaseExpectation<Id extends string = string> {
  line: number;
  column?: number;
  file?: string;
  severity?: Severity;
  messageId: Id;
}

/** One case of a rule's test table: files (path -> text) and, for invalid cases, the findings expected. */
export interface RuleCase<Id extends string = string> {
  name: string;
  files: Record<string, string>;
  /** Settings for this case (versions ...). */
  settings?: Partial<AnalysisSettings>;
  /** Expected findings of this rule: 1-based line, message id, optional column, severity and file. */
  expect?: CaseExpectation<Id>[];
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
  /** Files of the case that are executable (keepalived skips them as includes). */
  executable?: string[];
  /** Files of the case that cannot be read. */
  unreadable?: string[];
  /** Clusters as .ha-lint.yaml gives them (paths relative to the case's files): templates, vars, file lists. */
  manifest?: { clusters: ConfigFileCluster[] };
}

/**
 * A rule's messages, keyed by id: each one is a function of its typed placeholders (no argument when it has none),
 * as typescript-eslint's `messages`. Tests assert the id, never the wording.
 */
// `any` here is what lets every rule's own templates stand in the registry's `Rule` (its data types stay checked
// where the rule reports).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MessageTemplates = Record<string, (data: any) => string>;

/** The placeholders of one message: `undefined` when the template takes none. */
export type MessageData<F> = F extends () => string ? undefined : F extends (data: infer D) => string ? D : never;

declare const messageTable: unique symbol;

/** Type-only: the message table a rule was defined with, for its case table's ids. */
export interface WithMessages<M> {
  readonly [messageTable]?: M;
}

/** The ids of a rule's messages. */
export type MessageIdOf<R> = R extends WithMessages<infer M> ? keyof M & string : string;

interface ReportPlace {
  file: string;
  range: Range;
  severity?: Severity;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** Faded (unnecessary) or struck through (deprecated) in editors. */
  tags?: FindingTag[];
}

/** A report by message id: `data` is required exactly when the message has placeholders. */
export type ReportOf<M extends MessageTemplates> = {
  [K in keyof M & string]: ReportPlace & { messageId: K } & (MessageData<M[K]> extends undefined
      ? { data?: undefined }
      : { data: MessageData<M[K]> });
}[keyof M & string];

export type Report = ReportPlace & { messageId: string; data?: unknown };

export interface RuleContext<M extends MessageTemplates = MessageTemplates> extends AnalysisInput {
  report(report: ReportOf<M>): void;
}

/** A rule's table of valid and invalid cases; it lives in `<rule>.cases.ts` beside the rule (never bundled). */
export interface CaseTable<Id extends string = string> {
  valid: RuleCase<Id>[];
  invalid: RuleCase<Id>[];
}

export interface Rule<M extends MessageTemplates = MessageTemplates> {
  id: string;
  name: string;
  severity: Severity;
  scope: RuleScope;
  /**
   * For a single-file rule that also reads the node's other file when there is one: what it takes from it. Such a
   * rule's findings on a file can differ between the file analysed alone and inside its cluster (the fuzzer's
   * alone-against-cluster property leaves these rules out, and the docs page says it).
   */
  nodeContext?: string;
  docs: RuleDocs;
  /** The messages by id; every report names one. */
  messages: M;
  check(ctx: RuleContext<M>): void;
}

/**
 * A rule, checked against its own messages; what it returns fits the registry's `Rule` and still carries the message
 * ids for its case table (`defineCases<typeof rule>`).
 */
export function defineRule<const M extends MessageTemplates>(rule: Rule<M>): Rule & WithMessages<M> {
  return rule as unknown as Rule & WithMessages<M>;
}

/** A rule's case table, typed by the rule's message ids: `export default defineCases<typeof rule>({...})`. */
export function defineCases<R>(table: CaseTable<MessageIdOf<R>>): CaseTable<MessageIdOf<R>> {
  return table;
}

/** The text of a report: its message template filled in with its data. */
export function reportMessage(rule: Pick<Rule, "id" | "messages">, report: Report): string {
  const template = rule.messages[report.messageId] as ((data: unknown) => string) | undefined;
  if (!template) throw new Error(`rule ${rule.id} has no message '${report.messageId}'`);
  return template(report.data);
}

/**
 * The placeholder values of a report, as its finding carries them. Every rule's data is a flat object of strings,
 * numbers and booleans (test/rules.test.ts checks it on every case), so the cast only names that.
 */
export function reportData(report: Report): MessageDataValues | undefined {
  return report.data === undefined ? undefined : (report.data as MessageDataValues);
}

export type { Finding };
