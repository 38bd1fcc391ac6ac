/**
 * Rules that surface what the readers found (braces, quotes, includes) share this: each syntax issue of their kinds
 * once.
 */
import type { SyntaxIssue, SyntaxIssueKind } from "../syntax/issue.js";
import type { RuleContext } from "./rule.js";

/** The issues of these kinds in the documents of a language; a file included by several documents counts once. */
export function syntaxIssues(
  ctx: Pick<RuleContext, "keepalived" | "haproxy">,
  language: "keepalived" | "haproxy",
  kinds: readonly SyntaxIssueKind[],
): SyntaxIssue[] {
  const docs = language === "keepalived" ? ctx.keepalived : ctx.haproxy;
  const seen = new Set<string>();
  const out: SyntaxIssue[] = [];
  for (const doc of docs) {
    for (const issue of doc.issues) {
      if (!kinds.includes(issue.kind)) continue;
      const key = `${issue.file}:${issue.range.start.line}:${issue.range.start.character}:${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(issue);
    }
  }
  return out;
}
