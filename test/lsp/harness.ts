/**
 * In-process LSP harness: the real server and a protocol client connected over two in-memory streams. Waits are for
 * notifications (bounded by a timeout), never fixed sleeps.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createConnection,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
} from "vscode-languageserver/node";
import type { Analyzer } from "../../server/src/lsp/analyzer.js";
import { startServer } from "../../server/src/lsp/server.js";

export const repoRoot = resolve(fileURLToPath(import.meta.url), "../../..");
export const fixture = (...p: string[]): string => join(repoRoot, "fixtures", ...p);
export const uriOf = (file: string): string => pathToFileURL(file).href;

/** A copy of a fixture folder in a temporary directory (removed by `cleanup`). */
export function tempCopy(name: string): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), "ha-lint-lsp-"));
  const dir = join(root, name);
  cpSync(fixture(name), dir, { recursive: true });
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

type Waiter = {
  uri: string;
  pred: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
};

export class TestClient {
  readonly latest = new Map<string, PublishDiagnosticsParams>();
  private waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();

  private constructor(
    readonly connection: ProtocolConnection,
    readonly init: InitializeResult,
    private readonly streams: PassThrough[],
    private readonly server?: { dispose(): void },
    /** The in-process server's analyzer (to count its analyses). */
    readonly analyzer?: Analyzer,
  ) {}

  static async start(
    options: {
      folders?: string[];
      settings?: unknown;
      debounceMs?: number;
      /** Client capabilities beyond the diagnostics ones every test client declares. */
      capabilities?: Record<string, unknown>;
      stream?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
    } = {},
  ): Promise<TestClient> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = options.stream
      ? undefined
      : createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    const analyzer = server ? startServer(server) : undefined;
    const input = options.stream?.input ?? toClient;
    const output = options.stream?.output ?? toServer;
    const connection = createProtocolConnection(new StreamMessageReader(input), new StreamMessageWriter(output));
    let client: TestClient | undefined;
    const early: PublishDiagnosticsParams[] = [];
    connection.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
      if (client) client.receive(p);
      else early.push(p);
    });
    connection.listen();
    const folders = options.folders ?? [];
    const init = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ? uriOf(folders[0]) : null,
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: f.split("/").pop() ?? f })),
      capabilities: {
        textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } },
        ...options.capabilities,
      },
      initializationOptions: {
        debounceMs: options.debounceMs ?? 20,
        ...(options.settings ? { settings: options.settings } : {}),
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    client = new TestClient(connection, init, [toServer, toClient], server, analyzer);
    for (const p of early) client.receive(p);
    return client;
  }

  private receive(p: PublishDiagnosticsParams): void {
    this.latest.set(p.uri, p);
    const ready = this.waiters.filter((w) => w.uri === p.uri && w.pred(p));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(p);
  }

  /** The latest diagnostics of the file that satisfy `pred`, waiting for them (at most `timeoutMs`). */
  diagnostics(
    file: string,
    pred: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<PublishDiagnosticsParams> {
    const uri = uriOf(file);
    const have = this.latest.get(uri);
    if (have && pred(have)) return Promise.resolve(have);
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `no matching diagnostics for ${file} within ${timeoutMs} ms (latest: ${JSON.stringify(this.latest.get(uri)?.diagnostics.map((d) => d.code))})`,
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        uri,
        pred,
        resolve: (p) => {
          clearTimeout(timer);
          resolvePromise(p);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Opens a file (its text from disk unless given); returns its version. */
  async open(file: string, text?: string, languageId?: string): Promise<number> {
    const body = text ?? readFileSync(file, "utf8");
    const lang = languageId ?? (/keepalived/.test(file) || file.endsWith(".conf") ? "keepalived" : "haproxy");
    this.versions.set(file, 1);
    this.texts.set(file, body);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(file), languageId: lang, version: 1, text: body },
    });
    return 1;
  }

  text(file: string): string {
    return this.texts.get(file) ?? readFileSync(file, "utf8");
  }

  /** Replaces the whole text of an open document; returns the new version. */
  async change(file: string, text: string): Promise<number> {
    const version = (this.versions.get(file) ?? 0) + 1;
    this.versions.set(file, version);
    this.texts.set(file, text);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf(file), version },
      contentChanges: [{ text }],
    });
    return version;
  }

  /** Opens the file and waits for its first diagnostics. */
  async openAndWait(file: string, text?: string): Promise<PublishDiagnosticsParams> {
    const v = await this.open(file, text);
    return this.diagnostics(file, (p) => p.version === v);
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    // In process, `exit` would end the test worker: a spawned server gets it, an in-process one is disposed.
    if (!this.server) await this.connection.sendNotification(ExitNotification.type);
    this.connection.dispose();
    this.server?.dispose();
    for (const s of this.streams) s.destroy();
  }
}

/** Applies LSP text edits to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split("\n");
  const offset = (l: number, c: number): number => lines.slice(0, l).reduce((n, x) => n + x.length + 1, 0) + c;
  const sorted = [...edits].sort(
    (a, b) => offset(b.range.start.line, b.range.start.character) - offset(a.range.start.line, a.range.start.character),
  );
  let out = text;
  for (const e of sorted)
    out =
      out.slice(0, offset(e.range.start.line, e.range.start.character)) +
      e.newText +
      out.slice(offset(e.range.end.line, e.range.end.character));
  return out;
}

/** The position of the `n`-th occurrence of `needle` in the text (plus `shift` characters). */
export function positionOf(text: string, needle: string, shift = 0, n = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' not found`);
  }
  const before = text.slice(0, at + shift);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - before.lastIndexOf("\n") - 1 };
}
