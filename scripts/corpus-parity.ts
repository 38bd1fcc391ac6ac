/** `npm run corpus`: the agreement table of ha-lint (every rule) with haproxy -c / keepalived -t on ../shared/corpus. */
import { corpusAvailable, corpusDir, corpusOf, runParity } from "../test/support/corpus-parity.js";

if (!corpusAvailable()) {
  console.error(`ha-lint corpus: no corpus at ${corpusDir} (set HA_LINT_CORPUS)`);
  process.exit(2);
}
const rows = runParity();
const verbose = process.argv.includes("--verbose");
const groups = new Map<string, typeof rows>();
for (const r of rows) {
  const k = corpusOf(r.file);
  groups.set(k, [...(groups.get(k) ?? []), r]);
}
const table: Record<string, unknown>[] = [];
for (const [corpus, list] of groups) {
  const accepted = list.filter((r) => r.cls !== "syntax");
  const rejected = list.filter((r) => r.cls === "syntax");
  table.push({
    corpus,
    tool: list[0].tool,
    files: list.length,
    accepted: accepted.length,
    "false rejects": accepted.filter((r) => !r.agrees).length,
    rejected: rejected.length,
    caught: rejected.filter((r) => r.agrees && !r.excluded).length,
    excluded: rejected.filter((r) => r.excluded).length,
    "missed rejects": rejected.filter((r) => !r.agrees).length,
  });
}
console.table(table);
for (const r of rows.filter((r) => !r.agrees || verbose)) {
  const status = r.agrees ? "ok  " : "DIFF";
  const ours =
    r.errors
      .slice(0, 2)
      .map((f) => `${f.rule}@${f.range.start.line + 1}: ${f.message}`)
      .join(" | ") || "(no error)";
  console.log(
    `${status} ${r.cls.padEnd(8)} ${r.file}\n       real: ${r.firstError.slice(0, 160)}\n       ours: ${ours.slice(0, 200)}${r.excluded ? `\n       excluded: ${r.excluded}` : ""}`,
  );
}
const bad = rows.filter((r) => !r.agrees).length;
console.log(`\n${rows.length - bad} of ${rows.length} files agree`);
process.exit(bad > 0 ? 1 : 0);
