/** `npm run docs`: writes docs/rules/<ID>.md for every rule, and the index, from the rules' own docs. */
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { renderRuleIndex, renderRulePage } from "../server/src/rules/docs-page.js";
import { allRules } from "../server/src/rules/index.js";

const dir = resolve(import.meta.dirname, "../docs/rules");
mkdirSync(dir, { recursive: true });
for (const rule of allRules) writeFileSync(resolve(dir, `${rule.id}.md`), renderRulePage(rule));
writeFileSync(resolve(dir, "README.md"), renderRuleIndex(allRules));
console.log(`wrote ${allRules.length} rule pages to docs/rules/`);
