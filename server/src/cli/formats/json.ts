/** The JSON report (contract version 1): other tools read it, so it is only ever extended. */
import type { Finding } from "../../rules/finding.js";
import type { ReportInput } from "./report-input.js";

export function formatJson(input: ReportInput): string {
  const count = (s: Finding["severity"]): number => input.findings.filter((f) => f.severity === s).length;
  const report = {
    version: 1,
    tool: { name: "ha-lint", version: input.toolVersion },
    clusters: input.clusters,
    findings: input.findings.map((f) => ({
      rule: f.rule,
      name: f.name,
      severity: f.severity,
      ...(f.messageId ? { messageId: f.messageId } : {}),
      ...(f.data ? { data: f.data } : {}),
      ...(f.renderedFor ? { renderedFor: f.renderedFor } : {}),
      message: f.message,
      file: input.display(f.file),
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      related: (f.related ?? []).map((r) => ({
        file: input.display(r.file),
        line: r.range.start.line + 1,
        column: r.range.start.character + 1,
        message: r.message,
      })),
      docs: input.docsUrl(f.rule),
    })),
    summary: { files: input.fileCount, errors: count("error"), warnings: count("warning"), infos: count("info") },
  };
  return JSON.stringify(report, null, 2) + "\n";
}
