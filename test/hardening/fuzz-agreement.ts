/**
 * The fuzz properties that compare two ways of analysing the same case (test/hardening/fuzz-core.ts runs them on a
 * sample of the cases, since each costs several analyses):
 * - the shells agree: `ha-lint check DIR` (runAnalysis) and the language server (Analyzer, the folder open as a
 *   workspace folder and one file open in the editor) give the same findings for the same files on disk;
 * - a file's single-file findings (rules of scope keepalived or haproxy) are the same whether the file is analysed
 *   alone or inside its cluster: the same rules, severities, positions and message ids. Rules that declare
 *   `nodeContext` (they also read the node's other file, as KA016 reads its haproxy.cfg) are left out; the message
 *   text is not compared, since a message may name what the neighbour file says.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { analyze, type AnalysisResult, type InputFile } from "../../server/src/analyze.js";
import { runAnalysis as runCli } from "../../server/src/cli/run-analysis.js";
import { Analyzer } from "../../server/src/lsp/analyzer.js";
import type { Finding } from "../../server/src/rules/finding.js";
import { allRules } from "../../server/src/rules/index.js";
import type { SourceHost } from "../../server/src/syntax/keepalived/parse.js";
import { InputError } from "../../server/src/workspace/input-error.js";

export class AgreementFailure extends Error {}

/** Rules that read one file only: not the cluster's, nor (rules with nodeContext) the node's other file. */
const singleFileRules = new Set(allRules.filter((r) => r.scope !== "cluster" && !r.nodeContext).map((r) => r.id));

/** A finding as both shells show it: rule, severity, file (relative to the root), position and message. */
function findingKey(root: string, finding: Finding): string {
  const { start } = finding.range;
  const where = `${relative(root, finding.file)}:${start.line + 1}:${start.character + 1}`;
  return `${finding.rule} ${finding.severity} ${where} ${finding.message}`;
}

/** A finding without its message text: what must not depend on the file's neighbours. */
function placeKey(finding: Finding): string {
  const { start, end } = finding.range;
  const span = `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
  return `${finding.rule} ${finding.severity} ${finding.file}:${span} ${finding.messageId ?? ""}`;
}

function firstDifference(left: readonly string[], right: readonly string[]): string {
  const onlyLeft = left.filter((k) => !right.includes(k));
  const onlyRight = right.filter((k) => !left.includes(k));
  return `only in the first: ${onlyLeft.slice(0, 2).join(" | ") || "-"}; only in the second: ${
    onlyRight.slice(0, 2).join(" | ") || "-"
  }`;
}

/** Writes the case's files under a new temporary folder, keeping their layout below `root`. */
function writeTree(root: string, files: ReadonlyMap<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ha-lint-fuzz-case-"));
  for (const [path, text] of files) {
    const target = join(dir, relative(root, path));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return dir;
}

function cliFindings(dir: string): string[] | undefined {
  try {
    const cli = runCli([dir], { allowRefused: true });
    return cli.result.findings.map((f) => findingKey(dir, f)).sort();
  } catch (error) {
    // A case the CLI refuses as a whole (every file binary, no config found) has no findings to compare.
    if (error instanceof InputError) return undefined;
    throw error;
  }
}

function serverFindings(dir: string, opened: string, text: string): string[] {
  const analyzer = new Analyzer();
  analyzer.setFolders([dir]);
  analyzer.open(opened, text, 1);
  return analyzer
    .update(opened)
    .flatMap((publication) => publication.findings)
    .filter((f) => f.rule !== "input" && f.rule !== "config")
    .map((f) => findingKey(dir, f))
    .sort();
}

/** The CLI and the language server give the same findings for the case's files on disk. */
export function checkShellsAgree(root: string, files: ReadonlyMap<string, string>, opened: string): void {
  const dir = writeTree(root, files);
  try {
    const cli = cliFindings(dir);
    if (cli === undefined) return;
    const openedOnDisk = join(dir, relative(root, opened));
    const server = serverFindings(dir, openedOnDisk, files.get(opened) ?? "");
    if (server.join("\n") !== cli.join("\n"))
      throw new AgreementFailure(`the CLI and the language server disagree: ${firstDifference(cli, server)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Each input's single-file findings are the same alone as in the cluster's analysis (`clustered`, made with the same
 * settings and host).
 */
export function checkAloneEqualsCluster(
  clustered: AnalysisResult,
  inputs: readonly InputFile[],
  host: SourceHost,
  settings: NonNullable<Parameters<typeof analyze>[0]["settings"]>,
): void {
  for (const input of inputs) {
    const ownFile = (f: Finding): boolean => f.file === input.path && singleFileRules.has(f.rule);
    const inCluster = clustered.findings.filter(ownFile).map(placeKey).sort();
    const alone = analyze({ files: [input], host, settings })
      .findings.filter(ownFile)
      .map(placeKey)
      .sort();
    if (alone.join("\n") !== inCluster.join("\n"))
      throw new AgreementFailure(
        `${input.path}: single-file findings differ alone and in the cluster: ${firstDifference(alone, inCluster)}`,
      );
  }
}
