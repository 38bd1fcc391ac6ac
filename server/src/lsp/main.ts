/**
 * ha-lint-language-server: `--stdio`, `--node-ipc` or `--socket=PORT` (the transports vscode-languageserver knows
 * from the command line).
 */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server.js";

export function main(): void {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection);
}
