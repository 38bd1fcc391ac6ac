/** YAML host-fact files (static-pod manifests, compose files) as plain values that keep where each scalar was written. */
import { isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from "yaml";
import type { Location } from "../../syntax/source.js";
import { LineIndex } from "../../syntax/source.js";

/** A YAML node with a way to place it: maps and sequences to walk, scalars with their text. */
export class YamlValue {
  constructor(
    private readonly node: YamlNode | null | undefined,
    private readonly file: string,
    private readonly lines: LineIndex,
  ) {}

  get(key: string): YamlValue {
    if (!isMap(this.node)) return this.wrap(undefined);
    const pair = this.node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    return this.wrap((pair?.value as YamlNode | null | undefined) ?? undefined);
  }

  items(): YamlValue[] {
    return isSeq(this.node) ? this.node.items.map((item) => this.wrap(item as YamlNode)) : [];
  }

  /** A map's keys with their values, in order. */
  entries(): [string, YamlValue][] {
    if (!isMap(this.node)) return [];
    return this.node.items
      .filter((item) => isScalar(item.key))
      .map((item) => [String((item.key as { value: unknown }).value), this.wrap(item.value as YamlNode)]);
  }

  /** A scalar's value as text (numbers and booleans as written); undefined for anything else. */
  text(): string | undefined {
    if (!isScalar(this.node) || this.node.value === null) return undefined;
    return String(this.node.value);
  }

  exists(): boolean {
    return this.node !== undefined && this.node !== null;
  }

  location(): Location | undefined {
    const range = this.node?.range;
    return range ? { file: this.file, range: this.lines.rangeOf(range[0], range[1]) } : undefined;
  }

  private wrap(node: YamlNode | null | undefined): YamlValue {
    return new YamlValue(node, this.file, this.lines);
  }
}

/** Every document of a YAML file; none when the text is not YAML. */
export function yamlDocuments(file: string, text: string): YamlValue[] {
  const lines = new LineIndex(text);
  try {
    return parseAllDocuments(text)
      .filter((doc) => doc.errors.length === 0)
      .map((doc) => new YamlValue(doc.contents, file, lines));
  } catch {
    return [];
  }
}
