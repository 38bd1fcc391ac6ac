/**
 * The environment variables HAProxy sets itself (HAPROXY_LOCALPEER, HAPROXY_HTTP_LOG_FMT, ...), per version. A config
 * may use them in `"${NAME}"`; a version that does not set one leaves it unset, and HAProxy's line parser expands it
 * to nothing (a config written for 3.4's HAPROXY_KEYLOG_FC_LOG_FMT loses its log-format string on 3.2).
 *
 * Two kinds of facts, cached in scripts/schema/haproxy-own-variables.json:
 * - per source release, every HAPROXY_* name its src/*.c passes to setenv() or listeners_setenv(), with the file and
 *   function that does it: the .0 tag of each minor from 2.6 in the git mirror (HAPROXY_GIT, default
 *   /work/.mirror/haproxy+haproxy/repo) and the exact Debian sources (HAPROXY_SOURCES, a colon-separated list of
 *   extracted folders named haproxy-X.Y.Z, default /work/upstream-src/haproxy-*);
 * - per real binary of this machine (test/support/real-binaries.ts), which of those names are set while HAProxy reads
 *   the configuration (a `.notice "${NAME}"` per name through `haproxy -c`), and every HAPROXY_* string its
 *   executable holds (a name absent from it is set nowhere by that binary, whatever the mode).
 *
 * It writes server/src/schema/haproxy-own-variables.ts from the cache. Without sources and binaries (CI),
 * `--from-cache` regenerates that file byte-identically.
 *
 *   npx tsx scripts/schema/haproxy-own-variables.ts [--from-cache]
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkConfig, toolsets } from "../../test/support/real-binaries.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CACHE = join(ROOT, "scripts/schema/haproxy-own-variables.json");
const OUTPUT = join(ROOT, "server/src/schema/haproxy-own-variables.ts");
const GIT = process.env.HAPROXY_GIT ?? "/work/.mirror/haproxy+haproxy/repo";
const FIRST_MINOR: [number, number] = [2, 6];

interface Cache {
  /** Release ("2.6.0", "3.0.11") -> variable -> "src/haproxy.c init()" (the first place that sets it). */
  sources: Record<string, Record<string, string>>;
  /** Binary version ("3.2.26") -> the variables set while it reads the configuration. */
  binaries: Record<string, string[]>;
  /** Binary version -> every HAPROXY_* name its executable holds (a name it never holds, it never sets). */
  binaryNames: Record<string, string[]>;
}

/** `setenv("HAPROXY_X", ...)` and `listeners_setenv(proxy, "HAPROXY_X")`, never unsetenv(). */
const SETTER = /(?:^|[^a-z_])(?:setenv|listeners_setenv)\((?:[^"()]*,\s*)?"(HAPROXY_[A-Z0-9_]+)"/;
/** A function definition's first line in HAProxy's style: the name at column 0 or after the return type. */
const FUNCTION = /^(?:[a-z_][\w ]*[\s*])?([a-z_]\w*)\([^;]*$/;

function setterPlaces(files: Record<string, string>): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [path, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    let current = "";
    for (const line of text.split("\n")) {
      const definition = FUNCTION.exec(line);
      if (definition && !line.startsWith(" ") && !line.startsWith("\t")) current = definition[1];
      const setter = SETTER.exec(line);
      if (setter && !line.includes("unsetenv") && found[setter[1]] === undefined)
        found[setter[1]] = `${path} ${current}()`;
    }
  }
  return found;
}

function gitTags(): string[] {
  const tags = execFileSync("git", ["-C", GIT, "tag", "-l", "v*.*.0"], { encoding: "utf8" }).split("\n");
  return tags
    .filter((tag) => /^v\d+\.\d+\.0$/.test(tag))
    .filter((tag) => {
      const [major, minor] = tag.slice(1).split(".").map(Number);
      return major > FIRST_MINOR[0] || (major === FIRST_MINOR[0] && minor >= FIRST_MINOR[1]);
    });
}

function tagSources(tag: string): Record<string, string> {
  // Only the files that call a setter are read whole (for the names of the functions that do it).
  const list = execFileSync("git", ["-C", GIT, "grep", "-l", "-E", "setenv\\(", tag, "--", "src/*.c"], {
    encoding: "utf8",
  });
  const files: Record<string, string> = {};
  for (const path of list
    .split("\n")
    .map((line) => line.slice(tag.length + 1))
    .filter((p) => p.endsWith(".c")))
    files[path] = execFileSync("git", ["-C", GIT, "show", `${tag}:${path}`], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
  return files;
}

function folderSources(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(join(folder, "src")).filter((n) => n.endsWith(".c")))
    files[`src/${name}`] = readFileSync(join(folder, "src", name), "utf8");
  return files;
}

function sourceFolders(): string[] {
  if (process.env.HAPROXY_SOURCES) return process.env.HAPROXY_SOURCES.split(":").filter(Boolean);
  const base = "/work/upstream-src";
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .filter((n) => /^haproxy-\d+\.\d+\.\d+$/.test(n))
    .map((n) => join(base, n));
}

/** The HAPROXY_* strings of a binary's executable (as `strings` lists them: runs of printable characters). */
function namesInExecutable(path: string): string[] {
  const text = readFileSync(path).toString("latin1");
  return [...new Set([...text.matchAll(/(?<![A-Za-z0-9_])HAPROXY_[A-Z0-9_]+(?=\0)/g)].map((m) => m[0]))].sort();
}

/** Which of the names a binary has set while it reads a configuration: each one printed by a `.notice`. */
function probeBinaries(names: readonly string[]): Pick<Cache, "binaries" | "binaryNames"> {
  const config = ["global", ...names.map((name) => `.notice "${name}=[\${${name}}]"`), ""].join("\n");
  const answers: Record<string, string[]> = {};
  const binaryNames: Record<string, string[]> = {};
  for (const set of toolsets()) {
    if (!set.haproxy) continue;
    const run = checkConfig(set, "haproxy", "probe.cfg", { "probe.cfg": config });
    const printed = names.filter((name) => new RegExp(`'${name}=\\[[^\\]]`).test(run.output));
    const seen = names.filter((name) => run.output.includes(`'${name}=[`));
    if (seen.length !== names.length) throw new Error(`haproxy ${set.haproxy} did not print every .notice`);
    answers[set.haproxy] = printed;
    binaryNames[set.haproxy] = namesInExecutable(join(set.root ?? "/", "usr/sbin/haproxy"));
  }
  return { binaries: answers, binaryNames };
}

function extract(): Cache {
  const sources: Record<string, Record<string, string>> = {};
  if (existsSync(GIT)) for (const tag of gitTags()) sources[tag.slice(1)] = setterPlaces(tagSources(tag));
  for (const folder of sourceFolders())
    sources[basename(folder).replace(/^haproxy-/, "")] = setterPlaces(folderSources(folder));
  if (Object.keys(sources).length === 0) throw new Error("no HAProxy sources: set HAPROXY_GIT or HAPROXY_SOURCES");
  const names = [...new Set(Object.values(sources).flatMap((found) => Object.keys(found)))].sort();
  return { sources, ...probeBinaries(names) };
}

const byVersion = (a: string, b: string): number => {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
};

function sorted(cache: Cache): Cache {
  const sources: Cache["sources"] = {};
  for (const version of Object.keys(cache.sources).sort(byVersion))
    sources[version] = Object.fromEntries(Object.entries(cache.sources[version]).sort(([a], [b]) => (a < b ? -1 : 1)));
  const binaries: Cache["binaries"] = {};
  for (const version of Object.keys(cache.binaries).sort(byVersion))
    binaries[version] = [...cache.binaries[version]].sort();
  const binaryNames: Cache["binaryNames"] = {};
  for (const version of Object.keys(cache.binaryNames).sort(byVersion))
    binaryNames[version] = [...cache.binaryNames[version]].sort();
  return { sources, binaries, binaryNames };
}

/** One version's list of names, on one line when it fits in 120 columns (as Prettier writes it). */
function nameList(version: string, names: readonly string[]): string[] {
  const oneLine = `  "${version}": [${names.map((name) => `"${name}"`).join(", ")}],`;
  if (oneLine.length <= 120) return [oneLine];
  return [`  "${version}": [`, ...names.map((name) => `    "${name}",`), "  ],"];
}

function render(cache: Cache): string {
  const lines = [
    "/**",
    " * Generated by scripts/schema/haproxy-own-variables.ts (cache: scripts/schema/haproxy-own-variables.json).",
    " * Do not edit. The HAPROXY_* environment variables HAProxy sets itself: per source release, each name its",
    " * src/*.c sets (setenv(), listeners_setenv()) with the place that sets it; per real binary probed with",
    " * `haproxy -c`, the names set while it reads the configuration, and every HAPROXY_* name its executable",
    " * holds.",
    " */",
    "",
    "export const SOURCE_SETTERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {",
  ];
  for (const [version, found] of Object.entries(cache.sources)) {
    lines.push(`  "${version}": {`);
    for (const [name, place] of Object.entries(found)) lines.push(`    ${name}: "${place}",`);
    lines.push("  },");
  }
  lines.push("};", "", "export const SET_WHILE_READING: Readonly<Record<string, readonly string[]>> = {");
  for (const [version, names] of Object.entries(cache.binaries)) lines.push(...nameList(version, names));
  lines.push("};", "", "export const EXECUTABLE_NAMES: Readonly<Record<string, readonly string[]>> = {");
  for (const [version, names] of Object.entries(cache.binaryNames)) lines.push(...nameList(version, names));
  lines.push("};", "");
  return lines.join("\n");
}

function main(): void {
  const fromCache = process.argv.includes("--from-cache");
  const cache = sorted(fromCache ? (JSON.parse(readFileSync(CACHE, "utf8")) as Cache) : extract());
  if (!fromCache) writeFileSync(CACHE, JSON.stringify(cache, null, 2) + "\n");
  writeFileSync(OUTPUT, render(cache));
  const names = new Set(Object.values(cache.sources).flatMap((found) => Object.keys(found)));
  process.stdout.write(
    `${names.size} variables, ${Object.keys(cache.sources).length} source releases, ` +
      `${Object.keys(cache.binaries).length} binaries -> ${OUTPUT}\n`,
  );
}

main();
