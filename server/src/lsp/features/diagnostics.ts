/**
 * Document sync and diagnostics: open, change and close documents in the analyzer, analyse after a quiet period per
 * document, and publish versioned diagnostics for every file an analysis covers.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  DiagnosticSeverity,
  DiagnosticTag,
  FileChangeType,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
} from "vscode-languageserver";
import type { Language } from "../../language.js";
import { docsPath } from "../../rules/docs-link.js";
import type { Finding } from "../../rules/finding.js";
import type { Analyzer, InactiveLines, Publication } from "../analyzer.js";
import { docsRoot } from "../docs-root.js";
import type { Feature, ServerContext, UriMap } from "../server-context.js";

const SEVERITY: Record<Finding["severity"], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(f: Finding, uris: UriMap): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: "ha-lint",
    message: f.message,
    data: {
      name: f.name,
      ...(f.messageId ? { messageId: f.messageId } : {}),
      ...(f.data ? { data: f.data } : {}),
      ...(f.renderedFor ? { renderedFor: f.renderedFor } : {}),
    },
  };
  const root = docsRoot();
  if (root && /^[A-Z]{2}\d{3}$/.test(f.rule))
    d.codeDescription = { href: pathToFileURL(resolve(root, docsPath(f.rule))).href };
  if (f.tags?.length)
    d.tags = f.tags.map((t) => (t === "deprecated" ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  if (f.related?.length)
    d.relatedInformation = f.related.map((r) => ({ location: uris.location(r), message: r.message }));
  return d;
}

/** A faded hint over lines the daemon does not read. */
function inactiveDiagnostic(lines: InactiveLines): Diagnostic {
  return {
    range: lines.range,
    severity: DiagnosticSeverity.Hint,
    tags: [DiagnosticTag.Unnecessary],
    source: "ha-lint",
    message: lines.message,
    data: { messageId: lines.messageId, data: lines.data },
  };
}

/** Runs analyses and sends what they publish; analyses of one document wait for a quiet period. */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  debounceMs = 150;

  constructor(
    private readonly connection: Connection,
    private readonly analyzer: Analyzer,
    private readonly uris: UriMap,
  ) {}

  /** Runs `analyse` and publishes its result; an analysis that throws is logged, never fatal. */
  run(analyse: () => Publication[]): void {
    let publications: Publication[];
    const started = performance.now();
    try {
      publications = analyse();
    } catch (e) {
      this.connection.console.error(`analysis failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return;
    }
    if (publications.length > 0) {
      const problems = publications.reduce((n, p) => n + p.findings.length, 0);
      const took = (performance.now() - started).toFixed(1);
      this.connection.console.log(`analysed: ${publications.length} files, ${problems} problems, ${took} ms`);
    }
    for (const p of publications) {
      void this.connection.sendDiagnostics({
        uri: this.uris.uriOf(p.file),
        ...(p.version !== undefined ? { version: p.version } : {}),
        diagnostics: [
          ...p.findings.map((f) => toDiagnostic(f, this.uris)),
          ...(p.inactive ?? []).map(inactiveDiagnostic),
        ],
      });
    }
  }

  schedule(file: string): void {
    const old = this.timers.get(file);
    if (old) clearTimeout(old);
    this.timers.set(
      file,
      setTimeout(() => {
        this.timers.delete(file);
        this.run(() => this.analyzer.update(file));
      }, this.debounceMs),
    );
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

function languageOf(languageId: string): Language | undefined {
  return languageId === "haproxy" || languageId === "keepalived" ? languageId : undefined;
}

/** Whether the file on disk holds exactly the text of its open buffer (a save that changed nothing). */
function diskMatchesBuffer(ctx: ServerContext, file: string): boolean {
  const buffer = ctx.analyzer.openText(file);
  if (buffer === undefined || !existsSync(file)) return false;
  try {
    return readFileSync(file, "utf8") === buffer;
  } catch {
    return false;
  }
}

export const diagnosticsFeature = (publisher: DiagnosticsPublisher): Feature => ({
  capabilities: () => ({
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
  }),
  register(ctx) {
    const { documents, analyzer, uris } = ctx;
    documents.onDidOpen(({ document }) => {
      const file = uris.pathOf(document.uri);
      if (!file) return;
      analyzer.open(file, document.getText(), document.version, languageOf(document.languageId));
      publisher.schedule(file);
    });
    documents.onDidChangeContent(({ document }) => {
      const file = uris.pathOf(document.uri);
      if (!file) return;
      // A change notification whose text is what the analyzer has (a save, an undo back) needs no analysis.
      if (analyzer.openText(file) === document.getText()) return;
      analyzer.change(file, document.getText(), document.version);
      publisher.schedule(file);
    });
    documents.onDidClose(({ document }) => {
      const file = uris.pathOf(document.uri);
      if (!file) return;
      analyzer.close(file);
      publisher.schedule(file);
    });
    documents.onDidSave(({ document }) => {
      const file = uris.pathOf(document.uri);
      if (file && /\.ha-lint\.ya?ml$/.test(file)) {
        analyzer.invalidateAll();
        publisher.run(() => analyzer.updateAll());
      }
    });
    ctx.connection.onDidChangeWatchedFiles(({ changes }) => {
      // Only what changed is re-read: a saved buffer whose disk text is the buffer's changes nothing.
      const touched = changes
        .map((c) => ({ file: uris.pathOf(c.uri), type: c.type }))
        .filter((c): c is { file: string; type: FileChangeType } => c.file !== undefined)
        .filter((c) => c.type !== FileChangeType.Changed || !diskMatchesBuffer(ctx, c.file));
      if (touched.length === 0) return;
      for (const c of touched) analyzer.diskChanged(c.file, c.type !== FileChangeType.Changed);
      publisher.run(() => analyzer.updateAll());
    });
  },
});
