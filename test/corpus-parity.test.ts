/** The parsers agree with haproxy -c and keepalived -t on the shared corpus (see test/support/corpus-parity.ts). */
import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze } from "../server/src/analyze.js";
import { allRules } from "../server/src/rules/index.js";
import {
  corpusAvailable,
  corpusDir,
  corpusOf,
  readExclusions,
  checkFile,
  readVerdicts,
  runParity,
} from "./support/corpus-parity.js";

describe.runIf(corpusAvailable())("corpus parity", () => {
  // Collection runs this body even when the suite is skipped: read nothing without the corpus.
  const rows = corpusAvailable() ? runParity() : [];

  for (const corpus of [...new Set(rows.map((r) => corpusOf(r.file)))]) {
    test(`${corpus}: accepted files give no error, rejected files a finding on the tool's line`, () => {
      const mine = rows.filter((r) => corpusOf(r.file) === corpus);
      expect(mine.length).toBeGreaterThan(0);
      const falseRejects = mine
        .filter((r) => r.cls !== "syntax" && !r.agrees)
        .map((r) => `${r.file}: ${r.errors[0]?.rule} ${r.errors[0]?.message}`);
      const missed = mine
        .filter((r) => r.cls === "syntax" && !r.agrees)
        .map((r) => {
          const ours = r.findings.map((f) => `${f.rule}@${f.range.start.line + 1}`).join(", ") || "nothing";
          const fatal = r.fatal ? " (fatal: needs an error)" : "";
          return `${r.file}: the tool said on line ${r.message?.line ?? "-"}${fatal}: ${r.firstError.slice(0, 120)}; ha-lint: ${ours}`;
        });
      expect(falseRejects, "files the real tool accepts but ha-lint rejects").toEqual([]);
      expect(missed, "files the real tool rejects with no ha-lint finding on its line").toEqual([]);
    });
  }

  test("every exclusion is a reject that is still not caught, with a reason", () => {
    const byFile = new Map(rows.map((r) => [r.file, r]));
    for (const [file, reason] of readExclusions()) {
      const row = byFile.get(file);
      expect(row, `${file} is not in VERDICTS.tsv`).toBeDefined();
      expect(row!.cls, `${file} is excluded but the real tool accepts it`).toBe("syntax");
      const caught = checkFile(row!, new Map());
      expect(caught.agrees, `${file} is caught now: remove it from exclusions.tsv`).toBe(false);
      expect(reason).toMatch(/^(argument|inheritance|reference|build|value|environment|semantics): .{10,}/);
    }
  });

  test("no single-file rule reports an error on a file the real tool accepts", () => {
    const rules = allRules.filter((r) => r.scope !== "cluster");
    const errors: string[] = [];
    for (const v of readVerdicts()) {
      if (v.cls === "syntax") continue;
      const path = join(corpusDir, v.file);
      const result = analyze({
        files: [{ path, text: readFileSync(path, "latin1"), language: v.tool }],
        settings: { haproxyVersion: "2.6", keepalivedVersion: "2.2" },
        rules,
      });
      expect(result.internalErrors).toEqual([]);
      for (const f of result.findings)
        if (f.severity === "error") errors.push(`${v.file}:${f.range.start.line + 1} ${f.rule} ${f.message}`);
    }
    expect(errors).toEqual([]);
  });
});
