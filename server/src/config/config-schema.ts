/** The shape of `.ha-lint.yaml` (JSON Schema), validated by the CLI and the server with ajv. */
export const RULE_SETTING = ["off", "info", "warning", "error"] as const;
export type RuleSetting = (typeof RULE_SETTING)[number];

export interface ConfigFileNode {
  name: string;
  keepalived?: string;
  haproxy?: string;
  sysctl?: string[];
  addresses?: string[];
  /** This node's versions, where they differ from the cluster's (a rolling upgrade). */
  haproxyVersion?: string;
  keepalivedVersion?: string;
}

export interface ConfigFile {
  haproxyVersion?: string;
  keepalivedVersion?: string;
  /** Versions per node name, for discovered nodes (manifest nodes can carry them too). */
  nodes?: Record<string, { haproxyVersion?: string; keepalivedVersion?: string }>;
  rules?: Record<string, RuleSetting>;
  ignore?: string[];
  clusters?: { id: string; nodes: ConfigFileNode[] }[];
}

/** A minor ("2.3") or a patch release ("2.3.3"), as schema/versions.ts isVersion() accepts. */
const version = { type: "string", pattern: "^[0-9]+\\.[0-9]+(\\.[0-9]+)?$" } as const;
const versions = {
  type: "object",
  additionalProperties: false,
  properties: { haproxyVersion: version, keepalivedVersion: version },
} as const;

export const configSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    haproxyVersion: version,
    keepalivedVersion: version,
    nodes: { type: "object", additionalProperties: versions },
    rules: {
      type: "object",
      propertyNames: { pattern: "^(KA|HP|HA|HL)[0-9]{3}$" },
      additionalProperties: { enum: [...RULE_SETTING] },
    },
    ignore: { type: "array", items: { type: "string", minLength: 1 } },
    clusters: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "nodes"],
        properties: {
          id: { type: "string", minLength: 1 },
          nodes: {
            type: "array",
            minItems: 1,
            items: {
              type: "object",
              additionalProperties: false,
              required: ["name"],
              properties: {
                name: { type: "string", minLength: 1 },
                keepalived: { type: "string" },
                haproxy: { type: "string" },
                sysctl: { type: "array", items: { type: "string" } },
                addresses: { type: "array", items: { type: "string" } },
                haproxyVersion: version,
                keepalivedVersion: version,
              },
            },
          },
        },
      },
    },
  },
} as const;

/** Per-node versions of a config file: the `nodes:` map, then the manifest's nodes (which win). */
export function nodeVersionsOf(
  config: ConfigFile,
): Record<string, { haproxyVersion?: string; keepalivedVersion?: string }> {
  const out: Record<string, { haproxyVersion?: string; keepalivedVersion?: string }> = {};
  for (const [name, v] of Object.entries(config.nodes ?? {})) out[name] = { ...v };
  for (const cluster of config.clusters ?? [])
    for (const node of cluster.nodes) {
      if (node.haproxyVersion) (out[node.name] ??= {}).haproxyVersion = node.haproxyVersion;
      if (node.keepalivedVersion) (out[node.name] ??= {}).keepalivedVersion = node.keepalivedVersion;
    }
  return out;
}
