/**
 * The HAProxy message tables (docs/messages/haproxy-<version>.tsv): each is what scripts/messages/haproxy.mjs makes
 * from its cached extract, every row names an existing HAProxy rule or a reason of the fixed vocabulary, and every
 * line of the curated mapping still decides at least one row.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { allRules } from "../server/src/rules/index.js";
import { buildAll, cachedVersions } from "../scripts/messages/haproxy.mjs";
import { REASONS, isRuleOutcome } from "../scripts/messages/haproxy-curated.mjs";

const built = buildAll();
const haproxyRuleIds = new Set(allRules.filter((r) => r.scope === "haproxy").map((r) => r.id));

describe("HAProxy message tables", () => {
  test("there is a table for 2.6.12, 3.0.11 and 3.2.0", () => {
    expect(cachedVersions()).toEqual(["2.6.12", "3.0.11", "3.2.0"]);
  });

  for (const [path, text] of built.files) {
    test(`${path.replace(/^.*\/docs\//, "docs/")} is what the generator makes from the cached extract`, () => {
      expect(readFileSync(path, "utf8")).toBe(text);
    });
  }

  for (const [version, rows] of built.tables) {
    test(`${version}: every row maps to an existing rule or to a reason of the vocabulary`, () => {
      const wrong: string[] = [];
      for (const row of rows) {
        if (isRuleOutcome(row.outcome)) {
          for (const id of row.outcome.split(","))
            if (!haproxyRuleIds.has(id)) wrong.push(`${row.file} ${row.function}: no HAProxy rule ${id}`);
          if (row.reach !== "config")
            wrong.push(`${row.file} ${row.function}: mapped to ${row.outcome} but haproxy -c never reaches it`);
        } else if (!REASONS.includes(row.outcome)) wrong.push(`${row.file} ${row.function}: '${row.outcome}'`);
        if (row.fatal !== "fatal" && row.fatal !== "not-fatal") wrong.push(`${row.file}: fatal '${row.fatal}'`);
        try {
          new RegExp(row.pattern);
        } catch {
          wrong.push(`${row.file} ${row.function}: pattern is not a regex: ${row.pattern}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  test("every line of the curated mapping decides at least one row of some version", () => {
    const used = new Set<number>();
    for (const rows of built.tables.values()) for (const row of rows) if (row.ruleLine) used.add(row.ruleLine);
    const unused = built.curated.filter((c) => !used.has(c.line)).map((c) => `haproxy-curated.tsv:${c.line}`);
    expect(unused).toEqual([]);
  });
});
