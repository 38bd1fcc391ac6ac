/** Document symbols (outline), workspace symbols and folding ranges. */
import { FoldingRangeKind, SymbolKind, type DocumentSymbol } from "vscode-languageserver";
import type { OutlineSymbol, SymbolKind as OurSymbolKind } from "../outline.js";
import type { Feature } from "../server-context.js";

const SYMBOL_KIND: Record<OurSymbolKind, SymbolKind> = {
  module: SymbolKind.Module,
  class: SymbolKind.Class,
  function: SymbolKind.Function,
  field: SymbolKind.Field,
  variable: SymbolKind.Variable,
  object: SymbolKind.Object,
  event: SymbolKind.Event,
  interface: SymbolKind.Interface,
};

function toSymbol(symbol: OutlineSymbol): DocumentSymbol {
  return {
    name: symbol.name || "(unnamed)",
    ...(symbol.detail ? { detail: symbol.detail } : {}),
    kind: SYMBOL_KIND[symbol.kind],
    range: symbol.range,
    selectionRange: symbol.selectionRange,
    children: symbol.children.map(toSymbol),
  };
}

export const symbolsFeature: Feature = {
  capabilities: () => ({ documentSymbolProvider: true, workspaceSymbolProvider: true, foldingRangeProvider: true }),
  register({ connection, analyzer, uris }) {
    connection.onDocumentSymbol(({ textDocument }) =>
      analyzer.documentSymbols(uris.need(textDocument.uri)).map(toSymbol),
    );
    connection.onWorkspaceSymbol(({ query }) =>
      analyzer.workspaceSymbols(query).map((s) => ({
        name: s.name,
        kind: SYMBOL_KIND[s.kind],
        containerName: s.containerName,
        location: uris.location(s),
      })),
    );
    connection.onFoldingRanges(({ textDocument }) =>
      analyzer.foldingRanges(uris.need(textDocument.uri)).map((f) => ({
        startLine: f.startLine,
        endLine: f.endLine,
        ...(f.kind === "comment" ? { kind: FoldingRangeKind.Comment } : {}),
      })),
    );
  },
};
