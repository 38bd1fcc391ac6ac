/** Formatting every fixture and corpus file keeps its syntax tree and is idempotent. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "vitest";
import { detectLanguage } from "../../server/src/language.js";
import { formatText } from "../../server/src/lsp/format.js";
import { haproxyKeywords } from "../../server/src/schema/haproxy-keywords.js";
import { parseHaproxy } from "../../server/src/syntax/haproxy/parse.js";
import { walkStatements } from "../../server/src/syntax/keepalived/tree.js";
import { parseKeepalived } from "../../server/src/syntax/keepalived/parse.js";
import { repoRoot } from "./harness.js";

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.(cfg|conf)$/.test(n) ? [p] : [];
  });
}

const files = [...walk(join(repoRoot, "fixtures")), ...walk(join(repoRoot, "test/corpus"))];
const hk = haproxyKeywords("2.6");

function shape(file: string, text: string, language: "haproxy" | "keepalived"): unknown {
  if (language === "haproxy") {
    const d = parseHaproxy(file, text, { sectionKeywords: hk.sectionNames });
    return {
      sections: d.sections.map((s) => [
        s.kind,
        s.name?.value,
        s.lines.map((l) => [l.keyword.value, ...l.args.map((a) => a.value)]),
      ]),
      outside: d.outside.length,
      issues: d.issues.map((i) => i.message),
    };
  }
  const d = parseKeepalived(file, text);
  return {
    statements: [...walkStatements(d.statements)].map(({ statement, parents }) => [
      parents.length,
      statement.keyword.value,
      ...statement.args.map((a) => a.value),
    ]),
    issues: d.issues.map((i) => i.message),
  };
}

test("formatting keeps the syntax tree and formatting twice changes nothing", () => {
  expect(files.length).toBeGreaterThan(20);
  let changed = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const language = detectLanguage(file, text);
    if (!language) continue;
    const options = { indent: "    ", sectionKeywords: hk.sectionNames };
    const once = formatText(text, language, options);
    if (once !== text) changed++;
    expect(shape(file, once, language), relative(repoRoot, file)).toEqual(shape(file, text, language));
    expect(formatText(once, language, options), relative(repoRoot, file)).toBe(once);
  }
  expect(changed).toBeGreaterThan(0);
});
