/**
 * A refused file is handled one way by the CLI and the server: it is not analysed, the other files are, and both
 * say the same sentence about it (the CLI on stderr with exit 2, the server as one diagnostic on the file).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { runAnalysis } from "../../server/src/cli/run-analysis.js";
import { InputError } from "../../server/src/cli/collect-files.js";
import { Analyzer } from "../../server/src/lsp/analyzer.js";
import { fixturesDir } from "../support/fixture-run.js";

const dir = mkdtempSync(join(tmpdir(), "ha-lint-refused-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a binary haproxy.cfg beside a keepalived.conf: the keepalived.conf is analysed, the binary file refused", () => {
  writeFileSync(
    join(dir, "keepalived.conf"),
    readFileSync(join(fixturesDir, "ha005-vrid-reused-two-pairs", "lb01", "keepalived.conf")),
  );
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
  writeFileSync(join(dir, "haproxy.cfg"), bytes);

  const cli = runAnalysis([dir], { allowRefused: true });
  expect(cli.inputs.map((i) => i.path)).toEqual([join(dir, "keepalived.conf")]);
  expect(cli.refused.map(({ file, messageId }) => ({ file, messageId }))).toEqual([
    { file: join(dir, "haproxy.cfg"), messageId: "binary" },
  ]);
  // Commands that need the whole cluster stop on it.
  expect(() => runAnalysis([dir], {})).toThrow(InputError);

  const analyzer = new Analyzer();
  analyzer.setFolders([dir]);
  analyzer.open(join(dir, "keepalived.conf"), readFileSync(join(dir, "keepalived.conf"), "utf8"), 1);
  const published = analyzer.update(join(dir, "keepalived.conf"));
  const onBinary = published.find((p) => p.file === join(dir, "haproxy.cfg"));
  // The editor shows the CLI's own refusal sentence: the test is that both shells say the same.
  expect(onBinary?.findings.map((f) => f.message)).toEqual([`this file ${cli.refused[0].message}; it is not checked`]);
  const onKeepalived = published.find((p) => p.file === join(dir, "keepalived.conf"));
  expect(onKeepalived?.findings.map((f) => f.rule).sort()).toEqual(cli.result.findings.map((f) => f.rule).sort());
});

test("opening the refused file itself publishes its folder's analysis, as opening any other file of the folder does", () => {
  // Found by the fuzzer's CLI/server comparison: the server analysed a refused file as a lone file, so the editor
  // showed nothing for the folder's other files until one of them was opened.
  const binary = join(dir, "haproxy.cfg");
  const cli = runAnalysis([dir], { allowRefused: true });
  const analyzer = new Analyzer();
  analyzer.setFolders([dir]);
  analyzer.open(binary, readFileSync(binary, "latin1"), 1);
  const published = analyzer.update(binary);
  const onKeepalived = published.find((p) => p.file === join(dir, "keepalived.conf"));
  expect(onKeepalived?.findings.map((f) => f.rule).sort()).toEqual(cli.result.findings.map((f) => f.rule).sort());
  expect(published.find((p) => p.file === binary)?.findings.map((f) => f.rule)).toEqual(["input"]);
});
