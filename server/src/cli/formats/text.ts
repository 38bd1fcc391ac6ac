/**
 * The human report: findings grouped by file, each with its source line and a caret under the range, then a summary.
 */
import pc from "picocolors";
import type { Finding, Severity } from "../../rules/finding.js";
import { maskSecretsInLine } from "../../rules/mask-secret.js";
import type { ReportInput } from "./report-input.js";

export function formatText(input: ReportInput): string {
  const c = input.color ? pc : pc.createColors(false);
  const sevColor: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue };
  const out: string[] = [];
  for (const cl of input.clusters) {
    out.push(c.bold(`cluster ${cl.id}`) + c.dim(` (${cl.nodes.length} node${cl.nodes.length === 1 ? "" : "s"})`));
    for (const n of cl.nodes) out.push(`  ${n.name}: ${n.files.join(", ")}`);
  }
  if (input.clusters.length > 0) out.push("");
  const byFile = new Map<string, Finding[]>();
  for (const f of input.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, findings] of byFile) {
    out.push(c.underline(c.bold(input.display(file))));
    const lines = input.sources.get(file)?.split(/\r\n|\r|\n/);
    for (const f of findings) {
      const line = f.range.start.line + 1;
      const col = f.range.start.character + 1;
      out.push(
        `  ${c.dim(`${line}:${col}`)}  ${sevColor[f.severity](f.severity)}  ${f.message}  ${c.bold(f.rule)} ` +
          `${c.dim(f.name)}`,
      );
      const src = lines?.[f.range.start.line];
      if (src !== undefined) {
        const gutter = String(line).padStart(5);
        const shown = maskSecretsInLine(src.replace(/\t/g, " "));
        const width =
          f.range.end.line === f.range.start.line
            ? Math.max(1, f.range.end.character - f.range.start.character)
            : Math.max(1, shown.length - f.range.start.character);
        out.push(c.dim(`${gutter} | `) + truncate(shown, 200));
        out.push(
          c.dim(`${" ".repeat(gutter.length)} | `) +
            " ".repeat(Math.min(f.range.start.character, 200)) +
            sevColor[f.severity]("^".repeat(Math.min(width, 200))),
        );
      }
      for (const r of f.related ?? [])
        out.push(
          c.dim(
            `        related: ${input.display(r.file)}:${r.range.start.line + 1}:${r.range.start.character + 1} ` +
              `${r.message}`,
          ),
        );
      out.push(c.dim(`        docs: ${input.docsUrl(f.rule)}`));
    }
    out.push("");
  }
  const count = (s: Severity): number => input.findings.filter((f) => f.severity === s).length;
  const e = count("error");
  const w = count("warning");
  const i = count("info");
  const total = e + w + i;
  const files = `${input.fileCount} file${input.fileCount === 1 ? "" : "s"}`;
  if (total === 0) out.push(c.green(`✔ no problems in ${files}`));
  else
    out.push(
      (e > 0 ? c.red : c.yellow)(
        `✖ ${total} problem${total === 1 ? "" : "s"} (${e} error${e === 1 ? "" : "s"}, ${w} ` +
          `warning${w === 1 ? "" : "s"}, ${i} info${i === 1 ? "" : "s"}) in ${files}`,
      ),
    );
  return out.join("\n") + "\n";
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
