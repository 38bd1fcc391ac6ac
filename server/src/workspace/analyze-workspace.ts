/**
 * One analysis of a workspace, the same for every shell: the CLI (paths on the command line, the disk), the
 * language server (a folder or a lone file, open buffers over the disk) and the lab (through the CLI's runAnalysis).
 * Files are collected and read through one WorkspaceFileSystem; the settings come from workspaceSettings().
 *
 * Refused files (binary, over 10 MB, unreadable, not a regular file) are never analysed and never stop the
 * analysis of the others: every shell reports each one on its file with the same sentence. The CLI prints them on
 * stderr and exits 2 (the report does not cover them); the editor shows one error diagnostic on the file.
 */
import { dirname, resolve } from "node:path";
import { analyze, type AnalysisResult, type InputFile, type ParseCache } from "../analyze.js";
import type { Language } from "../language.js";
import type { AnalysisSettings } from "../rules/context.js";
import type { Rule } from "../rules/rule.js";
import { applyConfigToFiles, discoverFiles, readInputs, type CollectedFile, type ReadInputs } from "./collect.js";
import type { LoadedConfig } from "./config-file.js";
import type { WorkspaceFileSystem } from "./file-system.js";
import { workspaceRuleSettings, workspaceSettings, type SettingChoices } from "./settings.js";
import { hostFactsReader } from "./host-facts/read-host-facts.js";
import { createSourceHost } from "./source-host.js";
import { renderTemplates, templateFiles } from "./templates.js";
import { expandManifestLists, withConfDirectories } from "./haproxy-files.js";

export interface WorkspaceRequest {
  /** Folders and files to analyse (relative to the process's folder, or absolute). */
  paths: readonly string[];
  fs: WorkspaceFileSystem;
  /** The loaded .ha-lint.yaml (`{ config: {} }` when there is none). */
  config: LoadedConfig;
  /** Where `ignore` globs are relative to when there is no config file. */
  configDirFallback: string;
  /** Language forced on every file (--lang, or the editor's language of a lone buffer). */
  lang?: Language;
  choices?: SettingChoices;
  rules?: readonly Rule[];
  inlineConfig?: boolean;
  /** Read included files, scripts and sysctl files outside the analysed folders too. */
  includeOutside?: boolean;
  cache?: ParseCache;
  /** Files already discovered (the server finds a buffer whose file is not on disk itself). */
  found?: readonly CollectedFile[];
}

export interface WorkspaceResult extends Omit<ReadInputs, "inputs"> {
  result: AnalysisResult;
  inputs: InputFile[];
  /** Text of every file read (inputs and included files). */
  sources: Map<string, string>;
  settings: AnalysisSettings;
  /** Included files, scripts and patterns not read because they lie outside the analysed folders, sorted. */
  outside: string[];
  /** Input files and included files analysed. */
  fileCount: number;
  /** Those files, sorted. */
  files: string[];
}

/** The folders an analysis may read from: the folders analysed, a file's folder, the config's, the manifest's. */
export function readRoots(
  paths: readonly string[],
  collected: readonly CollectedFile[],
  config: LoadedConfig,
): string[] {
  const explicit = new Set(collected.filter((c) => c.explicit).map((c) => c.path));
  const roots = paths.map((p) => resolve(p)).map((p) => (explicit.has(p) ? dirname(p) : p));
  if (config.file) roots.push(dirname(config.file));
  for (const cluster of config.manifest?.clusters ?? []) {
    for (const node of cluster.nodes) {
      for (const p of [node.keepalived, node.haproxy]) if (p) roots.push(dirname(p));
      for (const p of node.haproxyFiles ?? []) roots.push(dirname(p));
    }
    for (const p of [cluster.template?.keepalived, cluster.template?.haproxy]) if (p) roots.push(dirname(p));
  }
  return roots;
}

export function analyzeWorkspace(request: WorkspaceRequest): WorkspaceResult {
  const { fs } = request;
  // A node's `haproxy:` list of files and directories becomes the files HAProxy loads, in its order.
  const lists = expandManifestLists(fs, request.config.manifest);
  const config: LoadedConfig = { ...request.config, ...(lists.manifest ? { manifest: lists.manifest } : {}) };
  const found = request.found ?? discoverFiles(fs, request.paths, request.lang);
  // Template files are rendered per node, never analysed as they are (they may match the discovery patterns).
  const templates = templateFiles(config.manifest);
  const collected = applyConfigToFiles(found, config, resolve(request.configDirFallback)).filter(
    (f) => !templates.has(f.path),
  );
  const read = readInputs(fs, collected);
  read.refused.push(...lists.refused);
  const named = new Set(config.manifest?.clusters.flatMap((c) => c.nodes.flatMap((n) => n.haproxy ?? [])));
  read.inputs = withConfDirectories(fs, read.inputs, named);
  const rendered = renderTemplates(fs, config.manifest);
  read.refused.push(...rendered.refused);
  const sources = new Map([...read.inputs.map((i) => [i.path, i.text] as const), ...rendered.templates]);
  // Included files, scripts and sysctl files are read inside the analysed folders unless includeOutside says
  // otherwise: a config must not make ha-lint read /etc/shadow.
  const roots = request.includeOutside ? undefined : readRoots(request.paths, collected, config);
  const host = createSourceHost(fs, roots, { oneAnalysis: true });
  const settings = workspaceSettings(config.config, request.choices);
  const result = analyze({
    files: [...read.inputs, ...rendered.inputs],
    host,
    hostFacts: hostFactsReader(host),
    settings,
    ...(request.rules ? { rules: request.rules } : {}),
    ...(rendered.manifest ? { manifest: rendered.manifest } : {}),
    ruleSettings: workspaceRuleSettings(config.config, request.choices),
    inlineConfig: request.inlineConfig !== false,
    ...(request.cache ? { cache: request.cache } : {}),
  });
  const renderedPaths = new Set(rendered.inputs.map((i) => i.path));
  for (const doc of result.input.keepalived)
    for (const file of doc.files)
      if (!sources.has(file) && !renderedPaths.has(file)) sources.set(file, host.readFile(file) ?? "");
  // The other files of a configuration HAProxy loads from several (conf.d/).
  for (const doc of result.input.haproxy)
    if (!sources.has(doc.file) && !renderedPaths.has(doc.file)) sources.set(doc.file, host.readFile(doc.file) ?? "");
  // A host-fact file a finding is on (a compose file, an `ip -j` dump): its text, for the report's source lines.
  for (const finding of result.findings)
    if (!sources.has(finding.file) && !renderedPaths.has(finding.file)) {
      const text = host.readFile(finding.file);
      if (text !== undefined) sources.set(finding.file, text);
    }
  const files = new Set([
    ...read.inputs.map((i) => i.path),
    ...rendered.templates.keys(),
    ...result.input.keepalived.flatMap((d) => d.files).filter((f) => !renderedPaths.has(f)),
    ...result.input.haproxy.map((d) => d.file).filter((f) => !renderedPaths.has(f)),
  ]);
  const outside = [...host.refused].sort();
  return { ...read, result, sources, settings, outside, fileCount: files.size, files: [...files].sort() };
}
