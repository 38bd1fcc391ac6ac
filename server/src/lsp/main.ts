/**
 * ha-lint-language-server: `--stdio`, `--node-ipc` or `--socket=PORT` (the transports vscode-languageserver knows
 * from the command line).
 */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { IdleCollector } from "./idle-memory.js";
import { startServer } from "./server.js";

export function main(): void {
  const connection = createConnection(ProposedFeatures.all);
  // Messages arrive on stdin (--stdio) or as IPC messages (--node-ipc); either one ends a quiet period.
  const idle = new IdleCollector();
  if (process.argv.includes("--stdio")) process.stdin.on("data", () => idle.activity());
  if (process.argv.includes("--node-ipc")) process.on("message", () => idle.activity());
  startServer(connection);
}
