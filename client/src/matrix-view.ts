/**
 * The failover matrix in a read-only webview beside the editor: never a document, so never saved, never dirty and
 * never restored as one. It follows the active configuration file and refreshes when its diagnostics change (the
 * server publishes after every analysis).
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";

export const FAILOVER_MATRIX_DATA = "ha-lint.failoverMatrixData";

interface MatrixScenario {
  id: string;
  priorities: Record<string, number | null>;
  states: Record<string, string>;
  holders: string[];
  verdict: string;
  race?: boolean;
  note?: string;
}

interface FailoverMatrix {
  clusters: {
    id: string;
    instances: { name: string; vrid: number | null; vips: string[]; nodes: string[]; scenarios: MatrixScenario[] }[];
  }[];
}

const VERDICT: Record<string, string> = {
  ok: "OK",
  "no-failover": "NO FAILOVER",
  "split-brain": "SPLIT-BRAIN",
  "vip-lost": "VIP LOST",
  "no-failback": "NO FAILBACK",
};

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}

/** A scenario id that may break after each ':' in a narrow view. */
const breakable = (id: string): string => escape(id).replace(/:/g, ":<wbr>");

/** Verdict and VIP holder come right after the scenario, so a narrow view never hides them; then each node. */
function tableOf(instance: FailoverMatrix["clusters"][number]["instances"][number]): string {
  const head = ["scenario", "verdict", "VIP holder", ...instance.nodes].map((h) => `<th>${escape(h)}</th>`).join("");
  const rows = instance.scenarios.map((s) => {
    const nodes = instance.nodes.map((n) => `<td>${escape(`${s.priorities[n] ?? "–"} ${s.states[n] ?? ""}`)}</td>`);
    const verdict = `${VERDICT[s.verdict] ?? s.verdict}${s.race ? " (race)" : ""}`;
    const title = s.note ? ` title="${escape(s.note)}"` : "";
    const holder = escape(s.holders.join(" + ") || "nobody");
    const cells = `<td class="scenario">${breakable(s.id)}</td><td class="verdict">${escape(verdict)}</td><td>${holder}</td>`;
    return `<tr class="${s.verdict}"${title}>${cells}${nodes.join("")}</tr>`;
  });
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

export function matrixHtml(matrix: FailoverMatrix, file: string): string {
  const parts: string[] = [];
  for (const cluster of matrix.clusters)
    for (const instance of cluster.instances) {
      const vips = instance.vips.join(", ") || "no VIP";
      parts.push(
        `<h2>${escape(cluster.id)} · ${escape(instance.name)} <span>VRID ${instance.vrid ?? "?"} · ` +
          `${escape(vips)}</span></h2>`,
        tableOf(instance),
      );
    }
  const body = parts.length ? parts.join("\n") : "<p>No VRRP instance here: nothing to simulate.</p>";
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<style>
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); }
h2 { font-size: 1.1em; margin: 1.2em 0 0.4em; } h2 span { font-weight: normal; opacity: 0.7; }
table { border-collapse: collapse; }
td, th { white-space: nowrap; } td.scenario { white-space: normal; }
th, td { border: 1px solid var(--vscode-panel-border); padding: 2px 8px; text-align: left; }
tr.ok td.verdict { color: var(--vscode-testing-iconPassed); }
tr:not(.ok) td.verdict { color: var(--vscode-errorForeground); font-weight: bold; }
.file { opacity: 0.7; }
</style></head><body><div class="file">${escape(file)}</div>${body}</body></html>`;
}

/** One webview panel, shown beside the editor, following the file it was opened for. */
export class MatrixView {
  private panel: vscode.WebviewPanel | undefined;
  private file: vscode.Uri | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  async show(file: vscode.Uri): Promise<void> {
    this.file = file;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        "ha-lint.failoverMatrix",
        "Failover matrix",
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, retainContextWhenHidden: false },
      );
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else this.panel.reveal(vscode.ViewColumn.Beside, true);
    await this.refresh();
  }

  /** Re-renders from the server when the diagnostics of a file of the shown cluster change. */
  async refresh(): Promise<void> {
    const client = this.client();
    if (!this.panel || !this.file || !client) return;
    const matrix = (await client.sendRequest("workspace/executeCommand", {
      command: FAILOVER_MATRIX_DATA,
      arguments: [this.file.toString()],
    })) as FailoverMatrix;
    if (!this.panel) return;
    this.panel.title = `Failover matrix · ${vscode.workspace.asRelativePath(this.file)}`;
    this.panel.webview.html = matrixHtml(matrix, vscode.workspace.asRelativePath(this.file));
  }

  get visible(): boolean {
    return this.panel !== undefined;
  }
}
