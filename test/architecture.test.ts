/** The core (syntax, schema, model, simulate, rules, config, analyze) stays pure: no file system, process, network or editor imports. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "vitest";
import { repoRoot } from "./support/corpus-parity.js";

const core = ["syntax", "schema", "model", "simulate", "rules", "config"].map((d) => join(repoRoot, "server/src", d));
const coreFiles = [join(repoRoot, "server/src/analyze.ts"), join(repoRoot, "server/src/language.ts")];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
  });
}

test("the core imports no fs, process, child_process, network or vscode module and does not touch process", () => {
  const offenders: string[] = [];
  for (const file of [...core.flatMap(walk), ...coreFiles]) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(
      /from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g,
    )) {
      const mod = m[1] ?? m[2] ?? m[3];
      if (
        /^(node:)?(fs|fs\/promises|process|child_process|net|http|https|dgram|dns|tls|worker_threads)$/.test(mod) ||
        /^vscode/.test(mod)
      )
        offenders.push(`${relative(repoRoot, file)} imports ${mod}`);
      if (/\/cli\/|\/lsp\//.test(mod)) offenders.push(`${relative(repoRoot, file)} imports the shell module ${mod}`);
    }
    if (/\bprocess\.(env|exit|cwd|argv|stdout|stderr)/.test(text))
      offenders.push(`${relative(repoRoot, file)} uses process`);
  }
  expect(offenders).toEqual([]);
});

test("rules neither parse text nor read files: they import no parser", () => {
  const offenders: string[] = [];
  for (const file of walk(join(repoRoot, "server/src/rules"))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/from\s+["']([^"']+)["']/g)) {
      if (/syntax\/(haproxy|keepalived)\/(parse|parser|line-reader|tokens)\.js$/.test(m[1]))
        offenders.push(`${relative(repoRoot, file)} imports ${m[1]}`);
    }
  }
  expect(offenders).toEqual([]);
});
