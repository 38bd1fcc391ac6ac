/** The server's commands: the failover matrix, as markdown (any client) or as data (the VS Code view). */
import { ResponseError } from "vscode-languageserver";
import type { Feature } from "../server-context.js";

export const SHOW_FAILOVER_MATRIX = "ha-lint.showFailoverMatrix";
export const FAILOVER_MATRIX_DATA = "ha-lint.failoverMatrixData";
export const FILE_INFO = "ha-lint.fileInfo";

const argumentFile = (args: unknown[] | undefined): string | undefined =>
  typeof args?.[0] === "string" ? args[0] : undefined;

export const commandsFeature: Feature = {
  capabilities: () => ({
    executeCommandProvider: { commands: [SHOW_FAILOVER_MATRIX, FAILOVER_MATRIX_DATA, FILE_INFO] },
  }),
  register({ connection, analyzer, uris }) {
    connection.onExecuteCommand(({ command, arguments: args }) => {
      const uri = argumentFile(args);
      const file = uri ? uris.pathOf(uri) : undefined;
      switch (command) {
        case SHOW_FAILOVER_MATRIX:
          return analyzer.failoverMatrix(file);
        case FAILOVER_MATRIX_DATA:
          return analyzer.failoverMatrixData(file);
        case FILE_INFO:
          return file ? analyzer.fileInfo(file) : null;
        default:
          throw new ResponseError(-32601, `unknown command ${command}`);
      }
    });
  },
};
