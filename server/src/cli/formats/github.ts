/** GitHub Actions workflow commands: one annotation per finding. */
import type { ReportInput } from "./report-input.js";

const escapeData = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
const COMMAND = { error: "error", warning: "warning", info: "notice" } as const;

export function formatGithub(input: ReportInput): string {
  return input.findings
    .map((f) => {
      const props = [
        `file=${escapeProperty(input.display(f.file))}`,
        `line=${f.range.start.line + 1}`,
        `col=${f.range.start.character + 1}`,
        `endLine=${f.range.end.line + 1}`,
        `endColumn=${f.range.end.character + 1}`,
        `title=${escapeProperty(`${f.rule} ${f.name}`)}`,
      ].join(",");
      return `::${COMMAND[f.severity]} ${props}::${escapeData(`${f.message} (${input.docsUrl(f.rule)})`)}\n`;
    })
    .join("");
}
