#!/usr/bin/env node
/**
 * npm run bench [-- --quick] [-- --runs N] [-- --soak EDITS] [-- --out FILE] [-- --keep]
 *
 * Generates seeded inputs into a temporary folder and measures, side by side: the ha-lint CLI as a cold process,
 * `haproxy -c -q -f` and `keepalived -t -f` on the same files (when installed), `node -e 0` (the floor of any Node
 * CLI), and in process the language server (didChange -> publishDiagnostics, hover, completion). Prints a table with
 * the ratios against the targets and writes bench-results.json. It measures; it does not assert (exit 0).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateAll } from "./generate.mjs";

const repoRoot = resolve(fileURLToPath(import.meta.url), "../../..");
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const keep = argv.includes("--keep");
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const runs = Number(opt("--runs", quick ? 3 : 7));
const outFile = resolve(opt("--out", join(repoRoot, "bench-results.json")));
const cli = join(repoRoot, "bin", "ha-lint.js");

const which = (cmd) => {
  for (const dir of [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/sbin", "/usr/local/sbin"]) {
    const p = join(dir, cmd);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
};
const haproxy = which("haproxy");
const keepalived = which("keepalived");
const gnuTime = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** Child's peak RSS (KB): GNU time when there is one, else a Node wrapper that reads resourceUsage() of nothing. */
function runOnce(cmd, args, rssFile) {
  const full = gnuTime ? [gnuTime, ["-f", "%M", "-o", rssFile, cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let rssKb;
  if (gnuTime) {
    try {
      rssKb = Number(readFileSync(rssFile, "utf8").trim().split("\n").pop());
    } catch {
      rssKb = undefined;
    }
  }
  return { ms, rssKb, status: r.status, stderr: r.stderr?.toString().slice(0, 400) };
}

/** Runs a command `runs` times (after one warm-up run that primes the page cache): median, min, max, RSS. */
function measure(label, cmd, args, n = runs) {
  const rssFile = join(work, "rss.txt");
  runOnce(cmd, args, rssFile);
  const samples = [];
  let last;
  for (let i = 0; i < n; i++) {
    last = runOnce(cmd, args, rssFile);
    samples.push(last);
  }
  const ms = samples.map((s) => s.ms);
  const rss = samples.map((s) => s.rssKb).filter((x) => Number.isFinite(x));
  const result = {
    label,
    command: [cmd, ...args].map((a) => a.replace(work, "$BENCH")).join(" "),
    runs: n,
    medianMs: round(median(ms)),
    minMs: round(Math.min(...ms)),
    maxMs: round(Math.max(...ms)),
    rssMb: rss.length ? round(median(rss) / 1024) : undefined,
    exit: last.status,
  };
  if (last.status !== 0 && last.stderr) result.stderr = last.stderr;
  process.stderr.write(
    `  ${label}: ${result.medianMs} ms (min ${result.minMs}, max ${result.maxMs})${result.rssMb ? `, ${result.rssMb} MB` : ""}\n`,
  );
  return result;
}
const round = (x) => Math.round(x * 10) / 10;

// ---------------------------------------------------------------- language server, in process

/**
 * The language server in this process over a two-node cluster: open -> first diagnostics, n one-character edits ->
 * diagnostics, hover and completion while idle; with `busy`, hovers sent right behind an edit (answered while that
 * edit's analysis runs or after it); with `soak`, the process's RSS after that many more edits.
 */
async function measureServer(clusterDir, n, { busy = false, soak = 0 } = {}) {
  const bundle = join(repoRoot, "dist-bundle", "lsp.mjs");
  const built = join(repoRoot, "dist", "lsp", "server.js");
  const from = existsSync(bundle) ? bundle : built;
  const { startServer } = await import(pathToFileURL(from).href);
  const lsp = await import("vscode-languageserver/node");
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConn = lsp.createConnection(new lsp.StreamMessageReader(toServer), new lsp.StreamMessageWriter(toClient));
  startServer(serverConn);
  const client = lsp.createProtocolConnection(
    new lsp.StreamMessageReader(toClient),
    new lsp.StreamMessageWriter(toServer),
  );
  const waiters = [];
  client.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
    for (const w of [...waiters]) {
      if (w.uri === p.uri && p.version === w.version) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  client.listen();
  const uri = (f) => pathToFileURL(f).href;
  const waitFor = (file, version) =>
    new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`no diagnostics for version ${version} in 60 s`)), 60_000);
      waiters.push({ uri: uri(file), version, resolve: (p) => (clearTimeout(timer), res(p)) });
    });
  await client.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid,
    rootUri: uri(clusterDir),
    workspaceFolders: [{ uri: uri(clusterDir), name: "cluster" }],
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    // The debounce (150 ms by default) is the editor's typing pause, not analysis time: measured without it.
    initializationOptions: { debounceMs: 0 },
  });
  await client.sendNotification(lsp.InitializedNotification.type, {});
  const file = join(clusterDir, "lb01", "haproxy.cfg");
  let text = readFileSync(file, "utf8");
  const lineCount = text.split("\n").length - 1;
  let version = 1;
  const t0 = performance.now();
  const first = waitFor(file, version);
  await client.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
    textDocument: { uri: uri(file), languageId: "haproxy", version, text },
  });
  const firstDiag = await first;
  const openMs = performance.now() - t0;

  // one-character edits: the digit of a server's `inter Ns` somewhere in the file, changed back and forth
  const lines = text.split("\n");
  // The edited digit: a server's `inter Ns`, else (the seed pair has none) the last digit of a `bind *:PORT` line.
  const digitAt = (l) => {
    const inter = /^\s+server .* inter \ds/.test(l) ? l.indexOf(" inter ") + 7 : -1;
    if (inter >= 0) return inter;
    return /^\s+bind \*:\d+\s*$/.test(l) ? l.trimEnd().length - 1 : -1;
  };
  const serverLines = lines.map((l, i) => (digitAt(l) >= 0 ? i : -1)).filter((i) => i >= 0);
  /** One one-character edit; resolves when it is sent, with the promise of its diagnostics. */
  const editOnce = async (k) => {
    const line = serverLines[Math.floor((k * 7919) % serverLines.length)];
    const character = digitAt(lines[line]);
    const old = lines[line][character];
    const next = old === "9" ? "8" : "9";
    lines[line] = lines[line].slice(0, character) + next + lines[line].slice(character + 1);
    version++;
    const done = waitFor(file, version);
    await client.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri(file), version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: next }],
    });
    return done;
  };
  const edits = [];
  for (let k = 0; k < n; k++) {
    const t = performance.now();
    await await editOnce(k);
    edits.push(performance.now() - t);
  }
  text = lines.join("\n");

  // hover on a use_backend target and on a keyword; completion at the start of a backend line and after "balance "
  const useLine = lines.findIndex((l) => /^\s+use_backend /.test(l));
  const balLines = lines.map((l, i) => (/^\s+balance /.test(l) ? i : -1)).filter((i) => i >= 0);
  const hovers = [];
  const completions = [];
  for (let k = 0; useLine >= 0 && balLines.length > 0 && k < n; k++) {
    const line = k % 2 ? useLine : balLines[(k * 31) % balLines.length];
    const character = k % 2 ? lines[line].indexOf("use_backend ") + 14 : lines[line].indexOf("balance") + 2;
    let t = performance.now();
    await client.sendRequest(lsp.HoverRequest.type, {
      textDocument: { uri: uri(file) },
      position: { line, character },
    });
    hovers.push(performance.now() - t);
    const bl = balLines[(k * 17) % balLines.length];
    const pos = k % 2 ? { line: bl, character: lines[bl].indexOf("balance ") + 8 } : { line: bl, character: 4 };
    t = performance.now();
    await client.sendRequest(lsp.CompletionRequest.type, { textDocument: { uri: uri(file) }, position: pos });
    completions.push(performance.now() - t);
  }
  // Hover right behind an edit: the request arrives while the edit's analysis is due or running.
  const busyHovers = [];
  for (let k = 0; busy && useLine >= 0 && k < n; k++) {
    const done = await editOnce(n + k);
    const t = performance.now();
    await client.sendRequest(lsp.HoverRequest.type, {
      textDocument: { uri: uri(file) },
      position: { line: useLine, character: lines[useLine].indexOf("use_backend ") + 14 },
    });
    busyHovers.push(performance.now() - t);
    await done;
  }
  // RSS after many edits (this process: the server, the bench and the generated inputs' texts).
  let rss;
  if (soak > 0) {
    const warm = Math.min(100, soak);
    for (let k = 0; k < warm; k++) await await editOnce(2 * n + k);
    globalThis.gc?.();
    const afterWarm = process.memoryUsage().rss;
    for (let k = warm; k < soak; k++) await await editOnce(2 * n + k);
    globalThis.gc?.();
    const after = process.memoryUsage().rss;
    rss = { edits: soak, afterWarmMb: round(afterWarm / 1048576), afterMb: round(after / 1048576) };
  }
  await client.sendRequest(lsp.ShutdownRequest.type);
  client.dispose();
  serverConn.dispose();
  const stat = (xs) => ({
    n: xs.length,
    p50Ms: round(pct(xs, 50)),
    p95Ms: round(pct(xs, 95)),
    maxMs: round(Math.max(...xs)),
  });
  const empty = { n: 0 };
  return {
    server: from.replace(repoRoot + "/", ""),
    file: `lb01/haproxy.cfg (${lineCount} lines) in a two-node cluster`,
    firstDiagnostics: { ms: round(openMs), count: firstDiag.diagnostics.length },
    edit: stat(edits),
    hover: hovers.length ? stat(hovers) : empty,
    busyHover: busyHovers.length ? stat(busyHovers) : empty,
    ...(rss ? { rss } : {}),
    completion: completions.length ? stat(completions) : empty,
    heapUsedMb: round(process.memoryUsage().heapUsed / 1048576),
  };
}

// ---------------------------------------------------------------- main

const loadAtStart = loadavg().map((x) => x.toFixed(2));
const work = mkdtempSync(join(tmpdir(), "ha-lint-bench-"));
const sizes = generateAll(work, { repoRoot, quick });
const lines = (f) => readFileSync(f, "utf8").split("\n").length - 1;
const p = (...x) => join(work, ...x);
process.stderr.write(
  `bench inputs in ${work} (${quick ? "quick" : "full"}, ${runs} runs each; ${cpus().length} CPUs)\n`,
);
const cliRun = (label, target) => measure(label, process.execPath, [cli, target, "--exit-zero", "-f", "json"]);

// --server-only: just the in-process language server part (for profiling it with node --cpu-prof)
if (argv.includes("--server-only")) {
  const s = await measureServer(p("lsp-cluster"), quick ? 10 : 40);
  process.stdout.write(JSON.stringify(s, null, 2) + "\n");
  if (!keep) rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
const m = {};
m.nodeFloor = measure("node -e 0", process.execPath, ["-e", "0"]);
m.seedCli = cliRun("ha-lint seed pair", p("seed-postgres"));
m.hp16Cli = cliRun(`ha-lint haproxy.cfg ${lines(p("hp16k/haproxy.cfg"))} lines`, p("hp16k/haproxy.cfg"));
if (haproxy) m.hp16Haproxy = measure("haproxy -c 16k", haproxy, ["-c", "-q", "-f", p("hp16k/haproxy.cfg")]);
m.hp80Cli = cliRun(`ha-lint haproxy.cfg ${lines(p("hp80k/haproxy.cfg"))} lines`, p("hp80k/haproxy.cfg"));
if (haproxy) m.hp80Haproxy = measure("haproxy -c 80k", haproxy, ["-c", "-q", "-f", p("hp80k/haproxy.cfg")]);
m.ka21Cli = cliRun(`ha-lint keepalived.conf ${lines(p("ka21k/keepalived.conf"))} lines`, p("ka21k/keepalived.conf"));
if (keepalived) m.ka21Keepalived = measure("keepalived -t 21k", keepalived, ["-t", "-f", p("ka21k/keepalived.conf")]);
// Estates: fewer runs (a 1,000-cluster run is seconds, not milliseconds).
const estateRuns = Math.min(runs, 3);
const estateArgs = (dir) => [cli, dir, "--exit-zero", "-f", "json"];
m.estateCli = measure(`ha-lint estate ${sizes.estate} clusters`, process.execPath, estateArgs(p("estate")), estateRuns);
m.estate2Cli = measure(
  `ha-lint estate ${sizes.estate2} clusters`,
  process.execPath,
  estateArgs(p("estate2x")),
  estateRuns,
);
process.stderr.write("  language server (in process)...\n");
const server = await measureServer(p("lsp-cluster"), quick ? 10 : 40, { busy: true });
const seedServer = await measureServer(p("seed-postgres"), quick ? 20 : 100, {
  soak: Number(opt("--soak", quick ? 200 : 10000)),
});
const kServer = await measureServer(p("lsp-1k"), quick ? 20 : 100);

const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : undefined);
const targets = [
  {
    target: "seed pair CLI wall <= 1.5 x node -e 0",
    value: ratio(m.seedCli.medianMs, m.nodeFloor.medianMs),
    limit: 1.5,
    unit: "x",
  },
  haproxy && {
    target: `${sizes.large / 1000}k-line haproxy.cfg CLI wall <= 0.5 x haproxy -c`,
    value: ratio(m.hp80Cli.medianMs, m.hp80Haproxy.medianMs),
    limit: 0.5,
    unit: "x",
  },
  haproxy && {
    target: `${sizes.large / 1000}k-line haproxy.cfg CLI peak RSS <= haproxy's`,
    value: ratio(m.hp80Cli.rssMb, m.hp80Haproxy.rssMb),
    limit: 1,
    unit: "x",
  },
  keepalived && {
    target: "21k-line keepalived.conf CLI wall <= 4 x keepalived -t",
    value: ratio(m.ka21Cli.medianMs, m.ka21Keepalived.medianMs),
    limit: 4,
    unit: "x",
  },
  {
    target: `${sizes.estate}-cluster estate CLI wall <= 10 s`,
    value: round(m.estateCli.medianMs / 1000),
    limit: 10,
    unit: "s",
  },
  {
    target: `doubling the estate (${sizes.estate2} clusters) <= 2.1 x`,
    value: ratio(m.estate2Cli.medianMs, m.estateCli.medianMs),
    limit: 2.1,
    unit: "x",
  },
  { target: "server edit-to-diagnostics p95 <= 50 ms (16k lines)", value: server.edit.p95Ms, limit: 50, unit: "ms" },
  {
    target: "server open -> first diagnostics <= 1 s (16k lines)",
    value: server.firstDiagnostics.ms,
    limit: 1000,
    unit: "ms",
  },
  {
    target: "server edit-to-diagnostics p95 <= 10 ms (seed pair)",
    value: seedServer.edit.p95Ms,
    limit: 10,
    unit: "ms",
  },
  {
    target: "server edit-to-diagnostics p95 <= 10 ms (1k-line pair)",
    value: kServer.edit.p95Ms,
    limit: 10,
    unit: "ms",
  },
  { target: "server hover p95 <= 20 ms", value: server.hover.p95Ms, limit: 20, unit: "ms" },
  {
    target: "server hover p95 <= 20 ms while a 16k-line analysis runs",
    value: server.busyHover.p95Ms,
    limit: 20,
    unit: "ms",
  },
  seedServer.rss && {
    target: `server RSS after ${seedServer.rss.edits} edits <= 1.25 x after 100 (seed pair)`,
    value: ratio(seedServer.rss.afterMb, seedServer.rss.afterWarmMb),
    limit: 1.25,
    unit: "x",
  },
  { target: "server completion p95 <= 20 ms", value: server.completion.p95Ms, limit: 20, unit: "ms" },
]
  .filter(Boolean)
  .map((t) => ({ ...t, met: t.value !== undefined && t.value <= t.limit }));

const pad = (s, n) => String(s ?? "-").padEnd(n);
const padl = (s, n) => String(s ?? "-").padStart(n);
const out = [];
out.push(
  `ha-lint bench (${quick ? "quick" : "full"}), node ${process.version}, ${runs} runs per command, ${cpus().length} CPUs, ` +
    `load average ${loadAtStart.join(" ")} at the start, ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")} at the end`,
);
out.push("");
out.push(`${pad("measurement", 44)} ${padl("median ms", 10)} ${padl("min", 8)} ${padl("max", 8)} ${padl("RSS MB", 8)}`);
for (const r of Object.values(m))
  out.push(`${pad(r.label, 44)} ${padl(r.medianMs, 10)} ${padl(r.minMs, 8)} ${padl(r.maxMs, 8)} ${padl(r.rssMb, 8)}`);
out.push("");
out.push(`language server (${server.server}, ${server.file}, debounce 0):`);
out.push(`${pad("", 44)} ${padl("p50 ms", 10)} ${padl("p95 ms", 8)} ${padl("max", 8)} ${padl("n", 8)}`);
out.push(`${pad("open -> first diagnostics", 44)} ${padl(server.firstDiagnostics.ms, 10)}`);
const labels = {
  edit: "didChange (1 char) -> publishDiagnostics",
  hover: "hover",
  completion: "completion",
  busyHover: "hover right behind an edit",
};
for (const k of Object.keys(labels)) {
  const s = server[k];
  out.push(`${pad(labels[k], 44)} ${padl(s.p50Ms, 10)} ${padl(s.p95Ms, 8)} ${padl(s.maxMs, 8)} ${padl(s.n, 8)}`);
}
for (const [name, s] of [
  ["seed", seedServer.edit],
  ["1k-line pair", kServer.edit],
])
  out.push(
    `${pad(`didChange (1 char) -> publishDiagnostics, ${name}`, 44)} ${padl(s.p50Ms, 10)} ${padl(s.p95Ms, 8)} ${padl(s.maxMs, 8)} ${padl(s.n, 8)}`,
  );
if (seedServer.rss)
  out.push(
    `${pad(`RSS MB after 100 / ${seedServer.rss.edits} seed edits`, 44)} ${padl(seedServer.rss.afterWarmMb, 10)} ${padl(seedServer.rss.afterMb, 8)}`,
  );
out.push("");
out.push(`${pad("target", 64)} ${padl("measured", 9)} ${padl("limit", 7)} ${padl("ratio", 6)}  verdict`);
for (const t of targets) {
  const shown = (x) => (x === undefined ? "-" : x + (t.unit === "x" ? "x" : " " + t.unit));
  const share = t.value === undefined ? "-" : (t.value / t.limit).toFixed(2);
  out.push(
    `${pad(t.target, 64)} ${padl(shown(t.value), 9)} ${padl(shown(t.limit), 7)} ${padl(share, 6)}  ${t.met ? "met" : "NOT met"}`,
  );
}
process.stdout.write(out.join("\n") + "\n");

writeFileSync(
  outFile,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      quick,
      runs,
      sizes,
      commands: m,
      server,
      seedServer,
      kServer,
      loadAverage: loadavg(),
      targets,
    },
    null,
    2,
  ) + "\n",
);
process.stderr.write(`wrote ${outFile}\n`);
if (keep) process.stderr.write(`inputs kept in ${work}\n`);
else rmSync(work, { recursive: true, force: true });
process.exit(0);
