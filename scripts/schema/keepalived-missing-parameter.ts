/**
 * Which keepalived keywords stop keepalived when their argument is missing. A handler that reads a word the line
 * does not have calls lib/parser.c null_strvec() (through lib/vector.c strvec_slot()), which prints
 * "*** Configuration line starting `K` is missing a parameter after keyword `K` at word position N" and exits with
 * code 2 (KEEPALIVED_EXIT_CONFIG): keepalived does not start. Handlers that check the number of words first only
 * report the line.
 *
 * The probe runs every keyword of server/src/schema/keepalived.json (its own block, inside the blocks that hold it)
 * through the real `keepalived -t` of each release this machine has (bookworm 2.2.7, trixie 2.3.3, sid 2.3.4): once
 * with no argument, once with one argument ("1"). It caches the answers in
 * scripts/schema/keepalived-missing-parameter.json and writes server/src/syntax/keepalived/missing-parameter.ts from
 * that cache. Without binaries (CI), `--from-cache` regenerates the table byte-identically.
 *
 *   npx tsx scripts/schema/keepalived-missing-parameter.ts [--from-cache]
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runTool, toolsets, type Toolset } from "../../test/support/real-binaries.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CACHE = join(ROOT, "scripts/schema/keepalived-missing-parameter.json");
const OUTPUT = join(ROOT, "server/src/syntax/keepalived/missing-parameter.ts");

interface Schema {
  blocks: Record<string, { kind: string; keywords: { name: string; versions: string[]; block?: string }[] }>;
}

/** Per version ("2.2.7"), per "block keyword", the word positions keepalived stops at: 2 (no argument), 3 (one). */
type Cache = Record<string, Record<string, number[]>>;

/** Words that open each block in a probe (a name or an address where the block keyword needs one). */
const OPENERS: Record<string, string> = {
  SSL: "SSL",
  bfd_instance: "bfd_instance bfd1",
  garp_group: "garp_group",
  global_defs: "global_defs",
  track_file: "track_file tf1",
  track_group: "track_group tg1",
  virtual_server: "virtual_server 192.0.2.1 80",
  "virtual_server/real_server": "real_server 192.0.2.2 80",
  vrrp_instance: "vrrp_instance VI_1",
  vrrp_script: "vrrp_script chk",
  vrrp_sync_group: "vrrp_sync_group G1",
  vrrp_track_file: "vrrp_track_file tf1",
  vrrp_track_process: "vrrp_track_process tp1",
};

function opener(blockId: string): string {
  if (OPENERS[blockId]) return OPENERS[blockId];
  return blockId.split("/").pop()!;
}

/** The lines that open `blockId` and the lines that close it. */
function context(blockId: string): { open: string[]; close: string[] } {
  if (blockId === "root") return { open: [], close: [] };
  const parts = blockId.split("/");
  const open: string[] = [];
  for (let i = 1; i <= parts.length; i++) open.push(`${opener(parts.slice(0, i).join("/"))} {`);
  return { open, close: parts.map(() => "}") };
}

function probeText(blockId: string, line: string): string {
  const { open, close } = context(blockId);
  return [...open, line, ...close, ""].join("\n");
}

/** The word position keepalived says is missing, for this keyword, or undefined when it did not stop. */
function stopPosition(set: Toolset, blockId: string, line: string, keyword: string): number | undefined {
  const run = runTool(set, "keepalived", ["-t", "-f", "k.conf", "-l", "-D", "-n"], {
    "k.conf": probeText(blockId, line),
  });
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const found = new RegExp(`missing a parameter after keyword \`${escaped}\` at word position (\\d+)`).exec(run.output);
  if (!found || run.status !== 2) return undefined;
  return Number(found[1]);
}

function probe(): Cache {
  const schema = JSON.parse(readFileSync(join(ROOT, "server/src/schema/keepalived.json"), "utf8")) as Schema;
  const cache: Cache = {};
  for (const set of toolsets()) {
    if (!set.keepalived) continue;
    const minor = set.keepalived.split(".").slice(0, 2).join(".");
    const table: Record<string, number[]> = {};
    for (const [blockId, block] of Object.entries(schema.blocks)) {
      if (block.kind !== "keywords") continue;
      for (const kw of block.keywords) {
        if (!kw.versions.includes(minor)) continue;
        const positions: number[] = [];
        const bare = stopPosition(set, blockId, kw.name, kw.name);
        if (bare !== undefined) positions.push(bare);
        // A block keyword with its argument opens its block: probe it with the block.
        const withOne = kw.block ? `${kw.name} 1 {\n}` : `${kw.name} 1`;
        const one = stopPosition(set, blockId, withOne, kw.name);
        if (one !== undefined && !positions.includes(one)) positions.push(one);
        if (positions.length > 0) table[`${blockId} ${kw.name}`] = positions;
      }
      process.stderr.write(`${set.keepalived} ${blockId}\n`);
    }
    cache[set.keepalived] = table;
  }
  return cache;
}

function render(cache: Cache): string {
  const versions = Object.keys(cache).sort();
  const byMinor = new Map<string, Record<string, number[]>>();
  for (const version of versions) byMinor.set(version.split(".").slice(0, 2).join("."), cache[version]);
  const lines = [
    "/**",
    " * Generated by scripts/schema/keepalived-missing-parameter.ts from the answers of the real `keepalived -t` of",
    ` * ${versions.join(", ")} (cache: scripts/schema/keepalived-missing-parameter.json). Do not edit.`,
    " *",
    " * Per keepalived version, per block id and keyword: the word positions (1-based, the keyword is word 1) at which",
    " * a missing word stops keepalived (lib/parser.c null_strvec(): 'is missing a parameter', exit code 2).",
    " */",
  ];
  // The stops every version has, written once; each version adds its own.
  const tables = [...byMinor.values()];
  const sameEverywhere = (key: string, positions: readonly number[]): boolean =>
    tables.every((table) => table[key]?.join(",") === positions.join(","));
  const first = tables[0] ?? {};
  const shared = Object.keys(first)
    .filter((key) => sameEverywhere(key, first[key]))
    .sort();
  const sharedKeys = new Set(shared);
  const entry = (key: string, positions: readonly number[]): string => `    "${key}": [${positions.join(", ")}],`;
  lines.push("", "/** The stops every version below has. */");
  lines.push("const everyVersion: Record<string, readonly number[]> = {");
  for (const key of shared) lines.push(entry(key, first[key]).slice(2));
  lines.push("};", "");
  lines.push("export const missingParameterStops: Record<string, Record<string, readonly number[]>> = {");
  for (const [minor, table] of byMinor) {
    lines.push(`  "${minor}": {`, "    ...everyVersion,");
    for (const key of Object.keys(table).sort()) if (!sharedKeys.has(key)) lines.push(entry(key, table[key]));
    lines.push("  },");
  }
  lines.push("};", "");
  return lines.join("\n");
}

const fromCache = process.argv.includes("--from-cache");
let cache: Cache;
if (fromCache || toolsets().every((t) => !t.keepalived)) {
  if (!existsSync(CACHE)) throw new Error(`no binaries and no cache at ${CACHE}`);
  cache = JSON.parse(readFileSync(CACHE, "utf8")) as Cache;
} else {
  cache = probe();
  const sorted: Cache = {};
  for (const v of Object.keys(cache).sort()) {
    sorted[v] = {};
    for (const k of Object.keys(cache[v]).sort()) sorted[v][k] = cache[v][k];
  }
  writeFileSync(CACHE, `${JSON.stringify(sorted, null, 2)}\n`);
  cache = sorted;
}
writeFileSync(OUTPUT, render(cache));
