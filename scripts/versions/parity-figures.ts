/**
 * The per-version parity figures: for each verdict file of test/versions/verdicts/, how many files the binary
 * accepts and rejects, and how many of them ha-lint (set to that version) gets wrong. `--list` prints each miss.
 *
 *   npx tsx scripts/versions/parity-figures.ts [--list]
 */
import { existsSync, readdirSync } from "node:fs";
import {
  readExclusions,
  readVersionVerdicts,
  runParity,
  versionVerdictsDir,
} from "../../test/support/corpus-parity.js";

const list = process.argv.includes("--list");
const table: Record<string, unknown>[] = [];
for (const name of readdirSync(versionVerdictsDir).filter((n) => n.endsWith(".tsv"))) {
  const verdicts = readVersionVerdicts(name).filter((v) => existsSync(v.path!));
  const rows = runParity(verdicts, readExclusions());
  for (const group of ["corpus", "fixtures"] as const) {
    const mine = rows.filter((r) => (group === "fixtures") === r.file.startsWith("fixtures/"));
    const accepted = mine.filter((r) => r.cls === "ok");
    const machine = mine.filter((r) => r.cls === "env-only");
    const rejected = mine.filter((r) => r.cls === "syntax");
    table.push({
      binary: name.replace(/\.tsv$/, ""),
      files: group,
      n: mine.length,
      accepted: accepted.length,
      "accepted with an ha-lint error": accepted.filter((r) => !r.agrees).length,
      "env-only": machine.length,
      "env-only with an error": machine.filter((r) => !r.agrees).length,
      rejected: rejected.length,
      caught: rejected.filter((r) => r.agrees && !r.excluded).length,
      excluded: rejected.filter((r) => r.excluded).length,
      missed: rejected.filter((r) => !r.agrees).length,
    });
    if (list)
      for (const r of mine.filter((x) => !x.agrees && x.cls !== "env-only")) {
        const ours = r.findings.map((f) => `${f.rule}@${f.range.start.line + 1}${f.severity[0]}`).join(",") || "-";
        const what =
          r.cls === "syntax" ? `missed (line ${r.message?.line ?? "-"}${r.fatal ? ", fatal" : ""})` : "false reject";
        console.log(
          `${name}\t${what}\t${r.file}\t${r.firstError.slice(0, 140)}\t${r.cls === "syntax" ? ours : `${r.errors[0]?.rule}@${(r.errors[0]?.range.start.line ?? 0) + 1}: ${r.errors[0]?.message.slice(0, 120)}`}`,
        );
      }
  }
}
console.table(table);
