/**
 * The verdicts of each real binary of this machine (test/support/real-binaries.ts) on the shared corpus and on every
 * fixture file, one TSV per binary in test/versions/verdicts/: every message the tool prints, with its level, the
 * line it names (or the section it names, placed by test/support/real-tool-messages.ts), and whether it is about
 * this machine. test/versions/tool-parity-per-version.test.ts compares ha-lint with them, set to that version.
 *
 *   npx tsx scripts/versions/tool-verdicts.ts [--only haproxy-3.2.26,...] [--fixtures]
 *
 * `--fixtures` runs the fixture files only and keeps the corpus rows of the existing TSV (after fixtures were added
 * or changed; the corpus does not change between sessions).
 *
 * Corpus files are checked as VERDICTS.tsv describes (../shared/corpus/README.md): from an empty folder, with the
 * VTest macros of the `vtc_macros_set` column substituted (fd macros get a real listening socket as that fd).
 * Fixture files are checked inside a copy of their fixture folder (includes and scripts resolve as on the node);
 * keepalived in private namespaces holding the node's interfaces and script users (test/support/fixture-sandbox.ts).
 */
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join, relative } from "node:path";
import { collectFiles } from "../../server/src/cli/collect-files.js";
import { detectLanguage } from "../../server/src/language.js";
import { corpusDir, readVerdicts, repoRoot } from "../../test/support/corpus-parity.js";
import { fixtureDirs } from "../../test/support/fixture-run.js";
import { fixtureSandbox } from "../../test/support/fixture-sandbox.js";
import { checkConfig, toolsets, type Toolset } from "../../test/support/real-binaries.js";
import { readToolOutput, type Tool } from "../../test/support/real-tool-messages.js";

export const verdictsDir = join(repoRoot, "test/versions/verdicts");
const MAX_MESSAGES = 40;
const HEADER = "file\texit\tfatal\tlevel\tline\tsection\tenvironment\ttext";

interface Job {
  /** As the TSV names it: `corpus:haproxy/upstream/x.cfg` or `fixtures/name/lb01/haproxy.cfg`. */
  name: string;
  tool: Tool;
  root: string;
  files: Record<string, string | Buffer>;
  fds: string[];
  /** A fixture file: its folder and path (keepalived checks it with the node's interfaces, users, /etc files). */
  fixture?: { dir: string; path: string };
}

/** VTest macros as VERDICTS.tsv recorded them: `fe=3 s1_addr=127.0.0.1 ...`. */
function macrosOf(): Map<string, Map<string, string>> {
  const text = readFileSync(join(corpusDir, "VERDICTS.tsv"), "utf8").split("\n").slice(1);
  const out = new Map<string, Map<string, string>>();
  for (const line of text) {
    const cols = line.split("\t");
    if (!cols[12]) continue;
    out.set(cols[0], new Map(cols[12].split(" ").map((kv) => kv.split("=", 2) as [string, string])));
  }
  return out;
}

function corpusJobs(): Job[] {
  const macros = macrosOf();
  return readVerdicts().map((v) => {
    let text = readFileSync(join(corpusDir, v.file), "latin1");
    const set = macros.get(v.file);
    const fds: string[] = [];
    if (set) {
      // fd@${x}: the macro is a descriptor number; a listening socket is handed to haproxy under that number.
      for (const m of text.matchAll(/fd@\$\{([A-Za-z0-9_]+)\}/g)) {
        const value = set.get(m[1]);
        if (value !== undefined && /^\d+$/.test(value) && !fds.includes(value)) fds.push(value);
      }
      text = text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (all, name: string) => set.get(name) ?? all);
    }
    const root = v.file.split("/").pop()!;
    return { name: `corpus:${v.file}`, tool: v.tool, root, files: { [root]: Buffer.from(text, "latin1") }, fds };
  });
}

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

function fixtureJobs(): Job[] {
  const jobs: Job[] = [];
  for (const dir of fixtureDirs()) {
    const files = filesUnder(dir);
    for (const f of collectFiles([dir])) {
      const language = detectLanguage(f.path, readFileSync(f.path, "utf8"));
      if (!language) continue;
      const root = relative(dir, f.path);
      jobs.push({
        name: relative(repoRoot, f.path),
        tool: language,
        root,
        files,
        fds: [],
        fixture: { dir, path: f.path },
      });
    }
  }
  return jobs;
}

const clean = (text: string): string => text.replace(/[\t\r\n]+/g, " ").trim();

async function listeners(count: number): Promise<Server[]> {
  const servers: Server[] = [];
  for (let i = 0; i < count; i++) {
    const s = createServer();
    await new Promise<void>((done) => s.listen(0, "127.0.0.1", done));
    servers.push(s);
  }
  return servers;
}

/** The OS descriptor of a listening socket (Node keeps it in the handle). */
const fdOf = (s: Server): number => (s as unknown as { _handle: { fd: number } })._handle.fd;

async function verdictsOf(set: Toolset, tool: Tool, jobs: readonly Job[]): Promise<string> {
  const rows = [HEADER];
  const servers = await listeners(8);
  try {
    for (const job of jobs.filter((j) => j.tool === tool)) {
      // The child sees fds 3, 4, ... in order: hand the sockets so that the macro's number is the socket's.
      const wanted = job.fds.map(Number);
      const highest = wanted.length ? Math.max(...wanted) : 0;
      const extra = Array.from({ length: Math.max(0, highest - 2) }, (_, i) => fdOf(servers[i]));
      const sandbox = job.fixture && fixtureSandbox(tool, set[tool]!, job.fixture.dir, job.fixture.path, job.files);
      const run = checkConfig(set, tool, job.root, job.files, extra, 30_000, sandbox);
      const text = job.files[job.root];
      const verdict = readToolOutput(tool, run.output, run.timedOut ? null : run.status, String(text));
      const head = `${job.name}\t${verdict.exitCode ?? "timeout"}\t${verdict.fatal ? 1 : 0}`;
      if (verdict.messages.length === 0) rows.push(`${head}\t-\t\t\t\t`);
      // A looping keepalived prints thousands of lines: the first MAX_MESSAGES distinct ones are enough to judge.
      const seen = new Set<string>();
      const distinct = verdict.messages.filter((m) => {
        const key = `${m.level} ${m.line} ${m.text}`;
        return !seen.has(key) && seen.add(key) !== undefined;
      });
      if (distinct.length > MAX_MESSAGES)
        rows.push(`${head}\tnotice\t\t\t0\t(${distinct.length - MAX_MESSAGES} more messages left out)`);
      for (const m of distinct.slice(0, MAX_MESSAGES))
        rows.push(
          `${head}\t${m.level}\t${m.line ?? ""}\t${m.section ? `${m.section.first}-${m.section.last}` : ""}\t${m.environment ? 1 : 0}\t${clean(m.text)}`,
        );
    }
  } finally {
    for (const s of servers) s.close();
  }
  return rows.join("\n") + "\n";
}

/** The corpus rows of a binary's existing TSV, for `--fixtures` (which runs the fixture files only). */
function corpusRows(name: string): string[] {
  const path = join(verdictsDir, `${name}.tsv`);
  return readFileSync(path, "utf8")
    .split("\n")
    .slice(1)
    .filter((row) => row.startsWith("corpus:"));
}

async function main(): Promise<void> {
  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1].split(",") : [];
  const fixturesOnly = process.argv.includes("--fixtures");
  const jobs = fixturesOnly ? fixtureJobs() : [...corpusJobs(), ...fixtureJobs()];
  mkdirSync(verdictsDir, { recursive: true });
  for (const set of toolsets()) {
    for (const tool of ["haproxy", "keepalived"] as const) {
      const version = set[tool];
      if (!version) continue;
      const name = `${tool}-${version}`;
      if (only.length && !only.includes(name)) continue;
      const started = Date.now();
      const fresh = await verdictsOf(set, tool, jobs);
      const tsv = fixturesOnly ? [HEADER, ...corpusRows(name), ...fresh.split("\n").slice(1)].join("\n") : fresh;
      writeFileSync(join(verdictsDir, `${name}.tsv`), tsv);
      const files = new Set(
        tsv
          .split("\n")
          .slice(1)
          .filter(Boolean)
          .map((l) => l.split("\t")[0]),
      ).size;
      process.stdout.write(`${name}: ${files} files in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    }
  }
}

await main();
