/**
 * Finds, reads and validates `.ha-lint.yaml` (walking up from the target, or --config FILE): versions, rule settings,
 * ignore globs and the cluster manifest of a workspace.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { Ajv } from "ajv";
import { parse as parseYaml } from "yaml";
import {
  configSchema,
  type ConfigFile,
  type ConfigFileCluster,
  type ConfigFileTemplate,
} from "../config/config-schema.js";
import type { Manifest, ManifestTemplate } from "../model/discovery.js";
import type { PlaceholderForm } from "../syntax/template.js";
import { InputError } from "./input-error.js";

export const CONFIG_NAMES = [".ha-lint.yaml", ".ha-lint.yml"];

export interface LoadedConfig {
  file?: string;
  config: ConfigFile;
  manifest?: Manifest;
}

/** Compiled on first use: most runs have no config file, and compiling the schema costs a cold start ~50 ms. */
let compiled: ReturnType<Ajv["compile"]> | undefined;
const validator = (): ReturnType<Ajv["compile"]> => (compiled ??= new Ajv({ allErrors: true }).compile(configSchema));

/** Why a config file could not be loaded, as an id (what tests and the editor's diagnostic data carry). */
export type ConfigErrorId = "configUnreadable" | "configNotYaml" | "configInvalid";

/** A config file that cannot be loaded: an input error with its id. */
export class ConfigError extends InputError {
  constructor(
    message: string,
    readonly id: ConfigErrorId,
  ) {
    super(message);
  }
}

/** The nearest config file at or above `start` (a file's folder or a folder). */
export function findConfig(start: string): string | undefined {
  let dir = resolve(start);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const p = join(dir, name);
      if (existsSync(p)) return p;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadConfig(file: string | undefined): LoadedConfig {
  if (!file) return { config: {} };
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(
      `${file}: cannot read the configuration file (${e instanceof Error ? e.message : String(e)})`,
      "configUnreadable",
    );
  }
  let data: unknown;
  try {
    data = parseYaml(text) ?? {};
  } catch (e) {
    throw new ConfigError(
      `${file}: not valid YAML: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`,
      "configNotYaml",
    );
  }
  const validate = validator();
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map(
      (e) =>
        `${e.instancePath || "(top)"} ${e.message}${e.params && "allowedValues" in e.params ? ` (${(e.params.allowedValues as string[]).join(", ")})` : ""}${e.params && "additionalProperty" in e.params ? ` '${String(e.params.additionalProperty)}'` : ""}`,
    );
    throw new ConfigError(`${file}: invalid configuration:\n  ${problems.join("\n  ")}`, "configInvalid");
  }
  const config = data as ConfigFile;
  const dir = dirname(file);
  const out: LoadedConfig = { file, config };
  if (config.clusters?.length) out.manifest = manifestOf(dir, config.clusters);
  return out;
}

/** The manifest of a config file's clusters, with every path made absolute against `dir`. */
export function manifestOf(dir: string, clusters: readonly ConfigFileCluster[]): Manifest {
  return {
    dir,
    clusters: clusters.map((c) => ({
      id: c.id,
      ...(c.template ? { template: manifestTemplate(dir, c.template) } : {}),
      nodes: c.nodes.map(({ haproxy, ...n }) => ({
        ...n,
        ...(n.keepalived ? { keepalived: abs(dir, n.keepalived) } : {}),
        ...(typeof haproxy === "string" ? { haproxy: abs(dir, haproxy) } : {}),
        ...(Array.isArray(haproxy) ? { haproxyList: haproxy.map((p) => abs(dir, p)) } : {}),
        ...(n.sysctl ? { sysctl: n.sysctl.map((s) => abs(dir, s)) } : {}),
        ...(n.hostFacts ? { hostFacts: abs(dir, n.hostFacts) } : {}),
      })),
    })),
  };
}

function manifestTemplate(dir: string, template: ConfigFileTemplate): ManifestTemplate {
  return {
    ...(template.keepalived ? { keepalived: abs(dir, template.keepalived) } : {}),
    ...(template.haproxy ? { haproxy: abs(dir, template.haproxy) } : {}),
    ...(template.placeholders ? { placeholders: template.placeholders as PlaceholderForm[] } : {}),
  };
}

function abs(dir: string, p: string): string {
  return isAbsolute(p) ? p : resolve(dir, p);
}
