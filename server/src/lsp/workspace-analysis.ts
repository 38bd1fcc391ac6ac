/**
 * One analysis of a workspace folder (or of a lone file), done exactly as the CLI does it: the nearest
 * `.ha-lint.yaml` (versions, rule settings, ignore globs, manifest), the CLI's file discovery, inline suppressions
 * and severity overrides through analyze(). The only difference: files are read through a host that returns the
 * editor's open buffer when a file is open.
 */
import { dirname, resolve } from "node:path";
import { analyze, type AnalysisResult, type InputFile, type ParseCache } from "../analyze.js";
import { collectFiles, filesOfAnalysis, InputError } from "../cli/collect-files.js";
import { findConfig, loadConfig, type LoadedConfig } from "../cli/config-file.js";
import { createNodeHost, looksBinary, MAX_FILE_BYTES, nodeHost, ReadError, readText } from "../cli/node-host.js";
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

  /** The same, reading nothing outside `roots` (open buffers included): what one analysis may read. */
  scoped(roots: readonly string[]): SourceHost & { refused: Set<string> } {
    const disk = createNodeHost(roots);
    const probe = createNodeHost(roots);
    return {
      refused: disk.refused,
      readFile: (file) => {
        const open = this.open.get(file);
        if (open === undefined) return disk.readFile(file);
        // An open buffer is read only where the file itself could be (the probe says whether it is inside).
        probe.readFile(file);
        if (probe.refused.has(file)) {
          disk.refused.add(file);
          return undefined;
        }
        return open;
      },
      glob: (pattern) => disk.glob(pattern),
      isSkippedInclude: (file) => disk.isSkippedInclude?.(file) ?? false,
    };
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
  /** Files not analysed, with the reason (too large, binary), each published as one diagnostic. */
  refusedFiles: { file: string; message: string }[];
  /** Included files and patterns not read because they lie outside the workspace folder. */
  outside: string[];
  /** Input files holding NUL bytes (keepalived and HAProxy stop reading a line at the first one): the first one's offset. */
  nulBytes: { file: string; offset: number }[];
}

export function analyzeTarget(
  target: string,
  host: OverlayHost,
  editor: EditorSettings = {},
  forcedLanguage?: Language,
  cache?: ParseCache,
): WorkspaceAnalysis {
  const configFile = findConfig(target);
  let config: LoadedConfig = { config: {} };
  let configError: WorkspaceAnalysis["configError"];
  try {
    config = loadConfig(configFile);
  } catch (e) {
    configError = { file: configFile ?? target, message: e instanceof Error ? e.message : String(e) };
  }
  let found: ReturnType<typeof collectFiles> = [];
  try {
    found = collectFiles([target], forcedLanguage);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // A buffer whose file is not on disk (new, deleted, renamed): the editor's text is what there is to check.
    if (host.isOpen(resolve(target))) found = [{ path: resolve(target), language: forcedLanguage, explicit: true }];
  }
  const collected = filesOfAnalysis([target], forcedLanguage, config, resolve(target), found);
  const inputs: InputFile[] = [];
  const sources = new Map<string, string>();
  const refusedFiles: WorkspaceAnalysis["refusedFiles"] = [];
  const nulBytes: WorkspaceAnalysis["nulBytes"] = [];
  for (const f of collected) {
    let text: string | undefined;
    if (host.isOpen(f.path)) text = host.readFile(f.path);
    else {
      // A file of the folder that cannot be read is said so on the file, not left out in silence (the cluster's
      // findings would be computed without it).
      try {
        text = readText(f.path);
      } catch (e) {
        if (e instanceof ReadError && !e.message.startsWith("no such file"))
          refusedFiles.push({
            file: f.path,
            message: `this file ${e.message.startsWith("is ") ? e.message : `cannot be read: ${e.message}`}; it is not checked`,
          });
        continue;
      }
    }
    if (text === undefined) continue;
    if (text.length > MAX_FILE_BYTES) {
      refusedFiles.push({
        file: f.path,
        message: `this file is ${Math.round(text.length / 1024 / 1024)} MB; ha-lint analyses files up to ${MAX_FILE_BYTES / 1024 / 1024} MB, so it is not checked`,
      });
      continue;
    }
    if (looksBinary(text)) {
      refusedFiles.push({
        file: f.path,
        message:
          "this looks like a binary file (NUL bytes, mostly control characters), not a keepalived or HAProxy configuration; it is not checked",
      });
      continue;
    }
    const nul = text.indexOf("\u0000");
    if (nul >= 0) nulBytes.push({ file: f.path, offset: nul });
    const language = f.language ?? detectLanguage(f.path, text);
    if (!language) continue;
    sources.set(f.path, text);
    inputs.push({ path: f.path, text, language });
  }
  // Nothing outside the folder analysed (a lone file: its folder) and the config file's folder is read.
  const isFolder = collected.every((c) => !c.explicit || c.path !== resolve(target));
  const roots = [isFolder ? resolve(target) : dirname(resolve(target)), ...(config.file ? [dirname(config.file)] : [])];
  for (const c of config.manifest?.clusters ?? [])
    for (const n of c.nodes) for (const p of [n.keepalived, n.haproxy]) if (p) roots.push(dirname(p));
  const scoped = host.scoped(roots);
  const result = analyze({
    files: inputs,
    host: scoped,
    settings: {
      haproxyVersion: config.config.haproxyVersion ?? editor.haproxyVersion ?? "2.6",
      keepalivedVersion: config.config.keepalivedVersion ?? editor.keepalivedVersion ?? "2.2",
    },
    manifest: config.manifest,
    ruleSettings: { ...editor.rules, ...config.config.rules },
    inlineConfig: true,
    ...(cache ? { cache } : {}),
  });
  for (const doc of result.input.keepalived)
    for (const f of doc.files) if (!sources.has(f)) sources.set(f, scoped.readFile(f) ?? "");
  const out: WorkspaceAnalysis = {
    target,
    result,
    inputs,
    sources,
    config,
    refusedFiles,
    outside: [...scoped.refused].sort(),
    nulBytes,
  };
  if (configError) out.configError = configError;
  return out;
}
