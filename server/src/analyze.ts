/**
 * The one entry point of the core: files in -> syntax trees -> findings.
 * Pure: the caller hands in texts and a SourceHost for includes; nothing here touches the disk or the process.
 */
import { detectLanguage, type Language } from "./language.js";
import { allRules } from "./rules/index.js";
import { defaultSettings, type AnalysisInput, type AnalysisSettings } from "./rules/context.js";
import type { Finding } from "./rules/finding.js";
import type { Report, Rule } from "./rules/rule.js";
import { haproxyKeywords } from "./schema/haproxy-keywords.js";
import { keepalivedKeywords } from "./schema/keepalived-keywords.js";
import { parseHaproxy } from "./syntax/haproxy/parse.js";
import type { HaproxyDocument } from "./syntax/haproxy/tree.js";
import { noIncludes, parseKeepalived, type SourceHost } from "./syntax/keepalived/parse.js";
import type { KeepalivedDocument } from "./syntax/keepalived/tree.js";

export interface InputFile {
  path: string;
  text: string;
  /** Forced language; detected from the name, then the content, when absent. */
  language?: Language;
  /** keepalived config-id (the node name) for `@ID` lines. */
  configId?: string;
}

export interface AnalyzeRequest {
  files: readonly InputFile[];
  host?: SourceHost;
  settings?: Partial<AnalysisSettings>;
  /** Rules to run; all of them by default. */
  rules?: readonly Rule[];
}

export interface AnalysisResult {
  input: AnalysisInput;
  findings: Finding[];
  /** Files whose language could not be told. */
  unknown: string[];
  /** Rules that failed with an exception: the report is incomplete when this is not empty. */
  internalErrors: { rule: string; message: string }[];
}

export function analyze(request: AnalyzeRequest): AnalysisResult {
  const settings: AnalysisSettings = { ...defaultSettings, ...request.settings };
  const hk = haproxyKeywords(settings.haproxyVersion);
  const kk = keepalivedKeywords(settings.keepalivedVersion);
  const keepalived: KeepalivedDocument[] = [];
  const haproxy: HaproxyDocument[] = [];
  const unknown: string[] = [];
  for (const file of request.files) {
    const language = file.language ?? detectLanguage(file.path, file.text);
    if (language === "keepalived") keepalived.push(parseKeepalived(file.path, file.text, request.host ?? noIncludes, { configId: file.configId }));
    else if (language === "haproxy")
      haproxy.push(parseHaproxy(file.path, file.text, { version: hk.version, sectionKeywords: hk.sectionNames, env: settings.env }));
    else unknown.push(file.path);
  }
  const input: AnalysisInput = { settings, keepalived, haproxy, haproxyKeywords: hk, keepalivedKeywords: kk };
  const { findings, internalErrors } = runRules(input, request.rules ?? allRules);
  return { input, findings, unknown, internalErrors };
}

export function runRules(input: AnalysisInput, rules: readonly Rule[]): Pick<AnalysisResult, "findings" | "internalErrors"> {
  const findings: Finding[] = [];
  const internalErrors: AnalysisResult["internalErrors"] = [];
  for (const rule of rules) {
    const report = (r: Report): void => {
      const finding: Finding = { rule: rule.id, name: rule.name, severity: r.severity ?? rule.severity, message: r.message, file: r.file, range: r.range };
      if (r.related?.length) finding.related = r.related;
      if (r.fixes?.length) finding.fixes = r.fixes;
      findings.push(finding);
    };
    try {
      rule.check({ ...input, report });
    } catch (e) {
      internalErrors.push({ rule: rule.id, message: e instanceof Error ? e.message : String(e) });
    }
  }
  findings.sort(compareFindings);
  return { findings, internalErrors };
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.range.start.line !== b.range.start.line) return a.range.start.line - b.range.start.line;
  if (a.range.start.character !== b.range.start.character) return a.range.start.character - b.range.start.character;
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}
