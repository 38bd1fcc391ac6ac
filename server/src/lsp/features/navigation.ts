/** Go to definition, find references and rename (across the nodes of a cluster). */
import {
  ResponseError,
  type AnnotatedTextEdit,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver";
import type { RenameEdit } from "../analyzer.js";
import type { Feature, UriMap } from "../server-context.js";

const PEER_ANNOTATION = "ha-lint.peers";

/** Plain changes, for clients without change annotations: every node's part is applied. */
function plainEdit(edits: readonly RenameEdit[], uris: UriMap): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) (changes[uris.uriOf(e.file)] ??= []).push({ range: e.range, newText: e.newText });
  return { changes };
}

/** The peers' part annotated as needing confirmation: VS Code previews it and lets the user leave it out. */
function annotatedEdit(edits: readonly RenameEdit[], uris: UriMap): WorkspaceEdit {
  const byUri = new Map<string, (TextEdit | AnnotatedTextEdit)[]>();
  for (const e of edits) {
    const uri = uris.uriOf(e.file);
    const edit = { range: e.range, newText: e.newText };
    byUri.set(uri, [...(byUri.get(uri) ?? []), e.peer ? { ...edit, annotationId: PEER_ANNOTATION } : edit]);
  }
  const peers = [...new Set(edits.flatMap((e) => e.peer ?? []))];
  const documentChanges: TextDocumentEdit[] = [...byUri].map(([uri, fileEdits]) => ({
    textDocument: { uri, version: null },
    edits: fileEdits,
  }));
  const annotation = {
    label: `Rename on ${peers.join(", ")} too`,
    description: "The name must match on every node of the cluster, or the nodes drift apart (HA017).",
    needsConfirmation: true,
  };
  return { documentChanges, changeAnnotations: { [PEER_ANNOTATION]: annotation } };
}

export const navigationFeature: Feature = {
  capabilities: () => ({
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
  }),
  register({ connection, analyzer, uris, client }) {
    const annotations = (): boolean => {
      const edit = client.params?.capabilities.workspace?.workspaceEdit;
      return Boolean(edit?.documentChanges && edit.changeAnnotationSupport);
    };
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
      const hasPeers = renamed.edits.some((e) => e.peer);
      return annotations() && hasPeers ? annotatedEdit(renamed.edits, uris) : plainEdit(renamed.edits, uris);
    });
  },
};
