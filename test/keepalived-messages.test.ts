/**
 * The keepalived message tables (docs/messages/keepalived-*.tsv) and the value table
 * (server/src/schema/keepalived-values.json): what scripts/messages/keepalived.mjs makes from its cached extract,
 * byte for byte, and every message mapped to a rule that exists or to a reason of the fixed vocabulary.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { allRules } from "../server/src/rules/index.js";
// @ts-expect-error the generator is plain JavaScript
import { deserialize, EXTRACT_FILE, table, valueTable } from "../scripts/messages/keepalived.mjs";
// @ts-expect-error the generator is plain JavaScript
import { readCurated, readRequiresOverrides, REASONS } from "../scripts/messages/keepalived-curation.mjs";

const root = resolve(__dirname, "..");
const extracts: { version: string; messages: unknown[] }[] = deserialize(readFileSync(EXTRACT_FILE, "utf8"));
const ruleIds = new Set(allRules.map((r) => r.id));

function rowsOf(version: string): string[][] {
  const text = readFileSync(join(root, "docs/messages", `keepalived-${version}.tsv`), "utf8");
  return text
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .slice(1)
    .map((l) => l.split("\t"));
}

describe("keepalived message tables", () => {
  test("the cache holds 2.2.7, 2.3.3 and 2.3.4", () => {
    expect(extracts.map((x) => x.version)).toEqual(["2.2.7", "2.3.3", "2.3.4"]);
  });

  test("the committed tables are what the generator makes from its cache", () => {
    const curated = readCurated();
    for (const x of extracts) {
      const committed = readFileSync(join(root, "docs/messages", `keepalived-${x.version}.tsv`), "utf8");
      expect(table(x, curated), `docs/messages/keepalived-${x.version}.tsv`).toBe(committed);
    }
    expect(curated.unused(), "curated entries that match no message").toEqual([]);
    const values = readFileSync(join(root, "server/src/schema/keepalived-values.json"), "utf8");
    expect(valueTable(extracts, readRequiresOverrides())).toBe(values);
  });

  for (const version of ["2.2.7", "2.3.3", "2.3.4"]) {
    test(`${version}: every message maps to a rule that exists or to a reason of the vocabulary`, () => {
      const rows = rowsOf(version);
      expect(rows.length).toBeGreaterThan(1000);
      const bad: string[] = [];
      for (const row of rows) {
        expect(row, row.join("|")).toHaveLength(6);
        const maps = row[5];
        const reason = /^([a-z-]+): (.{10,})$/.exec(maps);
        if (reason) {
          if (!(reason[1] in REASONS)) bad.push(`${row[2]}: unknown reason '${reason[1]}'`);
        } else if (!ruleIds.has(maps)) bad.push(`${row[2]}: '${maps}' is neither a rule nor a reason`);
        expect(["no", "exit", "stop", "exit-4"]).toContain(row[4]);
        expect(() => new RegExp(row[0])).not.toThrow();
      }
      expect(bad).toEqual([]);
    });
  }

  // Messages no rule reports yet and no reason explains ('todo'): the figure may only go down, and is lowered here
  // when it does (so that it stays the true count). Issue 14 wants it at 0.
  const TODO_ROWS: Record<string, number> = { "2.2.7": 11, "2.3.3": 12, "2.3.4": 12 };
  for (const [version, expected] of Object.entries(TODO_ROWS)) {
    test(`${version}: ${expected} messages are still 'todo' (lower the figure when a rule or a reason takes one)`, () => {
      const todo = rowsOf(version).filter((row) => row[5].startsWith("todo:"));
      expect(todo.length).toBe(expected);
    });
  }

  test("every fatal message of 2.2.7 that is about the configuration maps to an error rule", () => {
    const problems: string[] = [];
    for (const row of rowsOf("2.2.7")) {
      if (row[4] === "no" || !ruleIds.has(row[5])) continue;
      const rule = allRules.find((r) => r.id === row[5])!;
      // a warning rule that reports errors where keepalived stops says so in its severityNote
      if (rule.severity !== "error" && !rule.docs.severityNote)
        problems.push(`${row[2]} '${row[0]}' is fatal (${row[4]}) but ${rule.id} is a ${rule.severity}`);
    }
    expect(problems).toEqual([]);
  });
});
