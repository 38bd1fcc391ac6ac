/**
 * The server shell: wires LSP messages to the Analyzer, debounces analysis per document, converts findings to
 * versioned diagnostics and feature results to LSP types. No analysis logic lives here.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  FoldingRangeKind,
  InsertTextFormat,
  MarkupKind,
  ResponseError,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type DocumentSymbol,
  type InitializeResult,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { RuleSetting } from "../config/config-schema.js";
import type { Language } from "../language.js";
import type { Finding } from "../rules/finding.js";
import { docsPath } from "../rules/docs-link.js";
import { Analyzer, type Publication } from "./analyzer.js";
import type { CompletionEntry } from "./completion.js";
import type { OutlineSymbol, SymbolKind as OurSymbolKind } from "./outline.js";
import type { EditorSettings } from "./workspace-analysis.js";

export const SHOW_FAILOVER_MATRIX = "ha-lint.showFailoverMatrix";

export interface ServerOptions {
  /** Delay between the last edit of a document and its analysis (default 150 ms). */
  debounceMs?: number;
}

/** Where the rule pages are: next to the package (npm, repository) or bundled beside the server (.vsix). */
function findDocsRoot(): string | undefined {
  let here: string;
  try {
    here = dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
  for (const c of [resolve(here, "../.."), resolve(here, "../../.."), here, resolve(here, "..")]) {
    if (existsSync(resolve(c, "docs/rules"))) return c;
  }
  return undefined;
}

const SEVERITY: Record<Finding["severity"], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

const SYMBOL_KIND: Record<OurSymbolKind, SymbolKind> = {
  module: SymbolKind.Module,
  class: SymbolKind.Class,
  function: SymbolKind.Function,
  field: SymbolKind.Field,
  variable: SymbolKind.Variable,
  object: SymbolKind.Object,
  event: SymbolKind.Event,
  interface: SymbolKind.Interface,
};

const COMPLETION_KIND: Record<CompletionEntry["kind"], CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  value: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  snippet: CompletionItemKind.Snippet,
  section: CompletionItemKind.Module,
};

function settingsFrom(raw: unknown): EditorSettings {
  const s = (raw ?? {}) as { rules?: Record<string, string>; haproxyVersion?: string; keepalivedVersion?: string };
  const out: EditorSettings = {};
  if (typeof s.haproxyVersion === "string" && /^\d+\.\d+$/.test(s.haproxyVersion))
    out.haproxyVersion = s.haproxyVersion;
  if (typeof s.keepalivedVersion === "string" && /^\d+\.\d+$/.test(s.keepalivedVersion))
    out.keepalivedVersion = s.keepalivedVersion;
  if (s.rules && typeof s.rules === "object") {
    const rules: Record<string, RuleSetting> = {};
    for (const [k, v] of Object.entries(s.rules))
      if (["off", "info", "warning", "error"].includes(v)) rules[k] = v as RuleSetting;
    out.rules = rules;
  }
  return out;
}

/**
 * The path of a file: URI. Some clients turn a relative root into `file://fixtures/pair` (the first folder as the
 * host) or `file:fixtures/pair`: that is taken relative to the server's working directory.
 */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.host === "" || url.host === "localhost") {
    if (uri.startsWith("file:/")) return fileURLToPath(url);
    return resolve(decodeURIComponent(uri.slice("file:".length)));
  }
  return resolve(decodeURIComponent(`${url.host}${url.pathname}`));
}

export function startServer(connection: Connection, options: ServerOptions = {}): Analyzer {
  const analyzer = new Analyzer();
  const documents = new TextDocuments(TextDocument);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const uris = new Map<string, string>();
  let debounceMs = options.debounceMs ?? 150;
  let canPullConfiguration = false;
  const docsRoot = findDocsRoot();

  const pathOf = (uri: string): string | undefined => {
    const p = filePathOf(uri);
    if (p !== undefined) uris.set(p, uri);
    return p;
  };
  const uriOf = (file: string): string => uris.get(file) ?? pathToFileURL(file).href;
  const need = (uri: string): string => {
    const p = pathOf(uri);
    if (!p) throw new ResponseError(-32602, `ha-lint handles file: URIs only, not ${uri}`);
    return p;
  };

  const toDiagnostic = (f: Finding): Diagnostic => {
    const d: Diagnostic = {
      range: f.range,
      severity: SEVERITY[f.severity],
      code: f.rule,
      source: "ha-lint",
      message: f.message,
      data: { name: f.name },
    };
    if (docsRoot && /^[A-Z]{2}\d{3}$/.test(f.rule))
      d.codeDescription = { href: pathToFileURL(resolve(docsRoot, docsPath(f.rule))).href };
    if (f.related?.length)
      d.relatedInformation = f.related.map((r) => ({
        location: { uri: uriOf(r.file), range: r.range },
        message: r.message,
      }));
    return d;
  };

  const send = (pubs: readonly Publication[]): void => {
    for (const p of pubs) {
      void connection.sendDiagnostics({
        uri: uriOf(p.file),
        ...(p.version !== undefined ? { version: p.version } : {}),
        diagnostics: p.findings.map(toDiagnostic),
      });
    }
  };

  const run = (fn: () => Publication[]): void => {
    try {
      send(fn());
    } catch (e) {
      connection.console.error(`ha-lint: analysis failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  };

  const schedule = (file: string): void => {
    const old = timers.get(file);
    if (old) clearTimeout(old);
    timers.set(
      file,
      setTimeout(() => {
        timers.delete(file);
        run(() => analyzer.update(file));
      }, debounceMs),
    );
  };

  const refreshSettings = async (raw?: unknown): Promise<void> => {
    let value = raw;
    if (value === undefined && canPullConfiguration) value = await connection.workspace.getConfiguration("ha-lint");
    analyzer.setSettings(settingsFrom(value));
    run(() => analyzer.updateAll());
  };

  connection.onInitialize((params): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as { debounceMs?: number; settings?: unknown };
    if (typeof init.debounceMs === "number") debounceMs = init.debounceMs;
    if (init.settings) analyzer.setSettings(settingsFrom(init.settings));
    const folders = (params.workspaceFolders ?? [])
      .map((f) => pathOf(f.uri))
      .filter((p): p is string => p !== undefined);
    if (folders.length === 0 && params.rootUri) {
      const root = pathOf(params.rootUri);
      if (root) folders.push(root);
    }
    analyzer.setFolders(folders);
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { resolveProvider: false, triggerCharacters: ["(", " "] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [SHOW_FAILOVER_MATRIX] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "ha-lint-language-server" },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration) {
      void connection.client
        .register(DidChangeConfigurationNotification.type, { section: "ha-lint" })
        .catch(() => undefined);
      void refreshSettings();
    }
  });

  connection.onDidChangeConfiguration((change) => {
    const raw = (change.settings as Record<string, unknown> | null | undefined)?.["ha-lint"];
    void refreshSettings(raw);
  });

  connection.onDidChangeWatchedFiles(() => {
    analyzer.invalidateAll();
    run(() => analyzer.updateAll());
  });

  documents.onDidOpen(({ document }) => {
    const file = pathOf(document.uri);
    if (!file) return;
    const language: Language | undefined =
      document.languageId === "haproxy" || document.languageId === "keepalived" ? document.languageId : undefined;
    analyzer.open(file, document.getText(), document.version, language);
    schedule(file);
  });
  documents.onDidChangeContent(({ document }) => {
    const file = pathOf(document.uri);
    if (!file) return;
    analyzer.change(file, document.getText(), document.version);
    schedule(file);
  });
  documents.onDidClose(({ document }) => {
    const file = pathOf(document.uri);
    if (!file) return;
    analyzer.close(file);
    schedule(file);
  });
  documents.onDidSave(({ document }) => {
    const file = pathOf(document.uri);
    if (file && /\.ha-lint\.ya?ml$/.test(file)) {
      analyzer.invalidateAll();
      run(() => analyzer.updateAll());
    }
  });

  connection.onHover(({ textDocument, position }) => {
    const h = analyzer.hover(need(textDocument.uri), position);
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: h.range } : null;
  });

  connection.onCompletion(({ textDocument, position }): CompletionItem[] =>
    analyzer.completion(need(textDocument.uri), position).map((c) => {
      const item: CompletionItem = { label: c.label, kind: COMPLETION_KIND[c.kind] };
      if (c.detail) item.detail = c.detail;
      if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
      if (c.insertText) item.insertText = c.insertText;
      if (c.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
      return item;
    }),
  );

  const loc = (o: { file: string; range: import("../syntax/source.js").Range }) => ({
    uri: uriOf(o.file),
    range: o.range,
  });
  connection.onDefinition(({ textDocument, position }) =>
    analyzer.definition(need(textDocument.uri), position).map(loc),
  );
  connection.onReferences(({ textDocument, position, context }) =>
    analyzer.references(need(textDocument.uri), position, context.includeDeclaration).map(loc),
  );
  connection.onPrepareRename(({ textDocument, position }) => {
    const r = analyzer.prepareRename(need(textDocument.uri), position);
    if ("error" in r) throw new ResponseError(-32803, r.error);
    return r;
  });
  connection.onRenameRequest(({ textDocument, position, newName }): WorkspaceEdit => {
    const r = analyzer.rename(need(textDocument.uri), position, newName);
    if ("error" in r) throw new ResponseError(-32803, r.error);
    const changes: Record<string, TextEdit[]> = {};
    for (const e of r.edits) (changes[uriOf(e.file)] ??= []).push({ range: e.range, newText: e.newText });
    return { changes };
  });

  const toSymbol = (s: OutlineSymbol): DocumentSymbol => ({
    name: s.name || "(unnamed)",
    ...(s.detail ? { detail: s.detail } : {}),
    kind: SYMBOL_KIND[s.kind],
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(toSymbol),
  });
  connection.onDocumentSymbol(({ textDocument }) => analyzer.documentSymbols(need(textDocument.uri)).map(toSymbol));
  connection.onWorkspaceSymbol(({ query }) =>
    analyzer.workspaceSymbols(query).map((s) => ({
      name: s.name,
      kind: SYMBOL_KIND[s.kind],
      containerName: s.containerName,
      location: { uri: uriOf(s.file), range: s.range },
    })),
  );
  connection.onFoldingRanges(({ textDocument }) =>
    analyzer.foldingRanges(need(textDocument.uri)).map((f) => ({
      startLine: f.startLine,
      endLine: f.endLine,
      ...(f.kind === "comment" ? { kind: FoldingRangeKind.Comment } : {}),
    })),
  );
  const indentOf = (o: { tabSize: number; insertSpaces: boolean }): string =>
    o.insertSpaces ? " ".repeat(o.tabSize) : "\t";
  connection.onDocumentFormatting(({ textDocument, options: o }) =>
    analyzer.format(need(textDocument.uri), indentOf(o)),
  );
  connection.onDocumentRangeFormatting(({ textDocument, range, options: o }) =>
    analyzer.format(need(textDocument.uri), indentOf(o), range),
  );

  connection.onCodeAction(({ textDocument, range, context }): CodeAction[] =>
    analyzer.codeActions(need(textDocument.uri), range).map((a) => {
      const changes: Record<string, TextEdit[]> = {};
      for (const e of a.edits) (changes[uriOf(e.file)] ??= []).push({ range: e.range, newText: e.newText });
      const diagnostics = context.diagnostics.filter(
        (d) =>
          d.code === a.finding.rule &&
          d.range.start.line === a.finding.range.start.line &&
          d.range.start.character === a.finding.range.start.character,
      );
      return {
        title: a.title,
        kind: CodeActionKind.QuickFix,
        ...(a.isPreferred ? { isPreferred: true } : {}),
        ...(diagnostics.length ? { diagnostics } : {}),
        edit: { changes },
      };
    }),
  );

  connection.onExecuteCommand(({ command, arguments: args }) => {
    if (command !== SHOW_FAILOVER_MATRIX) throw new ResponseError(-32601, `unknown command ${command}`);
    const uri = typeof args?.[0] === "string" ? args[0] : undefined;
    const file = uri ? pathOf(uri) : undefined;
    return analyzer.failoverMatrix(file);
  });

  connection.onShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });

  documents.listen(connection);
  connection.listen();
  return analyzer;
}
