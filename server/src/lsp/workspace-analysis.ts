/**
 * One analysis of a workspace folder (or of a lone file), done by the workspace layer exactly as for the CLI: the
 * nearest `.ha-lint.yaml` (versions, per-node versions, rule settings, ignore globs, manifest), the same discovery,
 * the same refusals, the same defaults. The only difference: files are read through a file system that returns the
 * editor's open buffer when a file is open.
 */
import { resolve } from "node:path";
import type { AnalysisResult, InputFile, ParseCache } from "../analyze.js";
import type { RuleSetting } from "../config/config-schema.js";
import type { Language } from "../language.js";
import type { AnalysisSettings } from "../rules/context.js";
import type { SourceHost } from "../syntax/keepalived/index.js";
import { analyzeWorkspace } from "../workspace/analyze-workspace.js";
import { discoverFiles, MissingPathError, type CollectedFile, type RefusedFile } from "../workspace/collect.js";
import {
  ConfigError,
  findConfig,
  loadConfig,
  type ConfigErrorId,
  type LoadedConfig,
} from "../workspace/config-file.js";
import { diskFileSystem, OverlayFileSystem } from "../workspace/file-system.js";
import { createSourceHost } from "../workspace/source-host.js";

/** Settings the editor sends (VS Code `ha-lint.*`); the config file wins where both say something. */
export interface EditorSettings {
  haproxyVersion?: string;
  keepalivedVersion?: string;
  rules?: Record<string, RuleSetting>;
}

/** Open buffers laid over the files on disk: a SourceHost over the workspace layer's OverlayFileSystem. */
export class OverlayHost implements SourceHost {
  readonly fs = new OverlayFileSystem(diskFileSystem);
  private readonly unrestricted = createSourceHost(this.fs);

  set(file: string, text: string): void {
    this.fs.set(file, text);
  }

  delete(file: string): void {
    this.fs.delete(file);
  }

  readFile(file: string): string | undefined {
    return this.fs.overlaid(file) ?? this.unrestricted.readFile(file);
  }

  glob(pattern: string): string[] {
    return this.unrestricted.glob(pattern);
  }

  isSkippedInclude(file: string): boolean {
    return this.unrestricted.isSkippedInclude?.(file) ?? false;
  }

  /** The same, reading nothing outside `roots` (open buffers included): what one analysis may read. */
  scoped(roots: readonly string[]): SourceHost & { refused: Set<string> } {
    return createSourceHost(this.fs, roots);
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
  configError?: { file: string; message: string; messageId: ConfigErrorId };
  /** Files not analysed, with the reason (too large, binary), each published as one diagnostic. */
  refusedFiles: RefusedFile[];
  /** Included files and patterns not read because they lie outside the workspace folder. */
  outside: string[];
  /** The settings the analysis ran with (the same as the CLI's for the same folder). */
  settings: AnalysisSettings;
  /**
   * Input files holding NUL bytes (keepalived and HAProxy stop reading a line at the first one): the first one's
   * offset.
   */
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
    configError = {
      file: configFile ?? target,
      message: e instanceof Error ? e.message : String(e),
      messageId: e instanceof ConfigError ? e.id : "configInvalid",
    };
  }
  let found: CollectedFile[] = [];
  try {
    found = discoverFiles(host.fs, [target], forcedLanguage);
  } catch (e) {
    // Neither on disk nor open (closed since): nothing to analyse, and the last diagnostics are cleared.
    if (!(e instanceof MissingPathError)) throw e;
  }
  const workspace = analyzeWorkspace({
    paths: [target],
    fs: host.fs,
    config,
    configDirFallback: resolve(target),
    ...(forcedLanguage ? { lang: forcedLanguage } : {}),
    choices: { editor },
    inlineConfig: true,
    ...(cache ? { cache } : {}),
    found,
  });
  // A file that is not there has no editor to show a diagnostic in: a refusal of a missing file is left out.
  const refusedFiles = workspace.refused
    .filter((r) => r.messageId !== "missing")
    .map((r) => ({ ...r, message: `this file ${r.message}; it is not checked` }));
  const out: WorkspaceAnalysis = {
    target,
    result: workspace.result,
    inputs: workspace.inputs,
    sources: workspace.sources,
    config,
    settings: workspace.settings,
    refusedFiles,
    outside: workspace.outside,
    nulBytes: workspace.nulBytes,
  };
  if (configError) out.configError = configError;
  return out;
}
