/** The lab's agreement table (text) and its JSON document. */
import { verdictLabel } from "../simulation.js";
import { describeDifference } from "./reading-differences.js";
import type { LabResult } from "./run-lab.js";
import { alignedTable, pushSkipped } from "./text-table.js";

const holders = (h: readonly string[] | null): string => (h === null ? "-" : h.length === 0 ? "nobody" : h.join("+"));

export function labText(result: LabResult): string {
  const out: string[] = [];
  for (const c of result.clusters) {
    if (pushSkipped(out, c)) continue;
    if (c.setupProblems.length > 0) {
      // Not a disagreement: the lab could not set the cluster up as keepalived reads it.
      out.push(`cluster ${c.id}: lab setup problem (no scenario run):`, ...c.setupProblems.map((p) => `  ${p}`));
    }
    if (c.readingDifferences.length > 0) {
      out.push(
        `cluster ${c.id}: the model reads the configuration differently from keepalived ${result.keepalivedVersion ?? ""}`.trimEnd() +
          " (the lab follows keepalived; a disagreement below comes from the model's reading):",
        ...c.readingDifferences.map((d) => `  ${describeDifference(d)}`),
      );
    }
    for (const r of c.routers) {
      const vips = `${r.vips.join(", ") || "none"} (lab ${r.labVips.join(", ") || "none"})`;
      out.push(`cluster ${c.id} · ${r.name} (VRID ${r.vrid ?? "?"}, VIP ${vips})`);
      const header = ["scenario", "predicted", "observed", "agree", "simulation verdict"];
      const rows = r.scenarios.map((s) => [
        s.id,
        holders(s.predicted),
        holders(s.observed),
        s.agree,
        verdictLabel(s.verdict) +
          (s.cause === "model-reading" ? "  (the model's reading differs from keepalived's)" : "") +
          (s.note ? `  (${s.note})` : ""),
      ]);
      if (rows.length > 0) out.push(...alignedTable(header, rows));
      out.push("");
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
      `${result.modelReadingDisagreements ? ` (${result.modelReadingDisagreements} where the model misreads the configuration)` : ""}` +
      `${result.skipped ? `, ${result.skipped} skipped` : ""}` +
      `${result.setupProblems ? `, ${result.setupProblems} cluster${result.setupProblems === 1 ? "" : "s"} with a lab setup problem` : ""}` +
      ` · ${result.seconds}s${result.keepalivedVersion ? ` · keepalived ${result.keepalivedVersion}` : ""}`,
  );
  return out.join("\n") + "\n";
}

export function labJson(result: LabResult): string {
  const { labDir: _dir, ...rest } = result;
  return JSON.stringify({ version: 1, ...rest }, null, 2) + "\n";
}

/** 0 when everything that ran agrees, 1 on any disagreement, cluster error or lab setup problem. */
export function labExitCode(result: LabResult): number {
  return result.disagreements > 0 || result.setupProblems > 0 || result.clusters.some((c) => c.error !== undefined)
    ? 1
    : 0;
}
