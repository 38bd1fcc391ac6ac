/**
 * `npm run corpus-frequency`: how often each rule fires on the shared corpus (../shared/corpus, or $HA_LINT_CORPUS),
 * written to server/src/rules/corpus-frequency.json, which the rule pages (`npm run docs`) quote. Each file is analysed
 * alone at the version of the binary whose verdict the corpus holds (haproxy 2.6.12, keepalived 2.2.7), as
 * `npm run corpus` does. `--check` exits 1 when the committed figures differ from a fresh count.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { analyze } from "../server/src/analyze.js";
import type { CorpusFrequency } from "../server/src/rules/corpus-frequency.js";
import { allRules } from "../server/src/rules/index.js";
import { corpusAvailable, corpusDir, readVerdicts, settingsOf } from "../test/support/corpus-parity.js";

if (!corpusAvailable()) {
  console.error(`corpus-frequency: no corpus at ${corpusDir} (set HA_LINT_CORPUS)`);
  process.exit(2);
}
const out = resolve(import.meta.dirname, "../server/src/rules/corpus-frequency.json");
const verdicts = readVerdicts();
const files = { haproxy: 0, keepalived: 0 };
const counts = new Map<string, { files: number; findings: number }>();
for (const v of verdicts) {
  files[v.tool]++;
  const path = join(corpusDir, v.file);
  const text = readFileSync(path, "latin1");
  const result = analyze({ files: [{ path, text, language: v.tool }], settings: settingsOf(v) });
  const perRule = new Map<string, number>();
  for (const f of result.findings) perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
  for (const [rule, n] of perRule) {
    const c = counts.get(rule) ?? { files: 0, findings: 0 };
    c.files++;
    c.findings += n;
    counts.set(rule, c);
  }
}
const table: CorpusFrequency = {
  versions: { haproxy: "2.6.12", keepalived: "2.2.7" },
  files,
  rules: Object.fromEntries(
    [...allRules]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((r) => [r.id, counts.get(r.id) ?? { files: 0, findings: 0 }]),
  ),
};
const text = JSON.stringify(table, null, 2) + "\n";
if (process.argv.includes("--check")) {
  const committed = readFileSync(out, "utf8");
  if (committed !== text) {
    console.error("corpus-frequency.json is out of date: run npm run corpus-frequency, then npm run docs");
    process.exit(1);
  }
  console.log("corpus-frequency.json is up to date");
} else {
  writeFileSync(out, text);
  console.log(`corpus-frequency: ${verdicts.length} files, ${counts.size} rules firing -> ${out}`);
}
