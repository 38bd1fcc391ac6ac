/**
 * Soak test of the language server: spawns `node bin/ha-lint-language-server.js --stdio` (run `npm run build`
 * first) on a copy of fixtures/seed-postgres and drives it with random operations: opens, edits (valid and invalid
 * text, and bursts that edit both nodes' files at once), closes, hovers, completions, renames, definitions, symbols,
 * formatting, and files deleted or renamed on disk while they are open. Every request must be answered (a result or
 * an LSP error the protocol allows, e.g. "nothing to rename here"); the server must stay up; its RSS (VmRSS) after
 * the run must be within 20% of its RSS after the warm-up (the first 1,000 operations).
 *
 *   npx tsx scripts/soak.ts [--ops 10000] [--seed N] [--json FILE] [--folder-files N] [--node-arg FLAG ...]
 *
 * `--folder-files N` adds N unrelated files (docs, manifests, scripts) to the workspace folder, as in a real
 * repository, so that discovery runs over a big tree while requests keep coming.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from "vscode-languageserver/node";
import { addFillerFiles } from "./soak/filler.js";
import { newText, rng, type Random } from "./soak/text.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface SoakResult {
  ops: number;
  requests: number;
  answered: number;
  /** LSP errors a client expects (invalid rename position, ...): answers, counted apart. */
  expectedErrors: number;
  /** Timeouts, internal errors (-32603), a server that died: each is a failure. */
  errors: number;
  errorSamples: string[];
  notifications: number;
  diagnosticsReceived: number;
  /** Files deleted or renamed on disk while open, and restored. */
  diskChanges: number;
  /** Bursts that edited both nodes' files before any request. */
  concurrentEdits: number;
  folderFiles: number;
  rssAt1000Kb: number;
  rssAtEndKb: number;
  rssGrowth: number;
  /** Settled RSS after every 1,000 operations, for the shape of the curve. */
  rssSamplesKb: number[];
  /** Request round trips (ms): p50, p95 and the slowest. */
  latencyMs: { p50: number; p95: number; max: number };
  seconds: number;
  serverAlive: boolean;
  stderr: string;
}

export interface SoakOptions {
  ops?: number;
  seed?: number;
  requestTimeoutMs?: number;
  settleMs?: number;
  nodeArgs?: string[];
  folderFiles?: number;
}

const NODE_FILES = ["lb01/keepalived.conf", "lb01/haproxy.cfg", "lb02/keepalived.conf", "lb02/haproxy.cfg"];

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : NaN;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]);
}

function emptyResult(ops: number, folderFiles: number): SoakResult {
  return {
    ops,
    requests: 0,
    answered: 0,
    expectedErrors: 0,
    errors: 0,
    errorSamples: [],
    notifications: 0,
    diagnosticsReceived: 0,
    diskChanges: 0,
    concurrentEdits: 0,
    folderFiles,
    rssAt1000Kb: 0,
    rssAtEndKb: 0,
    rssGrowth: 0,
    rssSamplesKb: [],
    latencyMs: { p50: 0, p95: 0, max: 0 },
    seconds: 0,
    serverAlive: true,
    stderr: "",
  };
}

/** The server process and the protocol connection to it, with the bookkeeping of every message sent. */
class SoakSession {
  readonly child: ChildProcess;
  readonly conn: ProtocolConnection;
  alive = true;
  stderr = "";
  private readonly latencies: number[] = [];

  constructor(
    readonly result: SoakResult,
    nodeArgs: readonly string[],
    private readonly timeoutMs: number,
  ) {
    const server = join(repoRoot, "bin/ha-lint-language-server.js");
    this.child = spawn(process.execPath, [...nodeArgs, server, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr?.on("data", (d: Buffer) => (this.stderr += d.toString()));
    this.child.once("exit", () => (this.alive = false));
    const { stdout, stdin } = this.child;
    if (!stdout || !stdin) throw new Error("soak: the server has no stdio pipes");
    this.conn = createProtocolConnection(new StreamMessageReader(stdout), new StreamMessageWriter(stdin));
    this.conn.onNotification("textDocument/publishDiagnostics", () => void this.result.diagnosticsReceived++);
    this.conn.onRequest("workspace/configuration", () => [{}]);
    this.conn.onRequest("client/registerCapability", () => null);
    this.conn.listen();
  }

  failure(what: string): void {
    this.result.errors++;
    if (this.result.errorSamples.length < 20) this.result.errorSamples.push(what);
  }

  async request(method: string, params: unknown): Promise<unknown> {
    this.result.requests++;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = performance.now();
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${method}: no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      const answer = await Promise.race([this.conn.sendRequest(method, params), timeout]);
      this.result.answered++;
      return answer;
    } catch (e) {
      if (e instanceof ResponseError && e.code !== -32603 && e.code !== -32700 && e.code !== -32600) {
        this.result.answered++;
        this.result.expectedErrors++;
      } else this.failure(e instanceof Error ? e.message : String(e));
      return undefined;
    } finally {
      clearTimeout(timer);
      this.latencies.push(performance.now() - started);
    }
  }

  async notify(method: string, params: unknown): Promise<void> {
    this.result.notifications++;
    await this.conn.sendNotification(method, params);
  }

  /** Settles: a round trip after pending analyses, then the RSS once it stops moving. */
  async settledRss(settleMs: number): Promise<number> {
    await new Promise((r) => setTimeout(r, 300));
    await this.request("workspace/symbol", { query: "" });
    const pid = this.child.pid ?? 0;
    const trace: number[] = [];
    for (let waited = 0; waited < settleMs; waited += 500) {
      await new Promise((r) => setTimeout(r, 500));
      trace.push(rssKb(pid));
    }
    if (process.env.SOAK_TRACE) console.error(trace.join(" "));
    return rssKb(pid);
  }

  latencySummary(): SoakResult["latencyMs"] {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: percentile(sorted, 1) };
  }

  async close(): Promise<void> {
    this.conn.dispose();
    if (this.child.exitCode !== null) return;
    await Promise.race([new Promise((r) => this.child.once("exit", r)), new Promise((r) => setTimeout(r, 2000))]);
    if (this.child.exitCode === null) this.child.kill();
  }
}

interface OpenDoc {
  version: number;
  text: string;
}

/** The workspace on disk and the editor's open documents; one random operation at a time. */
class SoakDriver {
  readonly open = new Map<string, OpenDoc>();
  /** Files moved away on disk (deleted or renamed) while open, with where they went ("" for deleted). */
  private readonly away = new Map<string, string>();
  private readonly int: (n: number) => number;

  constructor(
    private readonly session: SoakSession,
    private readonly files: readonly string[],
    private readonly originals: ReadonlyMap<string, string>,
    private readonly random: Random,
  ) {
    this.int = (n) => Math.floor(random() * n);
  }

  private uri(file: string): string {
    return pathToFileURL(file).href;
  }

  private position(text: string): { line: number; character: number } {
    const lines = text.split("\n");
    const line = this.int(lines.length + 1);
    return { line, character: this.int((lines[line]?.length ?? 3) + 2) };
  }

  private original(file: string): string {
    return this.originals.get(file) ?? "";
  }

  async step(index: number): Promise<void> {
    const file = this.files[this.int(this.files.length)];
    const doc = this.open.get(file);
    const kind = this.int(100);
    if (!doc && kind < 60) return this.openFile(file);
    if (!doc) return void (await this.requestAt("textDocument/hover", file, this.original(file)));
    if (kind < 32) return this.edit(file, doc);
    if (kind < 35) return this.editBothNodes();
    if (kind < 37) return this.moveOnDisk(file);
    if (kind < 42) return this.closeFile(file);
    return this.query(file, doc, kind, index);
  }

  private async openFile(file: string): Promise<void> {
    const text =
      this.random() < 0.8 ? this.original(file) : newText(this.random, this.original(file), this.original(file));
    this.open.set(file, { version: 1, text });
    const languageId = file.endsWith(".cfg") ? "haproxy" : "keepalived";
    await this.session.notify("textDocument/didOpen", {
      textDocument: { uri: this.uri(file), languageId, version: 1, text },
    });
  }

  private async closeFile(file: string): Promise<void> {
    this.open.delete(file);
    await this.session.notify("textDocument/didClose", { textDocument: { uri: this.uri(file) } });
  }

  private async edit(file: string, doc: OpenDoc): Promise<void> {
    doc.version++;
    doc.text = newText(this.random, doc.text, this.original(file));
    await this.session.notify("textDocument/didChange", {
      textDocument: { uri: this.uri(file), version: doc.version },
      contentChanges: [{ text: doc.text }],
    });
  }

  /** Edits the same file of both nodes back to back, before any request: what a multi-cursor or a sync does. */
  private async editBothNodes(): Promise<void> {
    const name = this.random() < 0.5 ? "keepalived.conf" : "haproxy.cfg";
    const pair = this.files.filter((f) => f.endsWith(`/${name}`));
    const open = pair.filter((f) => this.open.has(f));
    if (open.length < 2) return;
    this.session.result.concurrentEdits++;
    await Promise.all(open.map((f) => this.edit(f, this.open.get(f) as OpenDoc)));
  }

  /** Deletes or renames an open file on disk (telling the server as a file watcher would), or puts it back. */
  private async moveOnDisk(file: string): Promise<void> {
    const changes: { uri: string; type: number }[] = [];
    const elsewhere = this.away.get(file);
    if (elsewhere !== undefined) {
      if (elsewhere) renameSync(elsewhere, file);
      else writeFileSync(file, this.original(file));
      if (elsewhere) changes.push({ uri: this.uri(elsewhere), type: 3 });
      changes.push({ uri: this.uri(file), type: 1 });
      this.away.delete(file);
    } else if (existsSync(file)) {
      const renamed = this.random() < 0.5 ? `${file}.renamed` : "";
      if (renamed) renameSync(file, renamed);
      else rmSync(file);
      changes.push({ uri: this.uri(file), type: 3 });
      if (renamed) changes.push({ uri: this.uri(renamed), type: 1 });
      this.away.set(file, renamed);
    }
    this.session.result.diskChanges++;
    await this.session.notify("workspace/didChangeWatchedFiles", { changes });
    const doc = this.open.get(file);
    if (doc) await this.requestAt("textDocument/hover", file, doc.text);
  }

  private requestAt(method: string, file: string, text: string): Promise<unknown> {
    return this.session.request(method, { textDocument: { uri: this.uri(file) }, position: this.position(text) });
  }

  private async query(file: string, doc: OpenDoc, kind: number, index: number): Promise<void> {
    const textDocument = { uri: this.uri(file) };
    const request = this.session.request.bind(this.session);
    if (kind < 57) await this.requestAt("textDocument/hover", file, doc.text);
    else if (kind < 72) await this.requestAt("textDocument/completion", file, doc.text);
    else if (kind < 82) {
      const position = this.position(doc.text);
      await request("textDocument/prepareRename", { textDocument, position });
      const newName = this.random() < 0.8 ? `renamed_${index}` : "bad name{";
      await request("textDocument/rename", { textDocument, position, newName });
    } else if (kind < 88) {
      await this.requestAt("textDocument/definition", file, doc.text);
      const context = { includeDeclaration: true };
      await request("textDocument/references", { textDocument, position: this.position(doc.text), context });
    } else if (kind < 92) {
      await request("textDocument/documentSymbol", { textDocument });
      await request("textDocument/foldingRange", { textDocument });
    } else if (kind < 96) {
      const options = { tabSize: 4, insertSpaces: this.random() < 0.5 };
      await request("textDocument/formatting", { textDocument, options });
    } else if (kind < 98) {
      const at = this.position(doc.text);
      const params = { textDocument, range: { start: at, end: at }, context: { diagnostics: [] } };
      await request("textDocument/codeAction", params);
    } else {
      await request("workspace/executeCommand", {
        command: "ha-lint.showFailoverMatrix",
        arguments: [textDocument.uri],
      });
    }
  }

  /** Puts every moved file back, so that the folder is as it was. */
  restoreDisk(): void {
    for (const [file, elsewhere] of this.away) {
      if (elsewhere && existsSync(elsewhere)) renameSync(elsewhere, file);
      else writeFileSync(file, this.original(file));
    }
    this.away.clear();
  }
}

async function initialize(session: SoakSession, workspace: string): Promise<void> {
  const uri = pathToFileURL(workspace).href;
  await session.request("initialize", {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: "seed-postgres" }],
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions: { debounceMs: 20 },
  });
  await session.notify("initialized", {});
}

async function drive(session: SoakSession, driver: SoakDriver, ops: number, settleMs: number): Promise<void> {
  const { result } = session;
  for (let i = 0; i < ops; i++) {
    if (!session.alive) {
      session.failure(`server exited after ${i} operations`);
      break;
    }
    await driver.step(i);
    if ((i + 1) % 1000 === 0) {
      result.rssSamplesKb.push(await session.settledRss(settleMs));
      if (i === 999) result.rssAt1000Kb = result.rssSamplesKb[0];
    }
  }
  if (ops < 1000) result.rssAt1000Kb = await session.settledRss(settleMs);
  result.rssAtEndKb = await session.settledRss(settleMs);
  result.rssGrowth = result.rssAtEndKb / result.rssAt1000Kb - 1;
}

export async function runSoak(options: SoakOptions = {}): Promise<SoakResult> {
  const ops = options.ops ?? 10_000;
  const result = emptyResult(ops, options.folderFiles ?? 0);
  const tmp = mkdtempSync(join(tmpdir(), "ha-lint-soak-"));
  const workspace = join(tmp, "seed-postgres");
  cpSync(join(repoRoot, "fixtures/seed-postgres"), workspace, { recursive: true });
  if (options.folderFiles) addFillerFiles(workspace, options.folderFiles);
  const files = NODE_FILES.map((f) => join(workspace, f));
  const originals = new Map(files.map((f) => [f, readFileSync(f, "utf8")]));
  const started = Date.now();
  const session = new SoakSession(result, options.nodeArgs ?? [], options.requestTimeoutMs ?? 15_000);
  const driver = new SoakDriver(session, files, originals, rng(options.seed ?? 42));
  try {
    await initialize(session, workspace);
    await drive(session, driver, ops, options.settleMs ?? 2500);
    result.serverAlive = session.alive;
    await session.request("shutdown", undefined);
    await session.notify("exit", undefined);
  } finally {
    driver.restoreDisk();
    result.seconds = Math.round((Date.now() - started) / 1000);
    result.latencyMs = session.latencySummary();
    result.stderr = session.stderr;
    await session.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  return result;
}

function soakPassed(r: SoakResult): boolean {
  return r.errors === 0 && r.serverAlive && r.answered === r.requests && r.rssGrowth <= 0.2;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (n: string): string | undefined => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
  const nodeArgs = args.flatMap((a, i) => (a === "--node-arg" ? [args[i + 1]] : []));
  const r = await runSoak({
    ops: Number(opt("--ops") ?? 10_000),
    seed: Number(opt("--seed") ?? 42),
    nodeArgs,
    folderFiles: Number(opt("--folder-files") ?? 0),
    ...(opt("--settle-ms") ? { settleMs: Number(opt("--settle-ms")) } : {}),
  });
  const { stderr, ...shown } = r;
  console.log(JSON.stringify(shown, null, 2));
  if (stderr) console.log(`server stderr:\n${stderr.slice(0, 4000)}`);
  const json = opt("--json");
  if (json) writeFileSync(json, JSON.stringify(r, null, 2));
  console.log(soakPassed(r) ? "soak: OK" : "soak: FAILED");
  process.exitCode = soakPassed(r) ? 0 : 1;
}
