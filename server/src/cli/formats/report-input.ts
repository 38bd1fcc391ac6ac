/** What every report format receives. */
import type { Finding } from "../../rules/finding.js";

export interface ReportInput {
  toolVersion: string;
  findings: readonly Finding[];
  fileCount: number;
  clusters: { id: string; nodes: { name: string; files: string[] }[] }[];
  sources: ReadonlyMap<string, string>;
  /** Path as shown (relative to the current directory). */
  display(file: string): string;
  docsUrl(ruleId: string): string;
  color: boolean;
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  return {
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
    infos: findings.filter((f) => f.severity === "info").length,
  };
}

export function xmlEscape(s: string): string {
  return (
    s
      .replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c] ?? c)
      // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these C0 controls, so the report drops them
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
  );
}
