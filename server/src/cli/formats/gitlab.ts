/** GitLab Code Quality report (a JSON array of issues with fingerprints). */
import { createHash } from "node:crypto";
import type { ReportInput } from "./report-input.js";

const SEVERITY = { error: "major", warning: "minor", info: "info" } as const;

export function formatGitlab(input: ReportInput): string {
  const seen = new Map<string, number>();
  const issues = input.findings.map((f) => {
    const base = `${f.rule}\u0000${input.display(f.file)}\u0000${f.message}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return {
      type: "issue",
      check_name: `${f.rule} ${f.name}`,
      description: f.message,
      categories: [f.rule.startsWith("HA") ? "Bug Risk" : "Style"],
      severity: SEVERITY[f.severity],
      fingerprint: createHash("md5").update(`${base}\u0000${n}`).digest("hex"),
      location: { path: input.display(f.file), lines: { begin: f.range.start.line + 1, end: f.range.end.line + 1 } },
      content: { body: input.docsUrl(f.rule) },
    };
  });
  return JSON.stringify(issues, null, 2) + "\n";
}
