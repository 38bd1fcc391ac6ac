/** What every command that analyses does: find the config, collect the files, read them, run the core. */
import { dirname, relative, resolve } from "node:path";
import picomatch from "picomatch";
import { analyze, type AnalysisResult, type InputFile } from "../analyze.js";
import { detectLanguage, type Language } from "../language.js";
import { allRules, ruleById } from "../rules/index.js";
import type { Rule } from "../rules/rule.js";
import { collectFiles, InputError } from "./collect-files.js";
import { findConfig, loadConfig, type LoadedConfig } from "./config-file.js";
import { nodeHost, readText } from "./node-host.js";

export interface AnalysisOptions {
  lang?: Language;
  haproxyVersion?: string;
  keepalivedVersion?: string;
  config?: string;
  select?: string;
  ignore?: string;
  /** Honour `# ha-lint disable...` comments (default true). */
  inlineConfig?: boolean;
}

export interface CliAnalysis {
  result: AnalysisResult;
  inputs: InputFile[];
  /** Text of every file read (inputs and included files), for reports and fixes. */
  sources: Map<string, string>;
  config: LoadedConfig;
  fileCount: number;
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

export function runAnalysis(paths: string[], options: AnalysisOptions): CliAnalysis {
  const configFile = options.config ? resolve(options.config) : findConfig(paths[0]);
  const loaded = loadConfig(configFile);
  const rules = selectRules(options.select, options.ignore);
  const ignoreGlobs = loaded.config.ignore ?? [];
  const isIgnored = ignoreGlobs.length > 0 && loaded.file ? picomatch(ignoreGlobs, { dot: true }) : undefined;
  const configDir = loaded.file ? dirname(loaded.file) : process.cwd();
  const collected = collectFiles(paths, options.lang).filter((f) => f.explicit || !isIgnored?.(relative(configDir, f.path)));
  for (const c of loaded.manifest?.clusters ?? []) {
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
    inlineConfig: options.inlineConfig !== false,
  });
  if (result.internalErrors.length > 0) throw new Error(`internal error in rule ${result.internalErrors[0].rule}: ${result.internalErrors[0].message}`);
  for (const doc of result.input.keepalived) for (const f of doc.files) if (!sources.has(f)) sources.set(f, nodeHost.readFile(f) ?? "");
  const fileCount = new Set([...inputs.map((i) => i.path), ...result.input.keepalived.flatMap((d) => d.files)]).size;
  return { result, inputs, sources, config: loaded, fileCount };
}
