/** Checkstyle XML, read by many CI tools and code review bots. */
import { xmlEscape, type ReportInput } from "./report-input.js";

export function formatCheckstyle(input: ReportInput): string {
  const byFile = new Map<string, typeof input.findings>();
  for (const f of input.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const files = [...byFile].map(
    ([file, fs]) =>
      `  <file name="${xmlEscape(input.display(file))}">\n${fs
        .map(
          (f) =>
            `    <error line="${f.range.start.line + 1}" column="${f.range.start.character + 1}" ` +
            `severity="${f.severity}" message="${xmlEscape(f.message)}" source="ha-lint.${f.rule}.${f.name}"/>`,
        )
        .join("\n")}\n  </file>`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n` +
    `${files.join("\n")}${files.length ? "\n" : ""}</checkstyle>\n`
  );
}
