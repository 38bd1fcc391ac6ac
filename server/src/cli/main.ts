/** ha-lint: the command line. A thin shell over the core: it reads files, calls analyze(), prints a report, sets the exit code. */
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Command, CommanderError, Option } from "commander";
import { analyze, type InputFile } from "../analyze.js";
import { detectLanguage } from "../language.js";
import { docsPath } from "../rules/docs-link.js";
import { severityRank, type Severity } from "../rules/finding.js";
import picomatch from "picomatch";
import { allRules, ruleById } from "../rules/index.js";
import type { Rule } from "../rules/rule.js";
import { collectFiles, InputError, nodeNameOf } from "./collect-files.js";
import { findConfig, loadConfig } from "./config-file.js";
import { formatJson } from "./format-json.js";
import { formatText } from "./format-text.js";
import { nodeHost, readText } from "./node-host.js";

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(resolve(packageRoot, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

interface Options {
  format: "text" | "json";
  lang?: "haproxy" | "keepalived";
  haproxyVersion?: string;
  keepalivedVersion?: string;
  config?: string;
  select?: string;
  ignore?: string;
  failOn: Severity;
  exitZero?: boolean;
  color?: boolean;
  debug?: boolean;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name("ha-lint")
    .description("Lint keepalived + HAProxy load-balancer pairs: each file, and the pair as one system.")
    .version(toolVersion())
    .argument("[paths...]", "files or directories to check", ["."])
    .addOption(new Option("-f, --format <format>", "report format").choices(["text", "json"]).default("text"))
    .addOption(new Option("--lang <language>", "language of the files named on the command line").choices(["haproxy", "keepalived"]))
    .option("--haproxy-version <version>", "target HAProxy version (2.6, 2.8, 3.0, 3.2, 3.4; default 2.6)")
    .option("--keepalived-version <version>", "target keepalived version (2.2, 2.3, 2.4; default 2.2)")
    .option("-c, --config <file>", "configuration file (default: the nearest .ha-lint.yaml above the first path)")
    .option("--select <rules>", "only these rules (comma-separated codes or names)")
    .option("--ignore <rules>", "skip these rules (comma-separated codes or names)")
    .addOption(new Option("--fail-on <severity>", "lowest severity that makes the exit code 1").choices(["error", "warning", "info"]).default("error"))
    .option("--exit-zero", "exit 0 even when there are findings")
    .option("--no-color", "no colours in the text report")
    .option("--debug", "print stack traces of internal errors")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let paths: string[] = [];
  let options: Options;
  try {
    program.parse(argv, { from: "user" });
    paths = program.args.length > 0 ? program.args : ["."];
    options = program.opts<Options>();
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }

  try {
    const loaded = loadConfig(options.config ? resolve(options.config) : findConfig(paths[0]));
    if (options.config && !loaded.file) throw new InputError(`${options.config}: configuration file not found`);
    const rules = selectRules(options.select, options.ignore);
    const ignoreGlobs = loaded.config.ignore ?? [];
    const isIgnored = ignoreGlobs.length > 0 && loaded.file ? picomatch(ignoreGlobs, { dot: true }) : undefined;
    const configDir = loaded.file ? dirname(loaded.file) : process.cwd();
    const manifestFiles = (loaded.manifest?.clusters ?? []).flatMap((c) => c.nodes.flatMap((n) => [n.keepalived, n.haproxy].filter((x): x is string => !!x)));
    const collected = collectFiles(paths, options.lang).filter((f) => f.explicit || !isIgnored?.(relative(configDir, f.path)));
    for (const m of manifestFiles) if (!collected.some((c) => c.path === m)) collected.push({ path: m, explicit: true });
    const inputs: InputFile[] = [];
    const sources = new Map<string, string>();
    for (const f of collected) {
      let text: string;
      try {
        text = readText(f.path);
      } catch (e) {
        throw new InputError(`${relative(process.cwd(), f.path) || f.path}: ${e instanceof Error ? e.message.replace(/^.*?: /, "") : String(e)}`);
      }
      const language = f.language ?? detectLanguage(f.path, text);
      if (!language) {
        if (f.explicit) throw new InputError(`${f.path}: cannot tell whether this is a keepalived or an HAProxy file; use --lang haproxy|keepalived`);
        continue;
      }
      sources.set(f.path, text);
      inputs.push({ path: f.path, text, language });
    }
    if (inputs.length === 0) throw new InputError(`no keepalived or HAProxy configuration found in ${paths.join(", ")}`);
    const result = analyze({
      files: inputs,
      host: nodeHost,
      settings: {
        haproxyVersion: options.haproxyVersion ?? loaded.config.haproxyVersion ?? "2.6",
        keepalivedVersion: options.keepalivedVersion ?? loaded.config.keepalivedVersion ?? "2.2",
      },
      rules,
      manifest: loaded.manifest,
      ruleSettings: loaded.config.rules,
    });
    if (result.internalErrors.length > 0) {
      throw new Error(`internal error in rule ${result.internalErrors[0].rule}: ${result.internalErrors[0].message}`);
    }
    for (const doc of result.input.keepalived) for (const f of doc.files) if (!sources.has(f)) sources.set(f, nodeHost.readFile(f) ?? "");
    const display = (file: string): string => relative(process.cwd(), file) || file;
    const docsUrl = (id: string): string => pathToFileURL(resolve(packageRoot, docsPath(id))).href;
    const fileCount = new Set([...inputs.map((i) => i.path), ...result.input.keepalived.flatMap((d) => d.files)]).size;
    const clusters = clustersOf(result, display);
    if (options.format === "json") {
      process.stdout.write(formatJson({ toolVersion: toolVersion(), findings: result.findings, fileCount, clusters, display, docsUrl }));
    } else {
      const color = options.color !== false && !process.env.NO_COLOR && process.stdout.isTTY === true;
      process.stdout.write(formatText({ findings: result.findings, fileCount, sources, display, docsUrl, color, clusters }));
    }
    if (options.exitZero) return 0;
    const threshold = severityRank[options.failOn];
    return result.findings.some((f) => severityRank[f.severity] >= threshold) ? 1 : 0;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`ha-lint: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`ha-lint: ${e instanceof Error ? e.message : String(e)}\n`);
    if (options.debug && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return 2;
  }
}

function ruleList(spec: string, flag: string): Rule[] {
  return spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((id) => {
      const r = ruleById(id);
      if (!r) throw new InputError(`${flag}: unknown rule '${id}' (see 'ha-lint rules')`);
      return r;
    });
}

function selectRules(select: string | undefined, ignore: string | undefined): readonly Rule[] {
  let rules: readonly Rule[] = select ? ruleList(select, "--select") : allRules;
  if (ignore) {
    const skip = new Set(ruleList(ignore, "--ignore"));
    rules = rules.filter((r) => !skip.has(r));
  }
  return rules;
}

/** The clusters as the analysis grouped them, with display paths. */
function clustersOf(result: ReturnType<typeof analyze>, display: (f: string) => string): { id: string; nodes: { name: string; files: string[] }[] }[] {
  return result.input.clusters.map((c) => ({
    id: display(c.id) || ".",
    nodes: c.nodes.map((n) => ({
      name: n.name,
      files: [...(n.keepalived?.document.files ?? []), ...(n.haproxy ? [n.haproxy.file] : []), ...n.sysctlFiles].map(display),
    })),
  }));
}
