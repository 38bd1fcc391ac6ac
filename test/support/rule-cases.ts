/**
 * The case tables of the rules: each rule's `<rule>.cases.ts` beside its file (never bundled; the meta-test fails for a
 * rule without one).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { allRules } from "../../server/src/rules/index.js";
import type { CaseTable, Rule, RuleScope } from "../../server/src/rules/rule.js";

const rulesDir = resolve(import.meta.dirname, "../../server/src/rules");

const folderOf: Record<RuleScope, string> = {
  keepalived: "keepalived",
  haproxy: "haproxy",
  cluster: "cluster",
  meta: "meta",
};

/** Where a rule's case table lives. */
export function casesFileOf(rule: Pick<Rule, "name" | "scope">): string {
  return resolve(rulesDir, folderOf[rule.scope], `${rule.name}.cases.ts`);
}

async function loadTables(): Promise<Map<string, CaseTable>> {
  const tables = new Map<string, CaseTable>();
  for (const rule of allRules) {
    const file = casesFileOf(rule);
    if (existsSync(file)) {
      const mod = (await import(pathToFileURL(file).href)) as { default?: CaseTable };
      if (!mod.default) throw new Error(`${file} has no default export (export default defineCases<typeof rule>(...))`);
      tables.set(rule.id, mod.default);
    }
  }
  return tables;
}

const tables = await loadTables();

/** A rule's case table (empty when it has none: the meta-test reports that). */
export function casesOf(rule: Pick<Rule, "id">): CaseTable {
  return tables.get(rule.id) ?? { valid: [], invalid: [] };
}
