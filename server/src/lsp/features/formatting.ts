/** Whole-document and range formatting. */
import type { Feature } from "../server-context.js";

const indentOf = (options: { tabSize: number; insertSpaces: boolean }): string =>
  options.insertSpaces ? " ".repeat(options.tabSize) : "\t";

export const formattingFeature: Feature = {
  capabilities: () => ({ documentFormattingProvider: true, documentRangeFormattingProvider: true }),
  register({ connection, analyzer, uris }) {
    connection.onDocumentFormatting(({ textDocument, options }) =>
      analyzer.format(uris.need(textDocument.uri), indentOf(options)),
    );
    connection.onDocumentRangeFormatting(({ textDocument, range, options }) =>
      analyzer.format(uris.need(textDocument.uri), indentOf(options), range),
    );
  },
};
