/**
 * `npx tsx scripts/realworld/verdicts.ts`: runs every file of test/realworld (singles and set nodes) through the real
 * tools of every toolset this machine has (test/support/real-binaries.ts: haproxy -c, keepalived -t -l -D -n) and
 * writes test/realworld/verdicts/<tool>-<version>.tsv: one row per message (file, exit code, level, line the tool
 * gives, lines of the section the message names when it gives none, environment or content, text), and one row with
 * level `none` for a file the tool prints nothing about. Messages are read with test/support/real-tool-messages.ts,
 * which also decides which are about this machine rather than the file.
 *
 * `--only haproxy|keepalived` limits the run to one tool.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkConfig, toolsets, type Toolset } from "../../test/support/real-binaries.js";
import { readToolOutput, type Tool } from "../../test/support/real-tool-messages.js";

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

function rowsOf(set: Toolset, tool: Tool, file: string): string[] {
  const text = readFileSync(join(realworldDir, file));
  const run = checkConfig(set, tool, checkedName(tool), { [checkedName(tool)]: text });
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

function main(): void {
  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
  const files = realworldFiles();
  mkdirSync(join(realworldDir, "verdicts"), { recursive: true });
  for (const set of toolsets()) {
    for (const tool of ["haproxy", "keepalived"] as const) {
      const version = set[tool];
      if (!version || (only && only !== tool)) continue;
      const started = Date.now();
      const rows = files.filter((f) => f.tool === tool).flatMap((f) => rowsOf(set, tool, f.file));
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
