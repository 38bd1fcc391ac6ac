/** Rules that surface what the readers found (braces, quotes, includes) share this: one finding per syntax issue of their kinds. */
import type { SyntaxIssueKind } from "../syntax/issue.js";
import type { RuleContext } from "./rule.js";

export function reportSyntaxIssues(
  ctx: RuleContext,
  language: "keepalived" | "haproxy",
  kinds: readonly SyntaxIssueKind[],
): void {
  const docs = language === "keepalived" ? ctx.keepalived : ctx.haproxy;
  const seen = new Set<string>();
  for (const doc of docs) {
    for (const issue of doc.issues) {
      if (!kinds.includes(issue.kind)) continue;
      // A file included by several documents is reported once.
      const key = `${issue.file}:${issue.range.start.line}:${issue.range.start.character}:${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({ file: issue.file, range: issue.range, message: issue.message, severity: issue.severity });
    }
  }
}
