/**
 * The new-rule scaffold writes, into a copy of the checkout, a rule of each scope with its cases and docs page, and
 * the copy's own meta-test and case runner pass on them (and the registry lists them).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const repo = resolve(import.meta.dirname, "../..");
const copied = ["server/src", "scripts", "docs/rules", "test/support", "test/rules.test.ts", "test/rules-meta.test.ts"];
const topFiles = ["package.json", "tsconfig.json", "vitest.config.ts"];
let copy = "";

function run(command: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd: copy, encoding: "utf8", timeout: 240_000 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), "ha-lint-new-rule-"));
  for (const path of [...copied, ...topFiles]) cpSync(join(repo, path), join(copy, path), { recursive: true });
  symlinkSync(join(repo, "node_modules"), join(copy, "node_modules"));
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe("npm run new-rule", () => {
  const made = [
    { id: "KA199", name: "scaffold-keepalived-example", scope: "keepalived" },
    { id: "HP199", name: "scaffold-haproxy-example", scope: "haproxy" },
    { id: "HA199", name: "scaffold-cluster-example", scope: "cluster" },
  ];

  test("writes a registered rule, its case table and its docs page for each scope", () => {
    for (const rule of made) {
      const result = run("npx", ["tsx", "scripts/new-rule.ts", rule.id, rule.name]);
      expect(result.status, result.output).toBe(0);
      const folder = join(copy, "server/src/rules", rule.scope);
      expect(existsSync(join(folder, `${rule.name}.ts`))).toBe(true);
      expect(existsSync(join(folder, `${rule.name}.cases.ts`))).toBe(true);
      expect(readFileSync(join(folder, "index.ts"), "utf8")).toContain(`./${rule.name}.js`);
      expect(readFileSync(join(copy, "docs/rules", `${rule.id}.md`), "utf8")).toContain(rule.name);
    }
  }, 300_000);

  test("refuses a taken ID, a bad ID and a bad name with a message and exit 2", () => {
    for (const args of [
      ["KA199", "another-name"],
      ["XX001", "a-name"],
      ["KA198", "Bad_Name"],
    ]) {
      const result = run("npx", ["tsx", "scripts/new-rule.ts", ...args]);
      expect(result.status, result.output).toBe(2);
      expect(result.output).toMatch(/^new-rule: /m);
    }
  }, 120_000);

  test("the copy's meta-test and case runner pass with the new rules in them", () => {
    const pattern = `${made.map((rule) => rule.id).join("|")}|registered|unique`;
    const args = [
      "vitest",
      "run",
      "test/rules-meta.test.ts",
      "test/rules.test.ts",
      "--reporter=verbose",
      "-t",
      pattern,
    ];
    const result = run("npx", args);
    expect(result.status, result.output.slice(-3000)).toBe(0);
    const lines = stripVTControlCharacters(result.output).split("\n");
    for (const rule of made) {
      const passed = (title: string): boolean => lines.some((line) => /✓/.test(line) && line.includes(title));
      expect(passed(`${rule.id} is documented and tested`), rule.id).toBe(true);
      expect(passed(`${rule.id} ${rule.name} > invalid:`), rule.id).toBe(true);
      expect(passed(`${rule.id} ${rule.name} > valid:`), rule.id).toBe(true);
    }
  }, 300_000);
});
