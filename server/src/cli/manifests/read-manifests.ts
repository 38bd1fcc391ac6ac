/**
 * Reads keepalived and HAProxy configurations out of Kubernetes manifests (multi-document YAML, such as the output of
 * `helm template`), each with where its lines are in the YAML:
 * - ConfigMaps: every `data` key named like a config (haproxy*.cfg, *.haproxy.cfg, keepalived*.conf...) or, for other
 *   keys, whose content tells its language;
 * - Pods (static pods) and pod templates (Deployment, DaemonSet, StatefulSet, Job...): container env values that hold
 *   a config (a static pod cannot mount a ConfigMap, so configs shipped in the manifest itself are env values or
 *   ConfigMaps mounted by the pod templates of controllers).
 * A config's node is the `ha-lint.io/node` annotation or label (a comma-separated list: the config is each one's),
 * else the pod's `spec.nodeName`, else the object's name without a trailing keepalived/haproxy word (`lb01-keepalived` and `lb01-haproxy` are node lb01), else the file's
 * name. Its cluster is the `ha-lint.io/cluster` annotation or label, else the namespace (`default` when unset).
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Scalar } from "yaml";
import { languageFromContent, languageFromName, type Language } from "../../language.js";
import { LineIndex } from "../../syntax/source.js";
import { InputError } from "../collect-files.js";

export interface ManifestConfig {
  language: Language;
  text: string;
  cluster: string;
  node: string;
  /** The manifest file (or `<stdin>`). */
  file: string;
  /** e.g. `ConfigMap kube-system/haproxy key haproxy.cfg`. */
  source: string;
  /** The YAML line (0-based) of each config line, and the column its text starts at; one entry when not a block. */
  lines: { line: number; column: number }[];
  /** Lines beyond `lines` (a folded or quoted value) map to this line. */
  fallbackLine: number;
}

const NODE_KEY = "ha-lint.io/node";
const CLUSTER_KEY = "ha-lint.io/cluster";
const WORKLOADS = new Set([
  "Deployment",
  "DaemonSet",
  "StatefulSet",
  "ReplicaSet",
  "Job",
  "CronJob",
  "ReplicationController",
]);

function get(node: unknown, ...path: string[]): unknown {
  let current = node;
  for (const key of path) {
    if (!isMap(current)) return undefined;
    current = current.get(key, true);
  }
  return current;
}

function stringAt(node: unknown, ...path: string[]): string | undefined {
  const value = get(node, ...path);
  return isScalar(value) && typeof value.value === "string" ? value.value : undefined;
}

/** A data key's language: by its name, else (for names that say nothing) by its content. */
function languageOf(key: string, text: string): Language | undefined {
  return languageFromName(key) ?? (/\.(cfg|conf)$|^[^.]*$/.test(key) ? languageFromContent(text) : undefined);
}

/** Where each line of a scalar's value is in the YAML text. */
function scalarLines(
  scalar: Scalar,
  index: LineIndex,
  source: string,
): { lines: ManifestConfig["lines"]; fallbackLine: number } {
  const start = scalar.range?.[0] ?? 0;
  const first = index.positionAt(start).line;
  if (scalar.type !== "BLOCK_LITERAL" || typeof scalar.value !== "string") return { lines: [], fallbackLine: first };
  const sourceLines = source.split(/\r?\n/);
  const valueLines = scalar.value.split("\n");
  const lines: ManifestConfig["lines"] = [];
  let yamlLine = first + 1;
  let indent: number | undefined;
  for (const valueLine of valueLines) {
    const text = sourceLines[yamlLine];
    if (text === undefined) break;
    if (valueLine !== "" && indent === undefined) indent = text.length - text.trimStart().length;
    const column = indent ?? 0;
    if (valueLine !== "" && text.slice(column) !== valueLine) return { lines, fallbackLine: first };
    lines.push({ line: yamlLine, column });
    yamlLine++;
  }
  return { lines, fallbackLine: first };
}

interface Place {
  file: string;
  fileNode: string;
  index: LineIndex;
  text: string;
}

function annotation(metadata: unknown, key: string): string | undefined {
  return stringAt(metadata, "annotations", key) ?? stringAt(metadata, "labels", key);
}

/** The config's nodes: `ha-lint.io/node` may name several (one config shared by the nodes of a DaemonSet). */
function nodeNames(metadata: unknown, pod: unknown, place: Place): string[] {
  const explicit = annotation(metadata, NODE_KEY) ?? stringAt(pod, "nodeName");
  if (explicit) {
    const names = explicit
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean);
    if (names.length > 0) return names;
  }
  return [nodeName(metadata, place)];
}

function nodeName(metadata: unknown, place: Place): string {
  const name = stringAt(metadata, "name") ?? "";
  const stripped = name
    .replace(/[-_.]?(keepalived|haproxy)([-_.]?(conf|cfg|config))?$/i, "")
    .replace(/^(keepalived|haproxy)[-_.]/i, "");
  return stripped || place.fileNode;
}

function fromScalar(
  value: unknown,
  key: string,
  place: Place,
  where: { cluster: string; nodes: string[]; source: string },
  out: ManifestConfig[],
): void {
  if (!isScalar(value) || typeof value.value !== "string") return;
  const language = languageOf(key, value.value);
  if (!language) return;
  const lines = scalarLines(value, place.index, place.text);
  for (const node of where.nodes)
    out.push({
      language,
      text: value.value,
      file: place.file,
      cluster: where.cluster,
      node,
      source: where.source,
      ...lines,
    });
}

function podConfigs(pod: unknown, metadata: unknown, place: Place, kind: string, out: ManifestConfig[]): void {
  const cluster = annotation(metadata, CLUSTER_KEY) ?? stringAt(metadata, "namespace") ?? "default";
  const name = stringAt(metadata, "name") ?? "?";
  for (const listKey of ["containers", "initContainers"]) {
    const containers = get(pod, listKey);
    if (!isSeq(containers)) continue;
    for (const container of containers.items) {
      const env = get(container, "env");
      if (!isSeq(env)) continue;
      for (const variable of env.items) {
        const variableName = stringAt(variable, "name") ?? "";
        fromScalar(
          get(variable, "value"),
          /keepalived/i.test(variableName)
            ? "keepalived.conf"
            : /haproxy/i.test(variableName)
              ? "haproxy.cfg"
              : variableName,
          place,
          {
            cluster,
            nodes: nodeNames(metadata, pod, place),
            source: `${kind} ${cluster}/${name} container ${stringAt(container, "name") ?? "?"} env ${variableName}`,
          },
          out,
        );
      }
    }
  }
}

function documentConfigs(doc: Document, place: Place, out: ManifestConfig[]): void {
  const root = doc.contents as Node | null;
  if (!isMap(root)) return;
  const kind = stringAt(root, "kind");
  const metadata = get(root, "metadata");
  if (kind === "List") {
    const items = get(root, "items");
    if (isSeq(items))
      for (const item of items.items) documentConfigs({ contents: item } as unknown as Document, place, out);
    return;
  }
  if (kind === "ConfigMap") {
    const cluster = annotation(metadata, CLUSTER_KEY) ?? stringAt(metadata, "namespace") ?? "default";
    const data = get(root, "data");
    if (!isMap(data)) return;
    for (const pair of data.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      fromScalar(
        pair.value,
        key,
        place,
        {
          cluster,
          nodes: nodeNames(metadata, undefined, place),
          source: `ConfigMap ${cluster}/${stringAt(metadata, "name") ?? "?"} key ${key}`,
        },
        out,
      );
    }
    return;
  }
  if (kind === "Pod") podConfigs(get(root, "spec"), metadata, place, kind, out);
  else if (kind && WORKLOADS.has(kind)) {
    const template =
      kind === "CronJob" ? get(root, "spec", "jobTemplate", "spec", "template") : get(root, "spec", "template");
    podConfigs(get(template, "spec"), metadata, place, kind, out);
  }
}

/** The configs of one manifest file's documents; a YAML error stops with its line. */
export function readManifest(file: string, text: string, fileNode: string): ManifestConfig[] {
  const index = new LineIndex(text);
  const docs = parseAllDocuments(text, { keepSourceTokens: false, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: ManifestConfig[] = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const at = index.positionAt(error.pos[0]);
      throw new InputError(
        `${file}:${at.line + 1}:${at.character + 1}: not valid YAML: ${error.message.split("\n")[0]}`,
      );
    }
    documentConfigs(doc, { file, fileNode, index, text }, out);
  }
  return out;
}
