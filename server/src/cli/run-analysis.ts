/** What every command that analyses does: find the config, then the workspace layer collects, reads and analyses. */
import { relative, resolve } from "node:path";
import type { AnalysisResult, InputFile } from "../analyze.js";
import type { Language } from "../language.js";
import { LineIndex } from "../syntax/source.js";
import { allRules, ruleById } from "../rules/index.js";
import type { AnalysisSettings } from "../rules/context.js";
import { isVersion } from "../schema/versions.js";
import type { Rule } from "../rules/rule.js";
import { analyzeWorkspace, type WorkspaceResult } from "../workspace/analyze-workspace.js";
import type { CollectedFile, RefusedFile } from "../workspace/collect.js";
import { findConfig, loadConfig, type LoadedConfig } from "../workspace/config-file.js";
import { diskFileSystem, OverlayFileSystem } from "../workspace/file-system.js";
import { workspaceSettings } from "../workspace/settings.js";
import { clusterSummaries, renderedTemplates, type ClusterSummary } from "../workspace/cluster-summary.js";
import { InputError } from "./collect-files.js";
import { NUL_MESSAGE } from "./node-host.js";

export interface AnalysisOptions {
  lang?: Language;
  haproxyVersion?: string;
  keepalivedVersion?: string;
  config?: string;
  select?: string;
  ignore?: string;
  /** Honour `# ha-lint disable...` comments (default true). */
  inlineConfig?: boolean;
  /** Read included files (and scripts, sysctl files) outside the analysed folders too. */
  includeOutside?: boolean;
  /** Texts to use instead of the files on disk (--fix analyses its own output before writing it). */
  overlay?: ReadonlyMap<string, string>;
  /**
   * Analyse the other files when some are refused (binary, over 10 MB, unreadable) and return them in `refused`
   * (lint: it reports them and exits 2). Without it a refused file stops the run (a simulation, an upgrade or a lab
   * run of a cluster missing a file would be wrong).
   */
  allowRefused?: boolean;
}

/** What a findings report needs of an analysis besides its findings (cli/main.ts reportFindings). */
export interface ReportedAnalysis {
  /** Text of every file read (inputs and included files), for reports and fixes. */
  sources: Map<string, string>;
  fileCount: number;
  /** Files not analysed, with why. */
  refused: RefusedFile[];
  clusters: ClusterSummary[];
  /** The template each rendered text comes from, by the rendered text's path. */
  renderedFrom: [string, string][];
}

export interface CliAnalysis extends ReportedAnalysis {
  result: AnalysisResult;
  inputs: InputFile[];
  /** Text of every file read (inputs and included files), for reports and fixes. */
  sources: Map<string, string>;
  config: LoadedConfig;
  fileCount: number;
  /**
   * What the user must know about this run (files read with replacement characters, files not read): printed on stderr.
   */
  notices: string[];
  /** Files not analysed, with why ("<file>: <message>; it is not checked" on stderr). */
  refused: RefusedFile[];
  /** The workspace layer's whole answer. */
  workspace: WorkspaceResult;
}

export function ruleList(spec: string, flag: string): Rule[] {
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

export function selectRules(select: string | undefined, ignore: string | undefined): readonly Rule[] {
  let rules: readonly Rule[] = select ? ruleList(select, "--select") : allRules;
  if (ignore) {
    const skip = new Set(ruleList(ignore, "--ignore"));
    rules = rules.filter((r) => !skip.has(r));
  }
  return rules;
}

/** A --haproxy-version / --keepalived-version value: a minor (3.2) or a patch release (3.2.26). */
export function checkVersionFlag(flag: string, value: string | undefined): void {
  if (value !== undefined && !isVersion(value))
    throw new InputError(`${flag} takes a version such as 2.3 or 2.3.3, not '${value}'`);
}

/** The version flags of a run, checked. */
function versionFlags(options: AnalysisOptions): { haproxyVersion?: string; keepalivedVersion?: string } {
  checkVersionFlag("--haproxy-version", options.haproxyVersion);
  checkVersionFlag("--keepalived-version", options.keepalivedVersion);
  const flags: { haproxyVersion?: string; keepalivedVersion?: string } = {};
  if (options.haproxyVersion) flags.haproxyVersion = options.haproxyVersion;
  if (options.keepalivedVersion) flags.keepalivedVersion = options.keepalivedVersion;
  return flags;
}

/**
 * The analysis settings of a run: the flags, then .ha-lint.yaml, then the defaults; per-node versions from the file.
 */
export function settingsOf(options: AnalysisOptions, loaded: LoadedConfig): AnalysisSettings {
  return workspaceSettings(loaded.config, { flags: versionFlags(options) });
}

/** "file:line:column" of an offset in a text (1-based), as the CLI prints positions. */
function positionOf(text: string, offset: number): string {
  const at = new LineIndex(text).positionAt(offset);
  return `${at.line + 1}:${at.character + 1}`;
}

/** What the user must be told of a run besides its findings (stderr), in the order the files were found. */
export interface RunNoticeInput {
  nulBytes: readonly { file: string; offset: number }[];
  invalidUtf8: readonly string[];
  refused: readonly RefusedFile[];
  outside: readonly string[];
  textOf: (file: string) => string | undefined;
}

export function runNotices(input: RunNoticeInput): string[] {
  const shown = (p: string): string => relative(process.cwd(), p) || p;
  const notices: string[] = [];
  for (const nul of input.nulBytes)
    notices.push(`${shown(nul.file)}:${positionOf(input.textOf(nul.file) ?? "", nul.offset)}: ${NUL_MESSAGE}`);
  for (const file of input.invalidUtf8)
    notices.push(`${shown(file)}: not valid UTF-8; the invalid bytes are read as U+FFFD`);
  notices.push(...refusalLines(input.refused));
  if (input.outside.length > 0) {
    const list = input.outside;
    notices.push(
      `not read: ${list.length} include pattern${list.length === 1 ? "" : "s"} or ` +
        `file${list.length === 1 ? "" : "s"} outside the analysed folders ` +
        `(${list.slice(0, 3).map(shown).join(", ")}${list.length > 3 ? ", ..." : ""}); the report does not cover ` +
        `them (--include-outside reads them)`,
    );
  }
  return notices;
}

function refusalLines(refused: readonly RefusedFile[]): string[] {
  const shown = (p: string): string => relative(process.cwd(), p) || p;
  return refused.map((r) => `${shown(r.file)}: ${r.message}; it is not checked`);
}

/** The part of a run an analysis in a worker thread does: the files it was given, none of the run's own checks. */
export interface AnalysisPart {
  found: CollectedFile[];
}

/**
 * Stops a run the user must fix first: a file of unknown language, refused files (unless allowed), nothing to
 * analyse (checked for a whole run only), a rule that failed.
 */
function checkRun(workspace: WorkspaceResult, paths: readonly string[], options: AnalysisOptions, whole: boolean) {
  const { result, inputs, refused } = workspace;
  if (workspace.undetermined.length > 0)
    throw new InputError(
      `${workspace.undetermined[0]}: cannot tell whether this is a keepalived or an HAProxy file; use --lang ` +
        `haproxy|keepalived`,
    );
  if (refused.length > 0 && whole && (!options.allowRefused || inputs.length === 0))
    throw new InputError(refusalLines(refused).join("\n"));
  if (whole && inputs.length === 0)
    throw new InputError(`no keepalived or HAProxy configuration found in ${paths.join(", ")}`);
  if (result.internalErrors.length > 0)
    throw new Error(`internal error in rule ${result.internalErrors[0].rule}: ${result.internalErrors[0].message}`);
}

export function runAnalysis(paths: string[], options: AnalysisOptions, part?: AnalysisPart): CliAnalysis {
  const configFile = options.config ? resolve(options.config) : findConfig(paths[0]);
  const loaded = loadConfig(configFile);
  const flags = versionFlags(options);
  const fs = options.overlay ? new OverlayFileSystem(diskFileSystem, options.overlay) : diskFileSystem;
  const workspace = analyzeWorkspace({
    paths,
    fs,
    config: loaded,
    configDirFallback: process.cwd(),
    ...(options.lang ? { lang: options.lang } : {}),
    choices: { flags },
    rules: selectRules(options.select, options.ignore),
    inlineConfig: options.inlineConfig !== false,
    includeOutside: options.includeOutside === true,
    ...(part ? { found: part.found } : {}),
  });
  checkRun(workspace, paths, options, part === undefined);
  const { result, inputs, refused } = workspace;
  const textOf = new Map(inputs.map((i) => [i.path, i.text]));
  const notices = runNotices({ ...workspace, textOf: (file) => textOf.get(file) });
  return {
    result,
    inputs,
    sources: workspace.sources,
    config: loaded,
    fileCount: workspace.fileCount,
    notices,
    refused,
    workspace,
    clusters: clusterSummaries(result),
    renderedFrom: renderedTemplates(result),
  };
}
