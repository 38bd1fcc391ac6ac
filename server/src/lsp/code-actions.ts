/** Code actions: the rules' fixes as quick fixes, and a suppression comment for the line. */
import type { Finding } from "../rules/finding.js";
import { comparePositions, type Range } from "../syntax/source.js";
import { displayPath, simulationMarkdown } from "./hover.js";
import type { WorkspaceAnalysis } from "./workspace-analysis.js";

export interface FileEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface QuickFix {
  title: string;
  kind: "quickfix";
  isPreferred?: boolean;
  edits: FileEdit[];
  /** The finding the action is for (rule and range), to attach the editor's diagnostic. */
  finding: { rule: string; range: Range };
}

function overlaps(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

export function findingsIn(analysis: WorkspaceAnalysis, file: string, range: Range): Finding[] {
  return analysis.result.findings.filter((f) => f.file === file && overlaps(f.range, range));
}

export function codeActions(analysis: WorkspaceAnalysis, file: string, range: Range, text: string): QuickFix[] {
  const out: QuickFix[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? "\n";
  for (const f of findingsIn(analysis, file, range)) {
    const fixes = f.fixes ?? [];
    for (const fix of fixes) {
      out.push({
        title: `${fix.description}${fix.safe ? "" : " (may change behaviour)"}`,
        kind: "quickfix",
        ...(fix.safe && fixes.length === 1 ? { isPreferred: true } : {}),
        edits: fix.edits.map((e) => ({ file: e.file, range: e.range, newText: e.newText })),
        finding: { rule: f.rule, range: f.range },
      });
    }
    if (f.rule === "HL001") continue;
    const line = f.range.start.line;
    const indent = /^\s*/.exec(lines[line] ?? "")?.[0] ?? "";
    out.push({
      title: `Disable ${f.rule} (${f.name}) for this line`,
      kind: "quickfix",
      edits: [
        {
          file,
          range: { start: { line, character: 0 }, end: { line, character: 0 } },
          newText: `${indent}# ha-lint disable-next-line ${f.rule} -- reason${eol}`,
        },
      ],
      finding: { rule: f.rule, range: f.range },
    });
  }
  return out;
}

/** The failover matrix of the clusters holding `file` (every cluster of the analysis when absent) as markdown. */
export function failoverMatrixMarkdown(analysis: WorkspaceAnalysis, file?: string): string {
  const sims = analysis.result.input.simulations.filter(
    (cs) =>
      !file ||
      cs.cluster.nodes.some(
        (n) =>
          n.keepalived?.document.files.includes(file) ||
          n.haproxy?.documents.some((d) => d.file === file) ||
          n.sysctlFiles.includes(file),
      ),
  );
  const body = simulationMarkdown(sims, (id) => displayPath(analysis, id));
  return ["# Failover matrix", "", body.trim() ? body : "No VRRP instance found: nothing to simulate.", ""].join("\n");
}
