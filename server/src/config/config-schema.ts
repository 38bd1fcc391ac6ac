/** The shape of `.ha-lint.yaml` (JSON Schema), validated by the CLI and the server with ajv. */
import { PLACEHOLDER_FORMS } from "../syntax/template.js";

export const RULE_SETTING = ["off", "info", "warning", "error"] as const;
export type RuleSetting = (typeof RULE_SETTING)[number];

export interface ConfigFileNode {
  name: string;
  keepalived?: string;
  /** haproxy.cfg, or the files and directories HAProxy loads in order (`-f a.cfg -f conf.d/`). */
  haproxy?: string | string[];
  sysctl?: string[];
  addresses?: string[];
  /**
   * A folder of host-fact files kept apart from the node's configs, laid out as the node's root (etc/nftables.conf,
   * etc/netplan/*.yaml, ip-addr.json ...): read instead of the node's own tree.
   */
  hostFacts?: string;
  /** This node's versions, where they differ from the cluster's (a rolling upgrade). */
  haproxyVersion?: string;
  keepalivedVersion?: string;
  /** Values of the cluster template's placeholders for this node (`{STATE: MASTER, PRIORITY: 101}`). */
  vars?: Record<string, string | number | boolean>;
}

/** Files every node of a cluster takes from one template, rendered with the node's `vars`. */
export interface ConfigFileTemplate {
  keepalived?: string;
  haproxy?: string;
  /** The placeholder forms the templates use (all four by default). */
  placeholders?: string[];
}

export interface ConfigFile {
  haproxyVersion?: string;
  keepalivedVersion?: string;
  /** Versions per node name, for discovered nodes (manifest nodes can carry them too). */
  nodes?: Record<string, { haproxyVersion?: string; keepalivedVersion?: string }>;
  rules?: Record<string, RuleSetting>;
  ignore?: string[];
  clusters?: ConfigFileCluster[];
}

export interface ConfigFileCluster {
  id: string;
  template?: ConfigFileTemplate;
  nodes: ConfigFileNode[];
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
          template: {
            type: "object",
            additionalProperties: false,
            properties: {
              keepalived: { type: "string", minLength: 1 },
              haproxy: { type: "string", minLength: 1 },
              placeholders: { type: "array", items: { enum: [...PLACEHOLDER_FORMS] } },
            },
          },
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
                haproxy: {
                  anyOf: [{ type: "string" }, { type: "array", minItems: 1, items: { type: "string", minLength: 1 } }],
                },
                sysctl: { type: "array", items: { type: "string" } },
                addresses: { type: "array", items: { type: "string" } },
                hostFacts: { type: "string", minLength: 1 },
                haproxyVersion: version,
                keepalivedVersion: version,
                vars: {
                  type: "object",
                  propertyNames: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
                  // One line each: the rendered text keeps the template's lines.
                  additionalProperties: {
                    anyOf: [{ type: "string", pattern: "^[^\\n\\r]*$" }, { type: "number" }, { type: "boolean" }],
                  },
                },
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
