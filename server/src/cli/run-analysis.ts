/** What every command that analyses does: find the config, collect the files, read them, run the core. */
import { dirname, relative, resolve } from "node:path";
import { analyze, type AnalysisResult, type InputFile } from "../analyze.js";
import { detectLanguage, type Language } from "../language.js";
import { nodeVersionsOf } from "../config/config-schema.js";
import { allRules, ruleById } from "../rules/index.js";
import { defaultSettings, type AnalysisSettings } from "../rules/context.js";
import { isVersion } from "../schema/versions.js";
import type { Rule } from "../rules/rule.js";
import { filesOfAnalysis, InputError } from "./collect-files.js";
import { findConfig, loadConfig, type LoadedConfig } from "./config-file.js";
import { createNodeHost, hasInvalidUtf8, looksBinary, NUL_MESSAGE, readText } from "./node-host.js";

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
}

export interface CliAnalysis {
  result: AnalysisResult;
  inputs: InputFile[];
  /** Text of every file read (inputs and included files), for reports and fixes. */
  sources: Map<string, string>;
  config: LoadedConfig;
  fileCount: number;
  /** What the user must know about this run (files read with replacement characters, files not read): printed on stderr. */
  notices: string[];
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

/** The analysis settings of a run: the flags, then .ha-lint.yaml, then the defaults; per-node versions from the file. */
export function settingsOf(options: AnalysisOptions, loaded: LoadedConfig): AnalysisSettings {
  checkVersionFlag("--haproxy-version", options.haproxyVersion);
  checkVersionFlag("--keepalived-version", options.keepalivedVersion);
  const settings: AnalysisSettings = {
    haproxyVersion: options.haproxyVersion ?? loaded.config.haproxyVersion ?? defaultSettings.haproxyVersion,
    keepalivedVersion:
      options.keepalivedVersion ?? loaded.config.keepalivedVersion ?? defaultSettings.keepalivedVersion,
  };
  // Versions named on the command line are the whole cluster's (ha-lint upgrade moves every node to them).
  const perNode = nodeVersionsOf(loaded.config);
  for (const v of Object.values(perNode)) {
    if (options.haproxyVersion) delete v.haproxyVersion;
    if (options.keepalivedVersion) delete v.keepalivedVersion;
  }
  if (Object.keys(perNode).length > 0) settings.nodeVersions = perNode;
  return settings;
}

export function runAnalysis(paths: string[], options: AnalysisOptions): CliAnalysis {
  const configFile = options.config ? resolve(options.config) : findConfig(paths[0]);
  const loaded = loadConfig(configFile);
  const settings = settingsOf(options, loaded);
  const rules = selectRules(options.select, options.ignore);
  const collected = filesOfAnalysis(paths, options.lang, loaded, process.cwd());
  const inputs: InputFile[] = [];
  const sources = new Map<string, string>();
  const notices: string[] = [];
  const shown = (p: string): string => relative(process.cwd(), p) || p;
  for (const f of collected) {
    let text: string;
    try {
      text = options.overlay?.get(f.path) ?? readText(f.path);
    } catch (e) {
      throw new InputError(`${shown(f.path)}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (looksBinary(text))
      throw new InputError(
        `${shown(f.path)}: looks like a binary file (NUL bytes, mostly control characters), not a keepalived or HAProxy configuration`,
      );
    const nul = text.indexOf("\u0000");
    if (nul >= 0) {
      const before = text.slice(0, nul).split(/\r\n|\r|\n/);
      notices.push(`${shown(f.path)}:${before.length}:${before[before.length - 1].length + 1}: ${NUL_MESSAGE}`);
    }
    if (hasInvalidUtf8(text)) notices.push(`${shown(f.path)}: not valid UTF-8; the invalid bytes are read as U+FFFD`);
    const language = f.language ?? detectLanguage(f.path, text);
    if (!language) {
      if (f.explicit)
        throw new InputError(
          `${f.path}: cannot tell whether this is a keepalived or an HAProxy file; use --lang haproxy|keepalived`,
        );
      continue;
    }
    sources.set(f.path, text);
    inputs.push({ path: f.path, text, language });
  }
  if (inputs.length === 0) throw new InputError(`no keepalived or HAProxy configuration found in ${paths.join(", ")}`);
  // Included files, scripts and sysctl files are read inside the analysed folders (a file's own folder, the
  // config file's folder) unless --include-outside says otherwise: a config must not make ha-lint read /etc/shadow.
  const roots = [
    ...paths.map((p) => resolve(p)).map((p) => (collected.some((c) => c.path === p && c.explicit) ? dirname(p) : p)),
    ...(loaded.file ? [dirname(loaded.file)] : []),
  ];
  for (const c of loaded.manifest?.clusters ?? [])
    for (const n of c.nodes) for (const p of [n.keepalived, n.haproxy]) if (p) roots.push(dirname(p));
  const host = createNodeHost(options.includeOutside ? undefined : roots, options.overlay);
  const result = analyze({
    files: inputs,
    host,
    settings,
    rules,
    manifest: loaded.manifest,
    ruleSettings: loaded.config.rules,
    inlineConfig: options.inlineConfig !== false,
  });
  if (result.internalErrors.length > 0)
    throw new Error(`internal error in rule ${result.internalErrors[0].rule}: ${result.internalErrors[0].message}`);
  for (const doc of result.input.keepalived)
    for (const f of doc.files) if (!sources.has(f)) sources.set(f, host.readFile(f) ?? "");
  if (host.refused.size > 0) {
    const list = [...host.refused].sort();
    notices.push(
      `not read: ${list.length} include pattern${list.length === 1 ? "" : "s"} or file${list.length === 1 ? "" : "s"} outside the analysed folders (${list.slice(0, 3).map(shown).join(", ")}${list.length > 3 ? ", ..." : ""}); the report does not cover them (--include-outside reads them)`,
    );
  }
  const fileCount = new Set([...inputs.map((i) => i.path), ...result.input.keepalived.flatMap((d) => d.files)]).size;
  return { result, inputs, sources, config: loaded, fileCount, notices };
}
