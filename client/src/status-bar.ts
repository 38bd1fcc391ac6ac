/**
 * The status-bar item: the active file's cluster and node and the target versions. Clicking it offers the failover
 * matrix and the versions to target.
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";

export const FILE_INFO = "ha-lint.fileInfo";
export const STATUS_MENU = "ha-lint.statusMenu";

interface FileInfo {
  cluster?: string;
  node?: string;
  haproxyVersion: string;
  keepalivedVersion: string;
}

const HAPROXY_VERSIONS = ["2.6", "2.8", "3.0", "3.2", "3.4"];
const KEEPALIVED_VERSIONS = ["2.2", "2.3", "2.4"];

export class StatusBar {
  readonly item = vscode.window.createStatusBarItem("ha-lint.status", vscode.StatusBarAlignment.Left, 10);

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.item.name = "ha-lint";
    this.item.command = STATUS_MENU;
  }

  async update(editor: vscode.TextEditor | undefined): Promise<void> {
    const client = this.client();
    const doc = editor?.document;
    if (!client || !doc || (doc.languageId !== "haproxy" && doc.languageId !== "keepalived")) {
      this.item.hide();
      return;
    }
    const info = (await client.sendRequest("workspace/executeCommand", {
      command: FILE_INFO,
      arguments: [doc.uri.toString()],
    })) as FileInfo | null;
    if (!info) return this.item.hide();
    const where = info.cluster ? `${info.cluster} · ${info.node}` : "lone file";
    this.item.text = `$(server-environment) ${where} · HAProxy ${info.haproxyVersion} · keepalived ${info.keepalivedVersion}`;
    this.item.tooltip = "ha-lint: cluster and node of this file, and the versions it is checked for. Click for more.";
    this.item.show();
  }

  /** The menu behind the item: the matrix, and the target versions (workspace settings). */
  async menu(): Promise<void> {
    const picked = await vscode.window.showQuickPick(
      [
        { label: "$(table) Show failover matrix", action: "matrix" },
        { label: "$(versions) Target HAProxy version…", action: "haproxyVersion" },
        { label: "$(versions) Target keepalived version…", action: "keepalivedVersion" },
        { label: "$(output) Show output", action: "output" },
      ],
      { placeHolder: "ha-lint" },
    );
    if (!picked) return;
    if (picked.action === "matrix") return void vscode.commands.executeCommand("ha-lint.showFailoverMatrix");
    if (picked.action === "output") return void vscode.commands.executeCommand("ha-lint.showOutput");
    const versions = picked.action === "haproxyVersion" ? HAPROXY_VERSIONS : KEEPALIVED_VERSIONS;
    const version = await vscode.window.showQuickPick(["(from .ha-lint.yaml)", ...versions], {
      placeHolder: picked.label.replace(/^\$\(\w+\) /, ""),
    });
    if (version === undefined) return;
    await vscode.workspace
      .getConfiguration("ha-lint")
      .update(picked.action, version.startsWith("(") ? "" : version, vscode.ConfigurationTarget.Workspace);
  }
}
