/** Version-resolved lookups over the generated keepalived keyword table. */
import table from "./keepalived.json" with { type: "json" };
import { closestName } from "./closest-name.js";
import { perVersion } from "./per-version.js";
import type { KeepalivedBlockSpec, KeepalivedSchema, KeywordSpec } from "./types.js";
import { resolveVersion } from "./versions.js";

const schema = table as KeepalivedSchema;

export const ROOT_BLOCK = "root";

export class KeepalivedKeywords {
  readonly version: string;
  private readonly byBlock = new Map<string, Map<string, KeywordSpec>>();
  private readonly allByBlock = new Map<string, Map<string, KeywordSpec>>();

  constructor(requested: string) {
    this.version = resolveVersion(requested, schema.versions);
    for (const [id, block] of Object.entries(schema.blocks)) {
      this.allByBlock.set(id, new Map(block.keywords.map((k) => [k.name, k])));
      this.byBlock.set(
        id,
        new Map(block.keywords.filter((k) => k.versions.includes(this.version)).map((k) => [k.name, k])),
      );
    }
  }

  get versions(): readonly string[] {
    return schema.versions;
  }

  block(id: string): KeepalivedBlockSpec | undefined {
    return schema.blocks[id];
  }

  keyword(blockId: string, name: string): KeywordSpec | undefined {
    return this.byBlock.get(blockId)?.get(name);
  }

  keywordAnyVersion(blockId: string, name: string): KeywordSpec | undefined {
    return this.allByBlock.get(blockId)?.get(name);
  }

  keywordsOf(blockId: string): KeywordSpec[] {
    return [...(this.byBlock.get(blockId)?.values() ?? [])];
  }

  /** Blocks (of the target version) where the name is a keyword. */
  blocksAccepting(name: string): string[] {
    const out: string[] = [];
    for (const [id, map] of this.byBlock) if (map.has(name)) out.push(id);
    return out;
  }

  suggest(blockId: string, name: string): string | undefined {
    return closestName(name, this.byBlock.get(blockId)?.keys() ?? []);
  }
}

const keywordsOfVersion = perVersion((version) => new KeepalivedKeywords(version));

/** One lookup object per target version, built once. */
export function keepalivedKeywords(version: string): KeepalivedKeywords {
  return keywordsOfVersion(version);
}
