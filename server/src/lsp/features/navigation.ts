/** Go to definition, find references and rename. */
import { ResponseError, type TextEdit, type WorkspaceEdit } from "vscode-languageserver";
import type { Feature } from "../server-context.js";

export const navigationFeature: Feature = {
  capabilities: () => ({
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
  }),
  register({ connection, analyzer, uris }) {
    connection.onDefinition(({ textDocument, position }) =>
      analyzer.definition(uris.need(textDocument.uri), position).map((o) => uris.location(o)),
    );
    connection.onReferences(({ textDocument, position, context }) =>
      analyzer
        .references(uris.need(textDocument.uri), position, context.includeDeclaration)
        .map((o) => uris.location(o)),
    );
    connection.onPrepareRename(({ textDocument, position }) => {
      const prepared = analyzer.prepareRename(uris.need(textDocument.uri), position);
      if ("error" in prepared) throw new ResponseError(-32803, prepared.error);
      return prepared;
    });
    connection.onRenameRequest(({ textDocument, position, newName }): WorkspaceEdit => {
      const renamed = analyzer.rename(uris.need(textDocument.uri), position, newName);
      if ("error" in renamed) throw new ResponseError(-32803, renamed.error);
      const changes: Record<string, TextEdit[]> = {};
      for (const e of renamed.edits) (changes[uris.uriOf(e.file)] ??= []).push({ range: e.range, newText: e.newText });
      return { changes };
    });
  },
};
