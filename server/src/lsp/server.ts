/**
 * The server shell: one registration per LSP feature (server/src/lsp/features), each wiring its requests to the
 * Analyzer and converting its plain results to LSP types. No analysis logic lives here.
 */
import { TextDocuments, type Connection, type InitializeResult, type ServerCapabilities } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { Analyzer } from "./analyzer.js";
import { codeActionsFeature } from "./features/code-actions.js";
import { commandsFeature } from "./features/commands.js";
import { configurationFeature, settingsFrom } from "./features/configuration.js";
import { DiagnosticsPublisher, diagnosticsFeature } from "./features/diagnostics.js";
import { editorHintsFeature } from "./features/editor-hints.js";
import { formattingFeature } from "./features/formatting.js";
import { completionFeature, hoverFeature } from "./features/hover-and-completion.js";
import { navigationFeature } from "./features/navigation.js";
import { semanticTokensFeature } from "./features/semantic-tokens.js";
import { symbolsFeature } from "./features/symbols.js";
import { UriMap, type Feature, type ServerContext } from "./server-context.js";

export { filePathOf } from "./server-context.js";
export { SHOW_FAILOVER_MATRIX } from "./features/commands.js";

export interface ServerOptions {
  /** Delay between the last edit of a document and its analysis (default 150 ms). */
  debounceMs?: number;
}

function workspaceFolders(ctx: ServerContext): string[] {
  const params = ctx.client.params;
  const folders = (params?.workspaceFolders ?? [])
    .map((f) => ctx.uris.pathOf(f.uri))
    .filter((p): p is string => p !== undefined);
  if (folders.length === 0 && params?.rootUri) {
    const root = ctx.uris.pathOf(params.rootUri);
    if (root) folders.push(root);
  }
  return folders;
}

export function startServer(connection: Connection, options: ServerOptions = {}): Analyzer {
  const analyzer = new Analyzer();
  const documents = new TextDocuments(TextDocument);
  const uris = new UriMap();
  const ctx: ServerContext = { connection, analyzer, documents, uris, client: {} };
  const publisher = new DiagnosticsPublisher(connection, analyzer, uris);
  publisher.debounceMs = options.debounceMs ?? 150;
  const features: Feature[] = [
    diagnosticsFeature(publisher),
    configurationFeature(publisher),
    hoverFeature,
    completionFeature,
    navigationFeature,
    symbolsFeature,
    formattingFeature,
    codeActionsFeature,
    commandsFeature,
    editorHintsFeature,
    semanticTokensFeature,
  ];

  connection.onInitialize((params): InitializeResult => {
    ctx.client.params = params;
    const init = (params.initializationOptions ?? {}) as { debounceMs?: number; settings?: unknown };
    if (typeof init.debounceMs === "number") publisher.debounceMs = init.debounceMs;
    if (init.settings) analyzer.setSettings(settingsFrom(init.settings));
    analyzer.setFolders(workspaceFolders(ctx));
    const capabilities: ServerCapabilities = {
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    for (const feature of features) Object.assign(capabilities, feature.capabilities?.(params));
    return { capabilities, serverInfo: { name: "ha-lint-language-server" } };
  });
  for (const feature of features) feature.register(ctx);
  connection.onShutdown(() => publisher.dispose());

  documents.listen(connection);
  connection.listen();
  return analyzer;
}
