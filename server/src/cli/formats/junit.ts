/** JUnit XML: one test suite per file, one failing test case per finding (a passing one for a clean file). */
import { countBySeverity, xmlEscape, type ReportInput } from "./report-input.js";

export function formatJunit(input: ReportInput): string {
  const files = [...new Set([...input.sources.keys()].concat(input.findings.map((f) => f.file)))].sort();
  const suites = files.map((file) => {
    const fs = input.findings.filter((f) => f.file === file);
    const name = input.display(file);
    const cases = fs.length
      ? fs.map((f) => {
          const where = `${name}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
          return (
            `    <testcase classname="${xmlEscape(name)}" name="${xmlEscape(`${f.rule} ${f.name} at ${where}`)}">\n` +
            `      <failure type="${f.severity}" ` +
            `message="${xmlEscape(f.message)}">${xmlEscape(`${where} ${f.severity} ${f.message}\n${input.docsUrl(f.rule)}`)}</failure>\n    </testcase>`
          );
        })
      : [`    <testcase classname="${xmlEscape(name)}" name="ha-lint"/>`];
    return (
      `  <testsuite name="${xmlEscape(name)}" tests="${Math.max(1, fs.length)}" failures="${fs.length}" errors="0">\n` +
      `${cases.join("\n")}\n  </testsuite>`
    );
  });
  const c = countBySeverity(input.findings);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="ha-lint" tests="${input.findings.length || files.length}" ` +
    `failures="${c.errors + c.warnings + c.infos}">\n${suites.join("\n")}\n</testsuites>\n`
  );
}
