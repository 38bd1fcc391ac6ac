/**
 * The VS Code side of ha-lint: starts the bundled language server for haproxy and keepalived files, gives ambiguous
 * .cfg/.conf files their language from their content, and shows what the server computes: the failover matrix in a
 * read-only view, the file's cluster, node and versions in the status bar. Diagnostics, hover, completion, hints,
 * navigation, formatting and fixes are the server's.
 */
import * as vscode from "vscode";
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { MatrixView } from "./matrix-view.js";
import { StatusBar, STATUS_MENU } from "./status-bar.js";
import { traceChannel } from "./trace-channel.js";

const LANGUAGES = ["haproxy", "keepalived"];
const SHOW_FAILOVER_MATRIX = "ha-lint.showFailoverMatrix";
const KEEPALIVED_MARKERS =
  /^\s*(global_defs|vrrp_instance|vrrp_script|vrrp_sync_group|virtual_server|virtual_server_group|static_ipaddress|track_file|bfd_instance)\b/m;
const HAPROXY_MARKERS = /^\s*(global|defaults|frontend|backend|listen|userlist|resolvers|peers)(\s|$)/m;

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let trace: (vscode.LogOutputChannel & vscode.Disposable) | undefined;

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

/** The file a command is about: its argument (a URI string, as the server's code lens sends), else the editor's. */
function targetFile(args: unknown[]): vscode.Uri | undefined {
  if (typeof args[0] === "string") return vscode.Uri.parse(args[0]);
  if (args[0] instanceof vscode.Uri) return args[0];
  return vscode.window.activeTextEditor?.document.uri;
}

function clientOptions(matrix: MatrixView): LanguageClientOptions {
  output ??= vscode.window.createOutputChannel("ha-lint", { log: true });
  trace ??= traceChannel(output);
  return {
    documentSelector: LANGUAGES.map((language) => ({ scheme: "file", language })),
    outputChannel: output,
    traceOutputChannel: trace,
    markdown: { isTrusted: { enabledCommands: [SHOW_FAILOVER_MATRIX] } },
    synchronize: {
      configurationSection: "ha-lint",
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.cfg,*.conf,.ha-lint.yaml,.ha-lint.yml,*.sh}"),
    },
    initializationOptions: { settings: JSON.parse(JSON.stringify(vscode.workspace.getConfiguration("ha-lint"))) },
    middleware: {
      // The matrix opens in the read-only view (other editors get the server's markdown).
      executeCommand: async (command, args, next) => {
        if (command !== SHOW_FAILOVER_MATRIX) return next(command, args);
        const file = targetFile(args);
        if (file) await matrix.show(file);
        return undefined;
      },
    },
  };
}

function startClient(context: vscode.ExtensionContext, matrix: MatrixView, status: StatusBar): void {
  if (client) return;
  const module = context.asAbsolutePath("dist/server.mjs");
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6010"] } },
  };
  client = new LanguageClient("ha-lint", "ha-lint", serverOptions, clientOptions(matrix));
  context.subscriptions.push(client);
  void client.start().then(() => status.update(vscode.window.activeTextEditor));
}

function registerCommands(context: vscode.ExtensionContext, status: StatusBar): void {
  // ha-lint.showFailoverMatrix is the server's command (the client registers it when the server starts); the
  // middleware above shows it in the view.
  context.subscriptions.push(
    vscode.commands.registerCommand("ha-lint.restartServer", async () => {
      if (!client) return;
      await client.restart();
      await status.update(vscode.window.activeTextEditor);
    }),
    vscode.commands.registerCommand("ha-lint.showOutput", () => (client?.outputChannel ?? output)?.show(true)),
    vscode.commands.registerCommand(STATUS_MENU, () => status.menu()),
  );
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const current = (): LanguageClient | undefined => client;
  const matrix = new MatrixView(current);
  const status = new StatusBar(current);
  context.subscriptions.push(status.item);
  registerCommands(context, status);
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor((editor) => void status.update(editor)),
    vscode.languages.onDidChangeDiagnostics(() => {
      if (matrix.visible) void matrix.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("ha-lint")) void status.update(vscode.window.activeTextEditor);
    }),
  );
  const consider = async (doc: vscode.TextDocument): Promise<void> => {
    await checkContent(doc);
    if (LANGUAGES.includes(doc.languageId)) startClient(context, matrix, status);
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => void consider(d)));
  for (const doc of vscode.workspace.textDocuments) await consider(doc);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
  trace?.dispose();
  trace = undefined;
}
