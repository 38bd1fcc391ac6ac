/**
 * The VS Code side of ha-lint: starts the bundled language server for haproxy and keepalived files, gives ambiguous
 * .cfg/.conf files their language from their content, and opens the failover matrix the server computes.
 * Everything else (diagnostics, hover, completion, navigation, formatting, fixes) is the server's.
 */
import * as vscode from "vscode";
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";

const LANGUAGES = ["haproxy", "keepalived"];
const KEEPALIVED_MARKERS =
  /^\s*(global_defs|vrrp_instance|vrrp_script|vrrp_sync_group|virtual_server|virtual_server_group|static_ipaddress|track_file|bfd_instance)\b/m;
const HAPROXY_MARKERS = /^\s*(global|defaults|frontend|backend|listen|userlist|resolvers|peers)(\s|$)/m;

let client: LanguageClient | undefined;

/** The language a .cfg/.conf file holds, from its content (the same markers as the server's detection). */
function languageFromContent(text: string): string | undefined {
  const head = text.slice(0, 64 * 1024);
  const ka = KEEPALIVED_MARKERS.exec(head);
  const hp = HAPROXY_MARKERS.exec(head);
  if (ka && (!hp || ka.index <= hp.index)) return "keepalived";
  if (hp) return "haproxy";
  return undefined;
}

async function checkContent(doc: vscode.TextDocument): Promise<void> {
  if (LANGUAGES.includes(doc.languageId) || !/\.(cfg|conf)$/.test(doc.fileName)) return;
  if (!["plaintext", "properties", "ini"].includes(doc.languageId)) return;
  const language = languageFromContent(doc.getText());
  if (language) await vscode.languages.setTextDocumentLanguage(doc, language);
}

function startClient(context: vscode.ExtensionContext): void {
  if (client) return;
  const module = context.asAbsolutePath("dist/server.mjs");
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6010"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ scheme: "file", language })),
    synchronize: {
      configurationSection: "ha-lint",
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.cfg,*.conf,.ha-lint.yaml,.ha-lint.yml,*.sh}"),
    },
    initializationOptions: { settings: JSON.parse(JSON.stringify(vscode.workspace.getConfiguration("ha-lint"))) },
    middleware: {
      // The server computes the matrix (workspace/executeCommand); the client shows it as a markdown document.
      executeCommand: async (command, args, next) => {
        const uri =
          args.length > 0
            ? args
            : vscode.window.activeTextEditor
              ? [vscode.window.activeTextEditor.document.uri.toString()]
              : [];
        const markdown = await next(command, uri);
        if (typeof markdown === "string") {
          const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: markdown });
          await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
          await vscode.commands.executeCommand("markdown.showPreview", doc.uri).then(undefined, () => undefined);
        }
        return markdown;
      },
    },
  };
  client = new LanguageClient("ha-lint", "ha-lint", serverOptions, clientOptions);
  context.subscriptions.push(client);
  void client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const consider = async (doc: vscode.TextDocument): Promise<void> => {
    await checkContent(doc);
    if (LANGUAGES.includes(doc.languageId)) startClient(context);
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => void consider(d)));
  for (const doc of vscode.workspace.textDocuments) await consider(doc);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
