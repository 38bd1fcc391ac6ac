/** SARIF 2.1.0 for GitHub code scanning: rules with help URIs, results with regions and related locations. */
import { createHash } from "node:crypto";
import { allRules } from "../../rules/index.js";
import type { ReportInput } from "./report-input.js";

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

export function formatSarif(input: ReportInput): string {
  const used = [...new Set(input.findings.map((f) => f.rule))];
  const rules = allRules.filter((r) => used.includes(r.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const location = (
    file: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
  ) => ({
    physicalLocation: {
      artifactLocation: { uri: encodeURI(input.display(file)), uriBaseId: "%SRCROOT%" },
      region: {
        startLine: range.start.line + 1,
        startColumn: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: Math.max(
          range.end.character + 1,
          range.start.line === range.end.line ? range.start.character + 2 : 1,
        ),
      },
    },
  });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "ha-lint",
            version: input.toolVersion,
            informationUri: input.docsUrl("README").replace(/README\.md$/, "README.md"),
            rules: rules.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.docs.summary },
              fullDescription: { text: r.docs.description },
              help: {
                text: `${r.docs.why}\n\nExample fix:\n${r.docs.good}`,
                markdown:
                  `${r.docs.why}\n\n**Reported:**\n\n\`\`\`\n${r.docs.bad}\`\`\`\n\n**Fixed:**\n\n\`\`\`\n` +
                  `${r.docs.good}\`\`\``,
              },
              helpUri: input.docsUrl(r.id),
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { tags: [r.scope], "problem.severity": r.severity },
            })),
          },
        },
        results: input.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: index.get(f.rule) ?? 0,
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [location(f.file, f.range)],
          ...(f.related?.length
            ? {
                relatedLocations: f.related.map((r, i) => ({
                  id: i + 1,
                  ...location(r.file, r.range),
                  message: { text: r.message },
                })),
              }
            : {}),
          partialFingerprints: {
            "haLint/v1": createHash("sha256")
              .update(`${f.rule}\u0000${input.display(f.file)}\u0000${f.message}`)
              .digest("hex")
              .slice(0, 32),
          },
        })),
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
