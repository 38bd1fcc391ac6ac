/** The analysis settings of a workspace, the same for the CLI, the language server and the lab. */
import { nodeVersionsOf, type ConfigFile, type RuleSetting } from "../config/config-schema.js";
import { defaultSettings, type AnalysisSettings } from "../rules/context.js";

/** What the user chose outside the config file: command-line flags, or the editor's `ha-lint.*` settings. */
export interface SettingChoices {
  /** --haproxy-version / --keepalived-version: win over the config file, for every node. */
  flags?: { haproxyVersion?: string; keepalivedVersion?: string };
  /** The editor's settings: the config file wins where both say something. */
  editor?: { haproxyVersion?: string; keepalivedVersion?: string; rules?: Record<string, RuleSetting> };
}

/** Versions: the flags, then .ha-lint.yaml, then the editor, then the defaults; per-node versions from the file. */
export function workspaceSettings(config: ConfigFile, choices: SettingChoices = {}): AnalysisSettings {
  const { flags = {}, editor = {} } = choices;
  const settings: AnalysisSettings = {
    haproxyVersion:
      flags.haproxyVersion ?? config.haproxyVersion ?? editor.haproxyVersion ?? defaultSettings.haproxyVersion,
    keepalivedVersion:
      flags.keepalivedVersion ??
      config.keepalivedVersion ??
      editor.keepalivedVersion ??
      defaultSettings.keepalivedVersion,
  };
  // Versions named on the command line are the whole cluster's (ha-lint upgrade moves every node to them).
  const perNode = nodeVersionsOf(config);
  for (const versions of Object.values(perNode)) {
    if (flags.haproxyVersion) delete versions.haproxyVersion;
    if (flags.keepalivedVersion) delete versions.keepalivedVersion;
  }
  if (Object.keys(perNode).length > 0) settings.nodeVersions = perNode;
  return settings;
}

/** Per-rule settings: the editor's, overridden by the config file's `rules:`. */
export function workspaceRuleSettings(config: ConfigFile, choices: SettingChoices = {}): Record<string, RuleSetting> {
  return { ...choices.editor?.rules, ...config.rules };
}
