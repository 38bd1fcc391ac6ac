/**
 * ha-lint: the command line. A thin shell over the core: it reads files, calls analyze(), prints reports, sets the exit
 * code.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Command, CommanderError, Option } from "commander";
import { createTwoFilesPatch } from "diff";
import pc from "picocolors";
import { renderRulePage } from "../rules/docs-page.js";
import { docsPath } from "../rules/docs-link.js";
import { maskSecretsInLine } from "../rules/mask-secret.js";
import { severityRank, type Finding, type Severity } from "../rules/finding.js";
import { allRules, ruleById } from "../rules/index.js";
import { DEFAULT_VERSIONS } from "../schema/versions.js";
import { failoverMatrix, matrixTables } from "../simulation.js";
import { applyFixesInPasses } from "./apply-fixes.js";
import { newFindings, readBaseline, writeBaseline } from "./baseline.js";
import { InputError } from "./collect-files.js";
import { FORMATS, isFormat, type FormatName } from "./formats/index.js";
import type { ReportInput } from "./formats/report-input.js";
import { registerLabCommand } from "../lab/command.js";
import { registerUpgradeCommand } from "./upgrade.js";
import { registerAnsibleCommand } from "./ansible/command.js";
import { lintManifests } from "./manifests/command.js";
import { lintAnalysis } from "./parallel-lint.js";
import { runAnalysis, type AnalysisOptions, type ReportedAnalysis } from "./run-analysis.js";

/** The package's root: two levels above dist/cli/main.js, one above dist-bundle/cli.mjs. */
const packageRoot = ((): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  const isRoot = (dir: string): boolean => {
    try {
      return (JSON.parse(readFileSync(resolve(dir, "package.json"), "utf8")) as { name?: string }).name === "ha-lint";
    } catch {
      return false;
    }
  };
  return [resolve(here, "../.."), resolve(here, "..")].find(isRoot) ?? resolve(here, "../..");
})();

function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(resolve(packageRoot, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

export interface LintOptions extends AnalysisOptions {
  format: FormatName;
  output: string[];
  failOn: Severity;
  exitZero?: boolean;
  maxWarnings?: string;
  color?: boolean;
  fix?: boolean;
  diff?: boolean;
  unsafeFixes?: boolean;
  baseline?: string;
  writeBaseline?: string;
}

const display = (file: string): string => relative(process.cwd(), file) || file;
const docsUrl = (ruleId: string): string =>
  pathToFileURL(resolve(packageRoot, ruleId === "README" ? "docs/rules/README.md" : docsPath(ruleId))).href;
const useColor = (flag: boolean | undefined): boolean =>
  flag !== false && !process.env.NO_COLOR && process.stdout.isTTY === true;

function clustersOf(analysis: ReportedAnalysis, show: (file: string) => string = display): ReportInput["clusters"] {
  // A node's rendering of a cluster template is shown as the template it comes from.
  const rendered = new Map(analysis.renderedFrom.map(([file, template]) => [file, `${show(template)} (template)`]));
  const shown = (file: string): string => rendered.get(file) ?? show(file);
  return analysis.clusters.map((cluster) => ({
    id: shown(cluster.id) || ".",
    nodes: cluster.nodes.map((node) => ({ name: node.name, files: node.files.map(shown) })),
  }));
}

/** The options of every command that writes a findings report. */
function addReportOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option("-f, --format <format>", "report format on standard output")
        .choices(Object.keys(FORMATS))
        .default("text"),
    )
    .option(
      "-o, --output <format=file>",
      "also write a report in this format to a file (repeatable)",
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .addOption(
      new Option("--fail-on <severity>", "lowest severity that makes the exit code 1")
        .choices(["error", "warning", "info"])
        .default("error"),
    )
    .option("--exit-zero", "exit 0 even when there are findings")
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this")
    .option("--baseline <file>", "report only findings that are not in this baseline")
    .option("--write-baseline <file>", "record the current findings as a baseline")
    .option("--no-color", "no colours in the text report");
}

function addAnalysisOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option("--lang <language>", "language of the files named on the command line").choices([
        "haproxy",
        "keepalived",
      ]),
    )
    .option(
      "--haproxy-version <version>",
      `target HAProxy version: 2.6, 2.8, 3.0, 3.2, 3.4 or a patch release such as 3.0.11 (default ` +
        `${DEFAULT_VERSIONS.haproxy})`,
    )
    .option(
      "--keepalived-version <version>",
      `target keepalived version: 2.2, 2.3, 2.4 or a patch release such as 2.3.3 (default ` +
        `${DEFAULT_VERSIONS.keepalived})`,
    )
    .option("-c, --config <file>", "configuration file (default: the nearest .ha-lint.yaml above the first path)")
    .option("--select <rules>", "only these rules (comma-separated codes or names)")
    .option("--ignore <rules>", "skip these rules (comma-separated codes or names)")
    .option("--no-inline-config", "ignore '# ha-lint disable-...' comments")
    .option("--include-outside", "also read included files, scripts and sysctl files outside the analysed folders");
}

/** The reports a run writes: `-o format=file` entries, plus the --format report on standard output. */
export function parseOutputs(
  options: Pick<LintOptions, "output" | "format" | "maxWarnings">,
): { format: FormatName; file?: string }[] {
  if (options.maxWarnings !== undefined && !/^\d+$/.test(options.maxWarnings))
    throw new InputError(`--max-warnings takes a whole number, not '${options.maxWarnings}'`);
  const outputs: { format: FormatName; file?: string }[] = [];
  for (const spec of options.output) {
    const equals = spec.indexOf("=");
    const name = equals < 0 ? spec : spec.slice(0, equals);
    if (!isFormat(name))
      throw new InputError(`-o ${spec}: unknown format '${name}' (${Object.keys(FORMATS).join(", ")})`);
    outputs.push(equals < 0 ? { format: name } : { format: name, file: spec.slice(equals + 1) });
  }
  if (!outputs.some((o) => o.file === undefined)) outputs.unshift({ format: options.format });
  return outputs;
}

/**
 * Writes the reports of an analysis's findings (baseline applied) and returns the exit code; also used by the commands
 * that lint generated files (ha-lint ansible, --from-manifests), with their own display of paths.
 */
export function reportFindings(
  analysis: ReportedAnalysis,
  found: Finding[],
  options: LintOptions,
  outputs: { format: FormatName; file?: string }[],
  show: (file: string) => string,
): number {
  let findings = found;
  if (options.writeBaseline) {
    writeFileSync(options.writeBaseline, writeBaseline(findings, analysis.sources, show));
    process.stderr.write(
      `ha-lint: wrote ${findings.length} finding${findings.length === 1 ? "" : "s"} to ${options.writeBaseline}\n`,
    );
  }
  if (options.baseline) findings = newFindings(findings, readBaseline(options.baseline), analysis.sources, show);

  const input: ReportInput = {
    toolVersion: toolVersion(),
    findings,
    fileCount: analysis.fileCount,
    clusters: clustersOf(analysis, show),
    sources: analysis.sources,
    display: show,
    docsUrl,
    color: false,
  };
  for (const output of outputs) {
    const text = FORMATS[output.format]({
      ...input,
      color: output.file === undefined && output.format === "text" && useColor(options.color),
    });
    if (output.file) writeFileSync(output.file, text);
    else process.stdout.write(text);
  }
  if (analysis.refused.length > 0) return 2;
  if (options.exitZero) return 0;
  const threshold = severityRank[options.failOn];
  if (findings.some((f) => severityRank[f.severity] >= threshold)) return 1;
  if (
    options.maxWarnings !== undefined &&
    findings.filter((f) => f.severity === "warning").length > Number(options.maxWarnings)
  )
    return 1;
  return 0;
}

async function lint(paths: string[], options: LintOptions): Promise<number> {
  if (options.diff && !options.fix) throw new InputError("--diff goes with --fix");
  const outputs = parseOutputs(options);

  // A refused file (binary, over 10 MB, unreadable) is reported on stderr and the run exits 2, after the report of
  // the other files, as the editor shows it on the file and analyses the rest.
  // An estate is analysed in worker threads (parallel-lint.ts); --fix analyses its own output again, in this thread.
  const script = options.fix ? undefined : shardWorkerScript;
  const analysis = await lintAnalysis(paths, { ...options, allowRefused: true }, script, (parts) => {
    if (debugRun) process.stderr.write(`ha-lint: debug: analysed in ${parts} worker threads\n`);
  });
  const printNotices = (): void => {
    for (const notice of analysis.notices) process.stderr.write(`ha-lint: ${notice}\n`);
  };
  const findings: Finding[] = analysis.findings;
  if (options.fix) {
    const fixed = applyFixesInPasses(
      findings,
      analysis.sources,
      options.unsafeFixes === true,
      (texts) => runAnalysis(paths, { ...options, allowRefused: true, overlay: texts }).result.findings,
    );
    if (options.diff) {
      printNotices();
      // The diff goes to CI logs: passwords on its lines (changed or context) are masked like in every report.
      for (const [file, text] of fixed.changed) {
        const patch = createTwoFilesPatch(
          display(file),
          display(file),
          analysis.sources.get(file) ?? "",
          text,
          "",
          "",
          {
            context: 3,
          },
        );
        process.stdout.write(
          patch
            .split("\n")
            .map((l) => (/^[ +-](?![-+]{2} )/.test(l) ? l[0] + maskSecretsInLine(l.slice(1)) : l))
            .join("\n"),
        );
      }
      process.stderr.write(
        `ha-lint: ${fixed.applied.length} fix${fixed.applied.length === 1 ? "" : "es"} would be ` +
          `applied${fixed.skipped ? `, ${fixed.skipped} not applied (conflicting with other fixes)` : ""}\n`,
      );
      return 0;
    }
    for (const [file, text] of fixed.changed) writeFileSync(file, text);
    if (fixed.applied.length > 0) {
      process.stderr.write(
        `ha-lint: applied ${fixed.applied.length} fix${fixed.applied.length === 1 ? "" : "es"} to ` +
          `${fixed.changed.size} file${fixed.changed.size === 1 ? "" : "s"}\n`,
      );
      return lint(paths, { ...options, fix: false });
    }
  }
  printNotices();
  return reportFindings(analysis, findings, options, outputs, display);
}

function simulate(paths: string[], options: AnalysisOptions & { format: "text" | "json"; color?: boolean }): number {
  const analysis = runAnalysis(paths, options);
  for (const notice of analysis.notices) process.stderr.write(`ha-lint: ${notice}\n`);
  const matrix = failoverMatrix(analysis.result.input.simulations, (id) => display(id) || ".");
  if (options.format === "json") {
    process.stdout.write(JSON.stringify(matrix, null, 2) + "\n");
    return 0;
  }
  const colors = useColor(options.color) ? pc : pc.createColors(false);
  const paint = (verdict: string, text: string): string =>
    verdict === "ok"
      ? colors.green(text)
      : verdict === "no-failback"
        ? colors.yellow(text)
        : colors.red(colors.bold(text));
  const out: string[] = [];
  const tables = matrixTables(matrix);
  if (tables.length === 0) out.push("no VRRP instance found: nothing to simulate");
  for (const table of tables) {
    const widths = table.header.map((h, i) => Math.max(h.length, ...table.rows.map((r) => r.cells[i].length)));
    const line = (cells: string[]): string => cells.map((x, i) => x.padEnd(widths[i])).join("  ");
    out.push(colors.bold(table.title), colors.dim(line(table.header)));
    for (const row of table.rows) {
      const cells = row.cells.map((x, i) => x.padEnd(widths[i]));
      cells[cells.length - 1] = paint(row.verdict, cells[cells.length - 1]);
      out.push(cells.join("  ").trimEnd());
    }
    out.push("");
  }
  process.stdout.write(out.join("\n") + "\n");
  return 0;
}

function listRules(format: "text" | "json"): number {
  if (format === "json") {
    process.stdout.write(
      JSON.stringify(
        allRules.map((listed) => ({
          rule: listed.id,
          name: listed.name,
          severity: listed.severity,
          scope: listed.scope,
          summary: listed.docs.summary,
          docs: docsUrl(listed.id),
        })),
        null,
        2,
      ) + "\n",
    );
    return 0;
  }
  const width = Math.max(...allRules.map((r) => r.name.length));
  for (const listed of allRules)
    process.stdout.write(
      `${listed.id}  ${listed.name.padEnd(width)}  ${listed.severity.padEnd(7)}  ${listed.docs.summary}\n`,
    );
  return 0;
}

function explain(ruleId: string): number {
  const rule = ruleById(ruleId);
  if (!rule) throw new InputError(`unknown rule '${ruleId}' (see 'ha-lint rules')`);
  process.stdout.write(renderRulePage(rule));
  return 0;
}

/** The script a worker thread of a parallel lint runs (bin/ha-lint.js), when main() was started from it. */
let shardWorkerScript: URL | undefined;
/** --debug: stack traces of internal errors, and how the run was analysed. */
let debugRun = false;

export { isShardWorker, runShardWorker } from "./parallel-lint.js";

export interface MainOptions {
  /** The script to start worker threads from: the bin, which runs runShardWorker() in them. */
  workerScript?: URL;
}

export async function main(argv: string[], mainOptions: MainOptions = {}): Promise<number> {
  shardWorkerScript = mainOptions.workerScript;
  let code = 0;
  let debug = argv.includes("--debug");
  debugRun = debug;
  const run = (command: () => number | Promise<number>) => async () => {
    code = await command();
  };
  const program = new Command()
    .name("ha-lint")
    .description("Lint keepalived + HAProxy load-balancer pairs: each file, and the pair as one system.")
    .version(toolVersion())
    .option("--debug", "print stack traces of internal errors and how the run was analysed")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  addAnalysisOptions(
    addReportOptions(
      program
        .command("lint", { isDefault: true })
        .description("check the files and clusters found under the paths (default)")
        .argument("[paths...]", "files or directories", ["."]),
    )
      .option("--fix", "apply safe fixes to the files")
      .option("--diff", "with --fix: print the changes as a unified diff instead of writing them")
      .option("--unsafe-fixes", "with --fix: also apply fixes that may change behaviour")
      .option(
        "--from-manifests",
        "read the paths as Kubernetes manifests (multi-document YAML, '-' for standard input): configs from " +
          "ConfigMaps and static pods",
      ),
  ).action((paths: string[], opts: LintOptions & { fromManifests?: boolean }, cmd: Command) =>
    run(() => {
      const options = { ...cmd.optsWithGlobals(), ...opts };
      if (!opts.fromManifests) return lint(paths.length ? paths : ["."], options);
      if (options.fix) throw new InputError("--fix does not apply to --from-manifests (fix the manifests themselves)");
      return lintManifests(paths, options, { parseOutputs, reportFindings });
    })(),
  );

  registerAnsibleCommand(
    program,
    (cmd) => addAnalysisOptions(addReportOptions(cmd)),
    { parseOutputs, reportFindings },
    (exitCode) => {
      code = exitCode;
    },
  );

  addAnalysisOptions(
    program
      .command("simulate")
      .description("print the failover matrix: each scenario's priorities, states, VIP holder and verdict")
      .argument("[paths...]", "files or directories", ["."])
      .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
      .option("--no-color", "no colours"),
  ).action((paths: string[], opts: AnalysisOptions & { format: "text" | "json"; color?: boolean }) =>
    run(() => simulate(paths.length ? paths : ["."], opts))(),
  );

  registerLabCommand(program, (exitCode) => {
    code = exitCode;
  });
  registerUpgradeCommand(program, addAnalysisOptions, (exitCode) => {
    code = exitCode;
  });

  program
    .command("rules")
    .description("list every rule")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .action((opts: { format: "text" | "json" }) => run(() => listRules(opts.format))());

  program
    .command("explain")
    .description("show a rule's documentation")
    .argument("<rule>", "rule code or name")
    .action((id: string) => run(() => explain(id))());

  try {
    await program.parseAsync(argv, { from: "user" });
    debug = debug || program.opts().debug === true;
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof InputError) {
      process.stderr.write(`ha-lint: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `ha-lint: internal error: ${error instanceof Error ? error.message : String(error)}${debug ? "" : " (run with --debug for details)"}\n`,
    );
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return 2;
  }
}
