/**
 * `npx tsx scripts/realworld/verdicts.ts`: runs every file of test/realworld (singles and set nodes) through the real
 * tools of every toolset this machine has (test/support/real-binaries.ts: haproxy -c, keepalived -t -l -D -n) and
 * writes test/realworld/verdicts/<tool>-<version>.tsv: one row per message (file, exit code, level, line the tool
 * gives, lines of the section the message names when it gives none, environment or content, text), and one row with
 * level `none` for a file the tool prints nothing about. Messages are read with test/support/real-tool-messages.ts,
 * which also decides which are about this machine rather than the file.
 *
 * keepalived runs in a network namespace of its own that has every interface the file names (veth links, up, with
 * an address in 192.0.2.0/24): without them keepalived -t stops checking an instance at "Unknown interface" and
 * prints none of its later messages. So the verdicts are those of a machine built for the file, as far as
 * interfaces go; scripts, users, certificates and DNS names stay missing (environment messages).
 *
 * `--only haproxy|keepalived` limits the run to one tool. `--prune` runs no tool: it drops the rows of files the set
 * no longer has (after collect.ts skipped more of them) and keeps the others as they are. `--missing` runs the tools
 * only on files that have no rows yet (new files; a file's text never changes under its name) and keeps the rest.
 * `--reclassify` runs no tool: it sets the environment/content column again from the message texts, after the
 * patterns of test/support/real-tool-messages.ts changed.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkConfig, toolsets, type Toolset } from "../../test/support/real-binaries.js";
import { aboutEnvironment, readToolOutput, type Tool } from "../../test/support/real-tool-messages.js";

const here = dirname(fileURLToPath(import.meta.url));
export const realworldDir = resolve(here, "../../test/realworld");

/** Every configuration file of the set, relative to test/realworld, with its tool. */
export function realworldFiles(): { file: string; tool: Tool }[] {
  const out: { file: string; tool: Tool }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const file = relative(realworldDir, path);
        if (file.startsWith("haproxy/") || (file.startsWith("sets/") && name === "haproxy.cfg"))
          out.push({ file, tool: "haproxy" });
        else if (file.startsWith("keepalived/") || (file.startsWith("sets/") && name === "keepalived.conf"))
          out.push({ file, tool: "keepalived" });
      }
    }
  };
  for (const sub of ["haproxy", "keepalived", "sets"]) walk(join(realworldDir, sub));
  return out;
}

/** The name the file is checked under: the real tools print it in their messages. */
export function checkedName(tool: Tool): string {
  return tool === "haproxy" ? "haproxy.cfg" : "keepalived.conf";
}

function clean(text: string): string {
  return text.replace(/[\t\r\n]+/g, " ").trim();
}

/** The interface names a keepalived file gives (interface, dev, track_interface entries, sync daemon). */
export function interfacesOf(text: string): string[] {
  const names = new Set<string>();
  const valid = (name: string) => /^[A-Za-z0-9_.-]{1,15}$/.test(name) && name !== "lo";
  for (const m of text.matchAll(/\b(?:interface|dev|lvs_sync_daemon_interface)[ \t]+([^\s{}#!"]+)/g))
    if (valid(m[1])) names.add(m[1]);
  for (const block of text.matchAll(/\btrack_interface\s*\{([^}]*)\}/g))
    for (const line of block[1].split("\n")) {
      const name = line
        .replace(/[#!].*$/, "")
        .trim()
        .split(/\s+/)[0];
      if (name && valid(name)) names.add(name);
    }
  return [...names].slice(0, 40);
}

/** Makes the interfaces (positional arguments up to "--"), then runs the rest of the arguments. */
const WITH_INTERFACES =
  'i=0; while [ "$1" != "--" ]; do i=$((i+1)); ip link add "$1" type veth peer name "hlp$i" 2>/dev/null && ' +
  'ip link set "$1" up && ip link set "hlp$i" up && ip addr add "192.0.2.$i/24" dev "$1"; shift; done; shift; exec "$@"';

/** keepalived -t on the file in a fresh network namespace that has the file's interfaces. */
function keepalivedWithInterfaces(
  set: Toolset,
  text: Buffer,
): { status: number | null; output: string; timedOut: boolean } {
  const base = set.root ? join(set.root, "tmp") : undefined;
  if (base) mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base ?? "/tmp", "ha-lint-realworld-"));
  try {
    writeFileSync(join(dir, "keepalived.conf"), text);
    const args = ["-t", "-f", "keepalived.conf", "-l", "-D", "-n"];
    const inside = set.root ? dir.slice(set.root.length) : dir;
    const command = set.root
      ? ["chroot", set.root, "/bin/sh", "-c", 'cd "$1" && shift && exec "$@"', "sh", inside, "keepalived", ...args]
      : ["/bin/sh", "-c", 'cd "$1" && shift && exec "$@"', "sh", dir, "/usr/sbin/keepalived", ...args];
    const names = interfacesOf(text.toString("latin1"));
    const r = spawnSync("unshare", ["--net", "/bin/sh", "-c", WITH_INTERFACES, "sh", ...names, "--", ...command], {
      encoding: "utf8",
      timeout: 20_000,
      env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", LANG: "C" },
    });
    const timedOut = r.error !== undefined && (r.error as NodeJS.ErrnoException).code === "ETIMEDOUT";
    return { status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}`, timedOut };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function rowsOf(set: Toolset, tool: Tool, file: string): string[] {
  const text = readFileSync(join(realworldDir, file));
  const run =
    tool === "keepalived"
      ? keepalivedWithInterfaces(set, text)
      : checkConfig(set, tool, checkedName(tool), { [checkedName(tool)]: text });
  const exit = run.timedOut ? "timeout" : String(run.status);
  const verdict = readToolOutput(tool, run.output, run.timedOut ? null : run.status, text.toString("latin1"));
  if (verdict.messages.length === 0) return [[file, exit, "none", "", "", "", ""].join("\t")];
  return verdict.messages.map((m) =>
    [
      file,
      exit,
      m.level,
      m.section ? "" : String(m.line ?? ""),
      m.section ? `${m.section.first}-${m.section.last}` : "",
      m.environment ? "env" : "content",
      clean(m.text),
    ].join("\t"),
  );
}

export const VERDICT_HEADER = "file\texit\tlevel\tline\tsection\tkind\ttext";

/** The rows of the current verdict file, by file. */
function existingRows(tool: Tool, version: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const path = join(realworldDir, "verdicts", `${tool}-${version}.tsv`);
  let text = "";
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return out;
  }
  for (const row of text.split("\n").slice(1).filter(Boolean)) {
    const file = row.split("\t")[0];
    out.set(file, [...(out.get(file) ?? []), row]);
  }
  return out;
}

function reclassify(): void {
  const dir = join(realworldDir, "verdicts");
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".tsv"))) {
    const tool: Tool = name.startsWith("haproxy") ? "haproxy" : "keepalived";
    const rows = readFileSync(join(dir, name), "utf8").split("\n").filter(Boolean);
    let changed = 0;
    const out = rows.map((row, index) => {
      const cells = row.split("\t");
      if (index === 0 || cells[2] === "none") return row;
      const kind = aboutEnvironment(tool, cells[6]) ? "env" : "content";
      if (kind !== cells[5]) changed++;
      cells[5] = kind;
      return cells.join("\t");
    });
    writeFileSync(join(dir, name), `${out.join("\n")}\n`);
    console.log(`${name}: ${changed} rows reclassified`);
  }
}

function prune(): void {
  const present = new Set(realworldFiles().map((f) => f.file));
  const dir = join(realworldDir, "verdicts");
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".tsv"))) {
    const rows = readFileSync(join(dir, name), "utf8").split("\n").filter(Boolean);
    const kept = rows.filter((row, index) => index === 0 || present.has(row.split("\t")[0]));
    writeFileSync(join(dir, name), `${kept.join("\n")}\n`);
    console.log(`${name}: ${rows.length - kept.length} rows dropped`);
  }
}

function main(): void {
  if (process.argv.includes("--prune")) return prune();
  if (process.argv.includes("--reclassify")) return reclassify();
  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
  const files = realworldFiles();
  mkdirSync(join(realworldDir, "verdicts"), { recursive: true });
  for (const set of toolsets()) {
    for (const tool of ["haproxy", "keepalived"] as const) {
      const version = set[tool];
      if (!version || (only && only !== tool)) continue;
      const started = Date.now();
      const known = process.argv.includes("--missing") ? existingRows(tool, version) : new Map<string, string[]>();
      const rows = files.filter((f) => f.tool === tool).flatMap((f) => known.get(f.file) ?? rowsOf(set, tool, f.file));
      writeFileSync(
        join(realworldDir, "verdicts", `${tool}-${version}.tsv`),
        `${[VERDICT_HEADER, ...rows].join("\n")}\n`,
      );
      console.log(
        `${tool} ${version} (${set.release}): ${rows.length} rows in ${Math.round((Date.now() - started) / 1000)} s`,
      );
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
