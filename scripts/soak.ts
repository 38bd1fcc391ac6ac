/**
 * Soak test of the language server: spawns `node bin/ha-lint-language-server.js --stdio` (run `npm run build`
 * first) on a copy of fixtures/seed-postgres and drives it with random opens, edits (valid and invalid text),
 * closes, hovers, completions, renames, definitions, symbols and formatting. Every request must be answered (a
 * result or an LSP error the protocol allows, e.g. "nothing to rename here"); the server must stay up; its RSS
 * (VmRSS) after the run must be within 20% of its RSS after the first 1,000 operations.
 *
 *   npx tsx scripts/soak.ts [--ops 10000] [--seed N] [--json FILE] [--node-arg FLAG ...]
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver/node";

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
  rssAt1000Kb: number;
  rssAtEndKb: number;
  rssGrowth: number;
  /** Settled RSS after every 1,000 operations, for the shape of the curve. */
  rssSamplesKb: number[];
  seconds: number;
  serverAlive: boolean;
  stderr: string;
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : NaN;
}

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GARBAGE = [
  "{",
  "}",
  '"',
  "\\",
  "#",
  "!",
  "$X=",
  "${X}",
  "~SEQ(",
  "include *",
  "\u0000",
  "\ufffd",
  "\r",
  "\t",
  "vrrp_instance",
  "backend",
  "server s 1.2.3.4:5 check",
  "@lb01",
  ".if",
  ".endif",
];

export async function runSoak(
  options: { ops?: number; seed?: number; requestTimeoutMs?: number; settleMs?: number; nodeArgs?: string[] } = {},
): Promise<SoakResult> {
  const ops = options.ops ?? 10_000;
  const random = rng(options.seed ?? 42);
  const int = (n: number): number => Math.floor(random() * n);
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const settleMs = options.settleMs ?? 2500;
  const tmp = mkdtempSync(join(tmpdir(), "ha-lint-soak-"));
  const ws = join(tmp, "seed-postgres");
  cpSync(join(repoRoot, "fixtures/seed-postgres"), ws, { recursive: true });
  const files = ["lb01/keepalived.conf", "lb01/haproxy.cfg", "lb02/keepalived.conf", "lb02/haproxy.cfg"].map((f) =>
    join(ws, f),
  );
  const originals = new Map(files.map((f) => [f, readFileSync(f, "utf8")]));
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), join(repoRoot, "bin/ha-lint-language-server.js"), "--stdio"],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  let alive = true;
  child.once("exit", () => (alive = false));
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let diagnosticsReceived = 0;
  conn.onNotification("textDocument/publishDiagnostics", () => {
    diagnosticsReceived++;
  });
  conn.onRequest("workspace/configuration", () => [{}]);
  conn.onRequest("client/registerCapability", () => null);
  conn.listen();
  const started = Date.now();
  const result: SoakResult = {
    ops,
    requests: 0,
    answered: 0,
    expectedErrors: 0,
    errors: 0,
    errorSamples: [],
    notifications: 0,
    diagnosticsReceived: 0,
    rssAt1000Kb: 0,
    rssAtEndKb: 0,
    rssGrowth: 0,
    rssSamplesKb: [],
    seconds: 0,
    serverAlive: true,
    stderr: "",
  };
  const failure = (what: string): void => {
    result.errors++;
    if (result.errorSamples.length < 20) result.errorSamples.push(what);
  };
  const request = async (method: string, params: unknown): Promise<unknown> => {
    result.requests++;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const r = await Promise.race([
        conn.sendRequest(method, params),
        new Promise(
          (_, reject) =>
            (timer = setTimeout(() => reject(new Error(`${method}: no answer within ${timeoutMs} ms`)), timeoutMs)),
        ),
      ]);
      result.answered++;
      return r;
    } catch (e) {
      if (e instanceof ResponseError && e.code !== -32603 && e.code !== -32700 && e.code !== -32600) {
        result.answered++;
        result.expectedErrors++;
      } else failure(e instanceof Error ? e.message : String(e));
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };
  const notify = async (method: string, params: unknown): Promise<void> => {
    result.notifications++;
    await conn.sendNotification(method, params);
  };
  /** Settles: a round trip after pending analyses, then the RSS. */
  const settledRss = async (): Promise<number> => {
    await new Promise((r) => setTimeout(r, 300));
    await request("workspace/symbol", { query: "" });
    // Idle like an editor between bursts, and follow the RSS until it stops moving.
    const trace: number[] = [];
    for (let waited = 0; waited < settleMs; waited += 500) {
      await new Promise((r) => setTimeout(r, 500));
      trace.push(rssKb(child.pid!));
    }
    if (process.env.SOAK_TRACE) console.error(trace.join(" "));
    return rssKb(child.pid!);
  };

  try {
    await request("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(ws).href,
      workspaceFolders: [{ uri: pathToFileURL(ws).href, name: "seed-postgres" }],
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: { debounceMs: 20 },
    });
    await notify("initialized", {});
    const open = new Map<string, { version: number; text: string }>();
    const uri = (f: string): string => pathToFileURL(f).href;
    const position = (text: string): { line: number; character: number } => {
      const lines = text.split("\n");
      const line = int(lines.length + 1);
      return { line, character: int((lines[line]?.length ?? 3) + 2) };
    };
    const newText = (f: string, old: string): string => {
      const k = int(10);
      if (k === 0) return originals.get(f)!;
      if (k === 1)
        return Array.from(
          { length: int(200) },
          () => GARBAGE[int(GARBAGE.length)] + (random() < 0.3 ? "\n" : " "),
        ).join("");
      if (k === 2) return "";
      // A local edit of the current text: insert, delete or replace a few characters, or a garbage token.
      const at = int(old.length + 1);
      const cut = int(6);
      const ins = random() < 0.5 ? GARBAGE[int(GARBAGE.length)] : String.fromCharCode(32 + int(95));
      const out = old.slice(0, at) + (k < 6 ? ins : "") + old.slice(at + (k < 8 ? cut : 0));
      return out.length > 200_000 ? originals.get(f)! : out;
    };
    for (let i = 0; i < ops; i++) {
      if (!alive) {
        failure(`server exited after ${i} operations`);
        break;
      }
      const f = files[int(files.length)];
      const doc = open.get(f);
      const kind = int(100);
      if (!doc && kind < 60) {
        const text = random() < 0.8 ? originals.get(f)! : newText(f, originals.get(f)!);
        open.set(f, { version: 1, text });
        await notify("textDocument/didOpen", {
          textDocument: { uri: uri(f), languageId: f.endsWith(".cfg") ? "haproxy" : "keepalived", version: 1, text },
        });
      } else if (!doc) {
        // Requests on a file that is not open are answered from the disk.
        await request("textDocument/hover", { textDocument: { uri: uri(f) }, position: position(originals.get(f)!) });
      } else if (kind < 35) {
        const text = newText(f, doc.text);
        doc.version++;
        doc.text = text;
        await notify("textDocument/didChange", {
          textDocument: { uri: uri(f), version: doc.version },
          contentChanges: [{ text }],
        });
      } else if (kind < 42) {
        open.delete(f);
        await notify("textDocument/didClose", { textDocument: { uri: uri(f) } });
      } else if (kind < 57) {
        await request("textDocument/hover", { textDocument: { uri: uri(f) }, position: position(doc.text) });
      } else if (kind < 72) {
        await request("textDocument/completion", { textDocument: { uri: uri(f) }, position: position(doc.text) });
      } else if (kind < 82) {
        const pos = position(doc.text);
        await request("textDocument/prepareRename", { textDocument: { uri: uri(f) }, position: pos });
        await request("textDocument/rename", {
          textDocument: { uri: uri(f) },
          position: pos,
          newName: random() < 0.8 ? `renamed_${i}` : "bad name{",
        });
      } else if (kind < 88) {
        await request("textDocument/definition", { textDocument: { uri: uri(f) }, position: position(doc.text) });
        await request("textDocument/references", {
          textDocument: { uri: uri(f) },
          position: position(doc.text),
          context: { includeDeclaration: true },
        });
      } else if (kind < 92) {
        await request("textDocument/documentSymbol", { textDocument: { uri: uri(f) } });
        await request("textDocument/foldingRange", { textDocument: { uri: uri(f) } });
      } else if (kind < 96) {
        await request("textDocument/formatting", {
          textDocument: { uri: uri(f) },
          options: { tabSize: 4, insertSpaces: random() < 0.5 },
        });
      } else if (kind < 98) {
        await request("textDocument/codeAction", {
          textDocument: { uri: uri(f) },
          range: { start: position(doc.text), end: position(doc.text) },
          context: { diagnostics: [] },
        });
      } else {
        await request("workspace/executeCommand", { command: "ha-lint.showFailoverMatrix", arguments: [uri(f)] });
      }
      if ((i + 1) % 1000 === 0) {
        result.rssSamplesKb.push(await settledRss());
        if (i === 999) result.rssAt1000Kb = result.rssSamplesKb[0];
      }
    }
    if (ops < 1000) result.rssAt1000Kb = await settledRss();
    result.rssAtEndKb = await settledRss();
    result.rssGrowth = result.rssAtEndKb / result.rssAt1000Kb - 1;
    result.serverAlive = alive;
    await request("shutdown", undefined);
    await notify("exit", undefined);
  } finally {
    result.seconds = Math.round((Date.now() - started) / 1000);
    result.diagnosticsReceived = diagnosticsReceived;
    result.stderr = stderr;
    conn.dispose();
    if (child.exitCode === null) {
      await Promise.race([new Promise((r) => child.once("exit", r)), new Promise((r) => setTimeout(r, 2000))]);
      if (child.exitCode === null && child.pid) child.kill();
    }
    rmSync(tmp, { recursive: true, force: true });
  }
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (n: string): string | undefined => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
  const nodeArgs = args.flatMap((a, i) => (a === "--node-arg" ? [args[i + 1]] : []));
  const r = await runSoak({
    ops: Number(opt("--ops") ?? 10_000),
    seed: Number(opt("--seed") ?? 42),
    nodeArgs,
    settleMs: opt("--settle-ms") ? Number(opt("--settle-ms")) : undefined,
  });
  const { stderr, ...shown } = r;
  console.log(JSON.stringify(shown, null, 2));
  if (stderr) console.log(`server stderr:\n${stderr.slice(0, 4000)}`);
  const json = opt("--json");
  if (json) writeFileSync(json, JSON.stringify(r, null, 2));
  const ok = r.errors === 0 && r.serverAlive && r.answered === r.requests && r.rssGrowth <= 0.2;
  console.log(ok ? "soak: OK" : "soak: FAILED");
  process.exitCode = ok ? 0 : 1;
}
