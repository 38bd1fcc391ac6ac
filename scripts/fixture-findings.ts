/**
 * `npm run fixtures -- DIR...`: prints what ha-lint finds in fixture folders in the form expected.json uses, to help
 * write and review expectations (it never writes them: expectations are reviewed by hand).
 */
import { resolve } from "node:path";
import { analyzeFixture, findingKeys } from "../test/support/fixture-run.js";

for (const arg of process.argv.slice(2)) {
  const dir = resolve(arg);
  const result = analyzeFixture(dir);
  console.log(`# ${arg}`);
  for (const key of findingKeys(dir, result)) {
    const [rule, loc] = key.split(" ");
    const [file, line] = loc.split(":");
    const f = result.findings.find(
      (x) => x.rule === rule && x.file.endsWith(file) && x.range.start.line + 1 === Number(line),
    );
    console.log(
      JSON.stringify({ rule, file, line: Number(line) }) + `,  // ${f?.severity}: ${f?.message.slice(0, 140)}`,
    );
  }
  for (const c of result.input.simulations) {
    for (const r of c.routers) {
      for (const o of [r.baseline, ...r.failures, ...r.recoveries]) {
        console.log(
          `#   ${r.router.name} ${o.id.padEnd(40)} ${JSON.stringify(o.priorities)} holders=${o.holders.join(",")} ${o.verdict}${o.race ? " (race)" : ""}`,
        );
      }
    }
  }
}
