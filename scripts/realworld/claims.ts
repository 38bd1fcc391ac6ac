/**
 * `npx tsx scripts/realworld/claims.ts [bookworm|trixie|sid]`: the findings on test/realworld whose message says the
 * tool refuses the file, or that it reports, ignores or skips a line, set against what the real tool printed
 * (verdicts/). Prints each claim the verdict contradicts: "refuses" where the tool starts, "ignores"/"skips"/"logs"
 * where the tool printed nothing on that line (a silent ignore is possible: those rows are to be checked by hand).
 * Input for test/realworld/REVIEW.md.
 */
import { ruleById } from "../../server/src/rules/index.js";
import { analyseAll, readVerdicts, refuses, VERSION_PAIRS, type Tool } from "../../test/realworld/measure.js";

const label = process.argv[2] ?? "bookworm";
const pair = VERSION_PAIRS.find((p) => p.label === label);
if (!pair) throw new Error(`unknown toolset ${label}`);
const analysed = analyseAll(pair);
const verdicts = {
  haproxy: readVerdicts("haproxy", pair.haproxy),
  keepalived: readVerdicts("keepalived", pair.keepalived),
};

const REFUSES = /refuses|fails to start|exits with|will not start/i;
const REPORTS =
  /keepalived (ignores|skips|logs|reports|resets|drops)|HAProxy (ignores|falls back)|ignored with a warning/i;

for (const [file, findings] of [...analysed.findings].sort((a, b) => a[0].localeCompare(b[0]))) {
  for (const f of findings) {
    const scope = ruleById(f.rule)?.scope;
    if (scope !== "haproxy" && scope !== "keepalived") continue;
    const v = verdicts[scope as Tool].get(file);
    if (!v) continue;
    const line = f.range.start.line + 1;
    const onLine = v.messages.filter((m) =>
      m.section ? line >= m.section.first && line <= m.section.last : m.line === line,
    );
    const problems: string[] = [];
    if (REFUSES.test(f.message) && !/where the scripts exist|where that user/.test(f.message)) {
      if (!refuses(v)) problems.push(`says the tool refuses, but it exits ${v.exit}`);
      else if (onLine.length === 0) problems.push(`the tool refuses (exit ${v.exit}) but says nothing on line ${line}`);
    }
    if (REPORTS.test(f.message) && onLine.length === 0)
      problems.push(`says the tool ignores/logs it, but the tool prints nothing on line ${line}`);
    if (f.severity === "error" && !refuses(v) && onLine.length > 0)
      problems.push(`error, but the tool runs (exit ${v.exit})`);
    for (const p of problems)
      console.log(
        `${f.rule}\t${file}:${line}\t${p}\t${f.message.slice(0, 160)}\t${onLine
          .map((m) => m.text)
          .join(" | ")
          .slice(0, 160)}`,
      );
  }
}
