/**
 * What the editor shows beside the text: failover inlay hints and code lenses, document links to referenced files,
 * and signature help for keyword arguments.
 */
import { InlayHintKind, MarkupKind } from "vscode-languageserver";
import type { Feature } from "../server-context.js";
import { SHOW_FAILOVER_MATRIX } from "./commands.js";

export const editorHintsFeature: Feature = {
  capabilities: () => ({
    inlayHintProvider: true,
    codeLensProvider: { resolveProvider: false },
    documentLinkProvider: { resolveProvider: false },
    signatureHelpProvider: { triggerCharacters: [" "], retriggerCharacters: [" "] },
  }),
  register({ connection, analyzer, uris }) {
    connection.languages.inlayHint.on(({ textDocument, range }) =>
      analyzer.inlayHints(uris.need(textDocument.uri), range).map((hint) => ({
        position: hint.position,
        label: hint.label,
        kind: InlayHintKind.Parameter,
        paddingLeft: true,
        ...(hint.tooltip ? { tooltip: hint.tooltip } : {}),
      })),
    );
    connection.onCodeLens(({ textDocument }) =>
      analyzer.codeLenses(uris.need(textDocument.uri)).map((lens) => ({
        range: lens.range,
        command: { title: lens.title, command: SHOW_FAILOVER_MATRIX, arguments: [textDocument.uri] },
      })),
    );
    connection.onDocumentLinks(({ textDocument }) =>
      analyzer.documentLinks(uris.need(textDocument.uri)).map((link) => ({
        range: link.range,
        target: uris.uriOf(link.target),
        tooltip: link.tooltip,
      })),
    );
    connection.onSignatureHelp(({ textDocument, position }) => {
      const signature = analyzer.signatureHelp(uris.need(textDocument.uri), position);
      if (!signature) return null;
      return {
        signatures: [
          {
            label: signature.label,
            documentation: { kind: MarkupKind.Markdown, value: signature.documentation },
            parameters: signature.parameters.map((label) => ({ label })),
          },
        ],
        activeSignature: 0,
        activeParameter: signature.activeParameter,
      };
    });
  },
};
