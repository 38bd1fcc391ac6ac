/** The shape of `.ha-lint.yaml` (JSON Schema), validated by the CLI and the server with ajv. */
export const RULE_SETTING = ["off", "info", "warning", "error"] as const;
export type RuleSetting = (typeof RULE_SETTING)[number];

export interface ConfigFileNode {
  name: string;
  keepalived?: string;
  haproxy?: string;
  sysctl?: string[];
  addresses?: string[];
}

export interface ConfigFile {
  haproxyVersion?: string;
  keepalivedVersion?: string;
  rules?: Record<string, RuleSetting>;
  ignore?: string[];
  clusters?: { id: string; nodes: ConfigFileNode[] }[];
}

export const configSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    haproxyVersion: { type: "string", pattern: "^[0-9]+\\.[0-9]+$" },
    keepalivedVersion: { type: "string", pattern: "^[0-9]+\\.[0-9]+$" },
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
              },
            },
          },
        },
      },
    },
  },
} as const;
