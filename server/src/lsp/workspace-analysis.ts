/**
 * One analysis of a workspace folder (or of a lone file), done exactly as the CLI does it: the nearest
 * `.ha-lint.yaml` (versions, rule settings, ignore globs, manifest), the CLI's file discovery, inline suppressions
 * and severity overrides through analyze(). The only difference: files are read through a host that returns the
 * editor's open buffer when a file is open.
 */
import { dirname, relative, resolve } from "node:path";
import picomatch from "picomatch";
import { analyze, type AnalysisResult, type InputFile } from "../analyze.js";
import { collectFiles, InputError } from "../cli/collect-files.js";
import { findConfig, loadConfig, type LoadedConfig } from "../cli/config-file.js";
import { nodeHost } from "../cli/node-host.js";
import type { RuleSetting } from "../config/config-schema.js";
import { detectLanguage, type Language } from "../language.js";
import type { SourceHost } from "../syntax/keepalived/parse.js";

/** Settings the editor sends (VS Code `ha-lint.*`); the config file wins where both say something. */
export interface EditorSettings {
  haproxyVersion?: string;
  keepalivedVersion?: string;
  rules?: Record<string, RuleSetting>;
}

/** Open buffers laid over the files on disk. */
export class OverlayHost implements SourceHost {
  private readonly open = new Map<string, string>();

  set(file: string, text: string): void {
    this.open.set(file, text);
  }

  delete(file: string): void {
    this.open.delete(file);
  }

  isOpen(file: string): boolean {
    return this.open.has(file);
  }

  readFile(file: string): string | undefined {
    return this.open.get(file) ?? nodeHost.readFile(file);
  }

  glob(pattern: string): string[] {
    return nodeHost.glob(pattern);
  }

  isSkippedInclude(file: string): boolean {
    return nodeHost.isSkippedInclude?.(file) ?? false;
  }
}

export interface WorkspaceAnalysis {
  /** The folder analysed, or the lone file. */
  target: string;
  result: AnalysisResult;
  inputs: InputFile[];
  /** Every file the analysis read (inputs and included files), with the text it read. */
  sources: Map<string, string>;
  config: LoadedConfig;
  /** The config file could not be loaded (the analysis ran with no config). */
  configError?: { file: string; message: string };
}

export function analyzeTarget(target: string, host: OverlayHost, editor: EditorSettings = {}, forcedLanguage?: Language): WorkspaceAnalysis {
  const configFile = findConfig(target);
  let config: LoadedConfig = { config: {} };
  let configError: WorkspaceAnalysis["configError"];
  try {
    config = loadConfig(configFile);
  } catch (e) {
    configError = { file: configFile ?? target, message: e instanceof Error ? e.message : String(e) };
  }
  const ignoreGlobs = config.config.ignore ?? [];
  const isIgnored = ignoreGlobs.length > 0 && config.file ? picomatch(ignoreGlobs, { dot: true }) : undefined;
  const configDir = config.file ? dirname(config.file) : resolve(target);
  let collected: ReturnType<typeof collectFiles> = [];
  try {
    collected = collectFiles([target], forcedLanguage).filter((f) => f.explicit || !isIgnored?.(relative(configDir, f.path)));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
  }
  for (const c of config.manifest?.clusters ?? []) {
    for (const n of c.nodes) {
      for (const [path, language] of [
        [n.keepalived, "keepalived"],
        [n.haproxy, "haproxy"],
      ] as const) {
        if (path && !collected.some((x) => x.path === path)) collected.push({ path, explicit: true, language });
      }
    }
  }
  const inputs: InputFile[] = [];
  const sources = new Map<string, string>();
  for (const f of collected) {
    const text = host.readFile(f.path);
    if (text === undefined) continue;
    const language = f.language ?? detectLanguage(f.path, text);
    if (!language) continue;
    sources.set(f.path, text);
    inputs.push({ path: f.path, text, language });
  }
  const result = analyze({
    files: inputs,
    host,
    settings: {
      haproxyVersion: config.config.haproxyVersion ?? editor.haproxyVersion ?? "2.6",
      keepalivedVersion: config.config.keepalivedVersion ?? editor.keepalivedVersion ?? "2.2",
    },
    manifest: config.manifest,
    ruleSettings: { ...editor.rules, ...config.config.rules },
    inlineConfig: true,
  });
  for (const doc of result.input.keepalived) for (const f of doc.files) if (!sources.has(f)) sources.set(f, host.readFile(f) ?? "");
  const out: WorkspaceAnalysis = { target, result, inputs, sources, config };
  if (configError) out.configError = configError;
  return out;
}
