/**
 * The layering (the core imports no fs, process, network, shell or editor module; rules import no parser; the shells
 * reach the core only through its entry points) is enforced by eslint.config.js and `npm run lint`. This test checks
 * what ESLint cannot check by itself: that its configuration classifies every part of server/src, and that the
 * layering rules really refuse what they are meant to refuse (a config edit that drops one fails here).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, test } from "vitest";
import { repoRoot } from "./support/corpus-parity.js";

/** The shells: they may read files and talk to editors, and reach the core through its entry points. */
const SHELLS = ["cli", "lab", "lsp", "workspace"];

const eslint = new ESLint({
  cwd: repoRoot,
  // Type information is not needed for the import rules, and a probe file is in no tsconfig project.
  overrideConfig: [tseslint.configs.disableTypeChecked],
});

async function problems(file: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: join(repoRoot, file) });
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

async function layeringProblems(file: string, text: string): Promise<string[]> {
  return (await problems(file, text)).filter((problem) => /^no-restricted-(imports|globals|syntax):/.test(problem));
}

test("every folder and top-level file of server/src is either linted as core or a shell", async () => {
  const unclassified: string[] = [];
  for (const entry of readdirSync(join(repoRoot, "server/src"))) {
    if (SHELLS.includes(entry)) continue;
    const file = entry.endsWith(".ts") ? entry : `${entry}/layering-probe.ts`;
    const config = (await eslint.calculateConfigForFile(join(repoRoot, "server/src", file))) as {
      rules?: Record<string, unknown>;
    };
    if (config.rules?.["no-restricted-globals"] === undefined) unclassified.push(entry);
  }
  expect(unclassified).toEqual([]);
});

describe("the core stays pure", () => {
  const probe = "server/src/model/layering-probe.ts";
  test.each([
    ["node:fs", 'import { readFileSync } from "node:fs";\nexport const read = readFileSync;\n'],
    ["child_process", 'import { spawnSync } from "child_process";\nexport const run = spawnSync;\n'],
    ["node:net", 'import { createConnection } from "node:net";\nexport const connect = createConnection;\n'],
    ["the editor API", 'import { TextDocuments } from "vscode-languageserver";\nexport const docs = TextDocuments;\n'],
    ["a shell", 'import { runAnalysis } from "../cli/run-analysis.js";\nexport const run = runAnalysis;\n'],
    ["process", "export const home = process.env.HOME;\n"],
    ["a dynamic import", 'export const later = import("node:fs");\n'],
  ])("a core module may not use %s", async (_label, text) => {
    expect(await layeringProblems(probe, text)).not.toEqual([]);
  });

  test("a core module may import another core module", async () => {
    expect(await layeringProblems(probe, 'export type { Finding } from "../rules/finding.js";\n')).toEqual([]);
  });
});

describe("rules read trees and the model, never text", () => {
  const probe = "server/src/rules/keepalived/layering-probe.ts";
  test.each([
    "../../syntax/keepalived/parse.js",
    "../../syntax/keepalived/line-reader.js",
    "../../syntax/haproxy/parser.js",
    "../../syntax/haproxy/tokens.js",
    "../../syntax/keepalived/index.js",
  ])("a rule may not import %s", async (module) => {
    expect(await layeringProblems(probe, `export * from "${module}";\n`)).not.toEqual([]);
  });

  test("a rule may import the syntax tree", async () => {
    expect(
      await layeringProblems(probe, 'export type { KaStatement } from "../../syntax/keepalived/tree.js";\n'),
    ).toEqual([]);
  });
});

describe("the shells reach the core through its entry points", () => {
  test.each([
    "server/src/cli/layering-probe.ts",
    "server/src/lab/layering-probe.ts",
    "server/src/lsp/layering-probe.ts",
  ])("%s", async (probe) => {
    for (const internal of [
      "../model/types.js",
      "../simulate/scenarios.js",
      "../syntax/keepalived/tree.js",
      "../rules/keepalived/duplicate-vrid.js",
    ])
      expect(await layeringProblems(probe, `export * from "${internal}";\n`), internal).not.toEqual([]);
    for (const entry of [
      "../analyze.js",
      "../model/index.js",
      "../simulation.js",
      "../syntax/keepalived/index.js",
      "../syntax/haproxy/index.js",
      "../rules/index.js",
    ])
      expect(await layeringProblems(probe, `export * from "${entry}";\n`), entry).toEqual([]);
  });
});
