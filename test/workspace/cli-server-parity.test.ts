/**
 * The CLI and the language server give the same findings for the same inputs: every fixture folder is analysed by
 * runAnalysis() (what `ha-lint check DIR` prints) and by the server's Analyzer with the folder open as a workspace
 * folder and one of its files open in the editor; the findings published for every file must be the CLI's.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, test } from "vitest";
import { runAnalysis } from "../../server/src/cli/run-analysis.js";
import { Analyzer } from "../../server/src/lsp/analyzer.js";
import type { Finding } from "../../server/src/rules/finding.js";
import { fixtureDirs } from "../support/fixture-run.js";

const keyOf = (dir: string, f: Finding): string =>
  `${f.rule} ${f.severity} ${relative(dir, f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`;

const dirs = fixtureDirs();

describe("CLI and language server agree on every fixture", () => {
  test("there are fixtures to compare", () => {
    expect(dirs.length).toBeGreaterThan(20);
  });

  test.each(dirs.map((d) => [relative(process.cwd(), d), d]))("%s", (_name, dir) => {
    const cli = runAnalysis([dir], { allowRefused: true });
    const cliKeys = cli.result.findings.map((f) => keyOf(dir, f)).sort();

    const analyzer = new Analyzer();
    analyzer.setFolders([dir]);
    // Open one input in the editor (its buffer is the file's text): what a user does before the first diagnostics.
    const opened = cli.inputs[0].path;
    analyzer.open(opened, readFileSync(opened, "utf8"), 1);
    const published = analyzer.update(opened);
    const serverKeys = published
      .flatMap((p) => p.findings)
      .filter((f) => f.rule !== "input" && f.rule !== "config")
      .map((f) => keyOf(dir, f))
      .sort();
    expect(serverKeys).toEqual(cliKeys);
    // Every file the CLI read is published (with its findings, or none), and the same settings were used.
    expect(new Set(published.map((p) => p.file))).toEqual(new Set(cli.sources.keys()));
    expect(analyzer.analysisFor(opened).settings).toEqual(cli.workspace.settings);
  });
});
