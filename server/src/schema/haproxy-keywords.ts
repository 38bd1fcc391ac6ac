/** Version-resolved lookups over the generated HAProxy keyword table. */
import table from "./haproxy.json" with { type: "json" };
import { closestName } from "./closest-name.js";
import { perVersion } from "./per-version.js";
import type { HaproxySchema, KeywordSpec } from "./types.js";
import { resolveVersion } from "./versions.js";

const schema = table as HaproxySchema;

export const PROXY_SECTIONS = new Set(["defaults", "frontend", "backend", "listen"]);

export interface KeywordMatch {
  spec: KeywordSpec;
  /** How many words of the line the keyword covers ("timeout client" = 2, "no option httpclose" = 3). */
  length: number;
}

export class HaproxyKeywords {
  /** The table version used for the requested target. */
  readonly version: string;
  readonly sectionNames: ReadonlySet<string>;
  private readonly bySection = new Map<string, Map<string, KeywordSpec>>();
  private readonly allBySection = new Map<string, Map<string, KeywordSpec>>();
  private readonly bind: Map<string, KeywordSpec>;
  private readonly server: Map<string, KeywordSpec>;
  private readonly fetchMap: Map<string, KeywordSpec>;
  private readonly converterMap: Map<string, KeywordSpec>;

  constructor(requested: string) {
    this.version = resolveVersion(requested, schema.versions);
    const v = this.version;
    this.sectionNames = new Set(
      Object.entries(schema.sections)
        .filter(([, s]) => s.versions.includes(v))
        .map(([name]) => name),
    );
    for (const [section, list] of Object.entries(schema.keywords)) {
      this.allBySection.set(section, new Map(list.map((k) => [k.name, k])));
      this.bySection.set(section, new Map(list.filter((k) => k.versions.includes(v)).map((k) => [k.name, k])));
    }
    this.bind = new Map(schema.bindOptions.filter((k) => k.versions.includes(v)).map((k) => [k.name, k]));
    this.server = new Map(schema.serverOptions.filter((k) => k.versions.includes(v)).map((k) => [k.name, k]));
    this.fetchMap = new Map(schema.fetches.filter((k) => k.versions.includes(v)).map((k) => [k.name, k]));
    this.converterMap = new Map(schema.converters.filter((k) => k.versions.includes(v)).map((k) => [k.name, k]));
  }

  get versions(): readonly string[] {
    return schema.versions;
  }

  sectionDescription(name: string): string | undefined {
    return schema.sections[name]?.description;
  }

  /** The longest keyword of `section` (in the target version) at the start of `words`. */
  match(section: string, words: readonly string[]): KeywordMatch | undefined {
    return matchIn(this.bySection.get(section), words);
  }

  /** The same, in any version of the table (to tell "exists in 3.2" from "does not exist"). */
  matchAnyVersion(section: string, words: readonly string[]): KeywordMatch | undefined {
    return matchIn(this.allBySection.get(section), words);
  }

  /** Sections (of the target version) in which the words form a keyword. */
  sectionsAccepting(words: readonly string[]): string[] {
    const out: string[] = [];
    for (const [section, map] of this.bySection)
      if (this.sectionNames.has(section) && matchIn(map, words)) out.push(section);
    return out;
  }

  keywordsOf(section: string): KeywordSpec[] {
    return [...(this.bySection.get(section)?.values() ?? [])];
  }

  suggest(section: string, words: readonly string[]): string | undefined {
    const names = [...(this.bySection.get(section)?.keys() ?? [])];
    // `http-check expep-check`: the first word is right, the second one is not: never suggest another first word.
    // A lone `http-check` lacks its second word: no other keyword is closer to what was meant.
    if (names.some((n) => n.startsWith(`${words[0]} `))) {
      return words.length > 1
        ? closestName(
            `${words[0]} ${words[1]}`,
            names.filter((n) => n.startsWith(`${words[0]} `)),
          )
        : undefined;
    }
    const multi =
      words.length > 1
        ? closestName(
            `${words[0]} ${words[1]}`,
            names.filter((n) => n.includes(" ")),
          )
        : undefined;
    if (multi) return multi;
    return closestName(words[0], names.filter((n) => !n.includes(" ")).concat(names.map((n) => n.split(" ")[0])));
  }

  bindOption(name: string): KeywordSpec | undefined {
    return this.bind.get(name);
  }

  serverOption(name: string): KeywordSpec | undefined {
    return this.server.get(name);
  }

  /** A word of a crt-store `load` line (crt, key, alias, ...) in the target version, else in any version. */
  crtStoreLoadOption(name: string): { spec: KeywordSpec; inVersion: boolean } | undefined {
    const spec = schema.crtStoreLoadOptions.find((k) => k.name === name);
    return spec ? { spec, inVersion: spec.versions.includes(this.version) } : undefined;
  }

  /** A trace source in the target version, else in any version. */
  traceSource(name: string): { spec: KeywordSpec; inVersion: boolean } | undefined {
    const spec = schema.traceSources.find((k) => k.name === name);
    return spec ? { spec, inVersion: spec.versions.includes(this.version) } : undefined;
  }

  /** The trace sources of the target version. */
  traceSourceNames(): string[] {
    return schema.traceSources.filter((k) => k.versions.includes(this.version)).map((k) => k.name);
  }

  /** The crt-store `load` words of the target version. */
  crtStoreLoadNames(): string[] {
    return schema.crtStoreLoadOptions.filter((k) => k.versions.includes(this.version)).map((k) => k.name);
  }

  /** A bind or server option in any version of the table. */
  optionAnyVersion(kind: "bind" | "server", name: string): KeywordSpec | undefined {
    return (kind === "bind" ? schema.bindOptions : schema.serverOptions).find((k) => k.name === name);
  }

  optionNames(kind: "bind" | "server"): string[] {
    return [...(kind === "bind" ? this.bind : this.server).keys()];
  }

  /** Rule sets whose actions the table lists ("http-request", "tcp-request content", ...). */
  isRuleSet(keyword: string): boolean {
    return schema.actions?.[keyword] !== undefined;
  }

  /** The action of a rule set a word names (prefix actions such as `set-var(x)` or `track-sc0` included). */
  action(ruleSet: string, word: string, anyVersion = false): KeywordSpec | undefined {
    const list = schema.actions?.[ruleSet] ?? [];
    const version = this.version;
    return list.find(
      (a) =>
        (anyVersion || a.versions.includes(version)) &&
        (a.name === word || (isPrefixAction(a) && word.startsWith(a.name))),
    );
  }

  actionNames(ruleSet: string): string[] {
    return (schema.actions?.[ruleSet] ?? []).filter((a) => a.versions.includes(this.version)).map((a) => a.name);
  }

  fetch(name: string): KeywordSpec | undefined {
    return this.fetchMap.get(name);
  }

  converter(name: string): KeywordSpec | undefined {
    return this.converterMap.get(name);
  }

  sampleAnyVersion(kind: "fetch" | "converter", name: string): KeywordSpec | undefined {
    return (kind === "fetch" ? schema.fetches : schema.converters).find((k) => k.name === name);
  }

  sampleNames(kind: "fetch" | "converter"): string[] {
    return [...(kind === "fetch" ? this.fetchMap : this.converterMap).keys()];
  }
}

/**
 * Actions HAProxy matches by prefix: their written form continues the name (`set-var(<var>)`, `track-sc<n>`,
 * `lua.<name>`).
 */
function isPrefixAction(a: KeywordSpec): boolean {
  return (
    typeof a.args === "string" &&
    a.args.startsWith(a.name) &&
    a.args[a.name.length] !== " " &&
    a.args.length > a.name.length
  );
}

function matchIn(map: Map<string, KeywordSpec> | undefined, words: readonly string[]): KeywordMatch | undefined {
  if (!map || words.length === 0) return undefined;
  // `set-var(txn.x)`, `sc-inc-gpc(0,1)`: the keyword is the part before the parenthesis.
  let w = words.slice(0, 4).map((x) => {
    const paren = x.indexOf("(");
    return paren > 0 ? x.slice(0, paren) : x;
  });
  let prefix = 0;
  // `no option x` and `default option x` (and `no log`, ...) take the keyword that follows.
  if ((w[0] === "no" || w[0] === "default") && w.length > 1) {
    prefix = 1;
    w = w.slice(1);
  }
  for (let n = Math.min(3, w.length); n >= 1; n--) {
    const spec = map.get(w.slice(0, n).join(" "));
    if (spec) return { spec, length: n + prefix };
  }
  return undefined;
}

const keywordsOfVersion = perVersion((version) => new HaproxyKeywords(version));

/** One lookup object per target version, built once. */
export function haproxyKeywords(version: string): HaproxyKeywords {
  return keywordsOfVersion(version);
}
