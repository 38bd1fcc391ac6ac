/**
 * What HAProxy does with a proxy keyword in each kind of proxy section (server/src/schema/proxy-placement.json,
 * measured with the real binaries by scripts/placement/haproxy-placement.mjs): refuse it, ignore it with a warning,
 * or accept it (not listed).
 */
import table from "./proxy-placement.json" with { type: "json" };

export type ProxyContext = "frontend" | "backend" | "listen" | "defaults" | "named-defaults";

export const PROXY_CONTEXTS: readonly ProxyContext[] = ["frontend", "backend", "listen", "defaults", "named-defaults"];

export interface PlacementVerdict {
  verdict: "fatal" | "warning";
  /** HAProxy's message, the proxy name replaced by `<name>`. */
  message: string;
}

interface PlacementTable {
  measured: Record<string, string>;
  keywords: Record<string, Record<string, Partial<Record<ProxyContext, PlacementVerdict>>>>;
  /** Per version, the keywords whose sample HAProxy accepted in at least one kind of section. */
  known: Record<string, string[]>;
}

const data = table as unknown as PlacementTable;

export interface PlacementMatch {
  /** The keyword as the table names it ("option httpchk", "tcp-request connection", "no option abortonclose"). */
  keyword: string;
  /** Its verdict per kind of section; a kind not listed accepts it. */
  verdicts: Partial<Record<ProxyContext, PlacementVerdict>>;
  /** The full HAProxy version the verdicts were measured with. */
  measuredWith: string;
}

function compareVersions(a: string, b: string): number {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am !== bm ? am - bm : an - bn;
}

/** The measured version that stands for `version`: the latest one not after it (2.8 -> 2.6, 3.4 -> 3.2). */
export function placementVersion(version: string): string | undefined {
  // Asked once per proxy line: remembered per version.
  if (standsFor.has(version)) return standsFor.get(version);
  const measured = Object.keys(data.measured).sort(compareVersions);
  const found = measured.filter((v) => compareVersions(v, version) <= 0).pop() ?? measured[0];
  standsFor.set(version, found);
  return found;
}

const standsFor = new Map<string, string | undefined>();

const knownSets = new Map<string, ReadonlySet<string>>();
/** Per version, the first words of the measured keywords. */
const firstWords = new Map<string, ReadonlySet<string>>();

/** The table's verdicts for the keyword at the start of `words`, when it was measured for the version. */
export function placementOf(version: string, words: readonly string[]): PlacementMatch | undefined {
  const v = placementVersion(version);
  if (!v) return undefined;
  let known = knownSets.get(v);
  if (!known) knownSets.set(v, (known = new Set(data.known[v] ?? [])));
  let firsts = firstWords.get(v);
  if (!firsts) firstWords.set(v, (firsts = new Set([...known].map((k) => k.split(" ")[0]))));
  // `set-var(txn.x)`: the keyword is the part before the parenthesis.
  const head = words[0];
  const headParen = head === undefined ? -1 : head.indexOf("(");
  // Most lines start with a word no measured keyword starts with: no need to build the candidates.
  if (head === undefined || !firsts.has(headParen > 0 ? head.slice(0, headParen) : head)) return undefined;
  const bare = words.slice(0, 4).map((w) => {
    const paren = w.indexOf("(");
    return paren > 0 ? w.slice(0, paren) : w;
  });
  for (let n = Math.min(4, bare.length); n >= 1; n--) {
    const keyword = bare.slice(0, n).join(" ");
    if (!known.has(keyword)) continue;
    return { keyword, verdicts: data.keywords[keyword]?.[v] ?? {}, measuredWith: data.measured[v] };
  }
  return undefined;
}
