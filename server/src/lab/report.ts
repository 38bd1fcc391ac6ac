/** The lab's agreement table (text) and its JSON document. */
import { verdictLabel } from "../simulate/failover-matrix.js";
import type { LabResult } from "./run-lab.js";

const holders = (h: readonly string[] | null): string => (h === null ? "-" : h.length === 0 ? "nobody" : h.join("+"));

export function labText(result: LabResult): string {
  const out: string[] = [];
  for (const c of result.clusters) {
    if (c.skipped) {
      out.push(`cluster ${c.id}: skipped: ${c.skipped}`, "");
      continue;
    }
    for (const r of c.routers) {
      const vips = r.vips.map((v, i) => `${v} (lab ${r.labVips[i] ?? "?"})`).join(", ") || "none";
      out.push(`cluster ${c.id} · ${r.name} (VRID ${r.vrid ?? "?"}, VIP ${vips})`);
      const header = ["scenario", "predicted", "observed", "agree", "simulation verdict"];
      const rows = r.scenarios.map((s) => [
        s.id,
        holders(s.predicted),
        holders(s.observed),
        s.agree,
        verdictLabel(s.verdict) + (s.note ? `  (${s.note})` : ""),
      ]);
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (i === 4 ? 0 : row[i].length))));
      const line = (cells: string[]): string =>
        cells
          .map((x, i) => (i === cells.length - 1 ? x : x.padEnd(widths[i])))
          .join("  ")
          .trimEnd();
      out.push(line(header), ...rows.map(line), "");
    }
    if (c.error) out.push(`cluster ${c.id}: error: ${c.error}`, "");
    for (const n of c.notes) out.push(`  note: ${n}`);
    if (c.notes.length) out.push("");
    if (c.logs) {
      for (const [node, log] of Object.entries(c.logs))
        out.push(
          `  keepalived log of ${node} (last lines):`,
          ...log
            .split("\n")
            .filter(Boolean)
            .map((l) => `    ${l}`),
          "",
        );
    }
  }
  out.push(
    `${result.scenarios} scenario${result.scenarios === 1 ? "" : "s"}: ${result.agreements} agree${result.races ? ` (${result.races} as races)` : ""}, ${result.disagreements} disagree` +
      `${result.skipped ? `, ${result.skipped} skipped` : ""} · ${result.seconds}s${result.keepalivedVersion ? ` · keepalived ${result.keepalivedVersion}` : ""}`,
  );
  return out.join("\n") + "\n";
}

export function labJson(result: LabResult): string {
  const { labDir: _dir, ...rest } = result;
  return JSON.stringify({ version: 1, ...rest }, null, 2) + "\n";
}

/** 0 when everything that ran agrees, 1 on any disagreement or cluster error. */
export function labExitCode(result: LabResult): number {
  return result.disagreements > 0 || result.clusters.some((c) => c.error !== undefined) ? 1 : 0;
}
