/** Every rule file is registered, documented, tested by its own table, and has a current documentation page. */
import { casesFileOf, casesOf } from "./support/rule-cases.js";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { renderRulePage } from "../server/src/rules/docs-page.js";
import { allRules } from "../server/src/rules/index.js";
import type { Rule } from "../server/src/rules/rule.js";

const root = resolve(import.meta.dirname, "..");
const ruleDirs = [
  "server/src/rules/keepalived",
  "server/src/rules/haproxy",
  "server/src/rules/cluster",
  "server/src/rules/meta",
];

async function ruleFiles(): Promise<{ file: string; rule: Rule }[]> {
  const out: { file: string; rule: Rule }[] = [];
  for (const dir of ruleDirs) {
    let names: string[] = [];
    try {
      names = readdirSync(resolve(root, dir));
    } catch {
      continue;
    }
    for (const name of names.filter((n) => n.endsWith(".ts"))) {
      const mod = (await import(resolve(root, dir, name))) as { default?: Rule };
      if (mod.default && typeof mod.default === "object" && "id" in mod.default)
        out.push({ file: `${dir}/${name}`, rule: mod.default });
    }
  }
  return out;
}

describe("rule registry", () => {
  test("every rule file is registered, and every registered rule has a file", async () => {
    const files = await ruleFiles();
    const registered = new Set(allRules);
    for (const { file, rule } of files)
      expect(registered.has(rule), `${file} (${rule.id}) is not in rules/index.ts`).toBe(true);
    expect(files.length).toBe(allRules.length);
  });

  test("codes and names are unique and well formed; file names are the readable names", async () => {
    const ids = allRules.map((r) => r.id);
    const names = allRules.map((r) => r.name);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(names).size).toBe(names.length);
    for (const r of allRules) {
      expect(r.id).toMatch(/^(KA|HP|HA|HL)\d{3}$/);
      expect(r.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.scope).toBe(
        r.id.startsWith("KA")
          ? "keepalived"
          : r.id.startsWith("HP")
            ? "haproxy"
            : r.id.startsWith("HA")
              ? "cluster"
              : "meta",
      );
    }
    for (const { file, rule } of await ruleFiles()) expect(file.split("/").pop(), `${rule.id}`).toBe(`${rule.name}.ts`);
  });

  for (const rule of allRules) {
    test(`${rule.id} is documented and tested`, () => {
      const d = rule.docs;
      for (const field of ["summary", "description", "why", "bad", "good", "realTool"] as const)
        expect(d[field].trim().length, `${rule.id} docs.${field}`).toBeGreaterThan(10);
      expect(d.sources.length).toBeGreaterThan(0);
      expect(existsSync(casesFileOf(rule)), `${rule.id}: no case table ${rule.name}.cases.ts`).toBe(true);
      expect(casesOf(rule).valid.length).toBeGreaterThan(0);
      expect(casesOf(rule).invalid.length).toBeGreaterThan(0);
      for (const c of casesOf(rule).invalid)
        expect(c.expect?.length ?? 0, `${rule.id} invalid case '${c.name}' expects nothing`).toBeGreaterThan(0);
      // Every rule keys its messages by id and keeps its cases beside it; every case names the message it expects.
      const messages: Record<string, unknown> = rule.messages ?? {};
      expect(Object.keys(messages).length, `${rule.id}: no messages table keyed by id`).toBeGreaterThan(0);
      for (const [id, template] of Object.entries(messages))
        expect(typeof template, `${rule.id}: message '${id}' is not a template function`).toBe("function");
      expect("cases" in rule, `${rule.id}: move the case table to ${rule.name}.cases.ts`).toBe(false);
      const used = new Set<string>();
      for (const c of casesOf(rule).invalid)
        for (const e of c.expect ?? []) {
          const where = `${rule.id} '${c.name}' line ${e.line}`;
          expect("message" in e, `${where}: expect a messageId, not a message substring`).toBe(false);
          expect(Object.keys(messages), `${where}: unknown messageId '${e.messageId}'`).toContain(e.messageId);
          used.add(e.messageId);
        }
      for (const id of Object.keys(messages))
        expect(used.has(id), `${rule.id}: no invalid case expects message '${id}'`).toBe(true);
      const page = readFileSync(resolve(root, "docs/rules", `${rule.id}.md`), "utf8");
      expect(page, `docs/rules/${rule.id}.md is out of date: run npm run docs`).toBe(renderRulePage(rule));
    });
  }
});
