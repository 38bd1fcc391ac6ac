/** Hover and completion requests. */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from "vscode-languageserver";
import type { CompletionEntry } from "../completion.js";
import type { Feature } from "../server-context.js";

const COMPLETION_KIND: Record<CompletionEntry["kind"], CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  value: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  snippet: CompletionItemKind.Snippet,
  section: CompletionItemKind.Module,
  file: CompletionItemKind.File,
  folder: CompletionItemKind.Folder,
};

function toCompletionItem(entry: CompletionEntry): CompletionItem {
  const item: CompletionItem = { label: entry.label, kind: COMPLETION_KIND[entry.kind] };
  if (entry.detail) item.detail = entry.detail;
  if (entry.documentation) item.documentation = { kind: MarkupKind.Markdown, value: entry.documentation };
  if (entry.insertText) item.insertText = entry.insertText;
  if (entry.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
  if (entry.deprecated) item.tags = [1];
  return item;
}

export const hoverFeature: Feature = {
  capabilities: () => ({ hoverProvider: true }),
  register({ connection, analyzer, uris }) {
    connection.onHover(({ textDocument, position }) => {
      const hover = analyzer.hover(uris.need(textDocument.uri), position);
      return hover ? { contents: { kind: MarkupKind.Markdown, value: hover.contents }, range: hover.range } : null;
    });
  },
};

export const completionFeature: Feature = {
  capabilities: () => ({ completionProvider: { resolveProvider: false, triggerCharacters: ["(", " ", "/"] } }),
  register({ connection, analyzer, uris }) {
    connection.onCompletion(({ textDocument, position }): CompletionItem[] =>
      analyzer.completion(uris.need(textDocument.uri), position).map(toCompletionItem),
    );
  },
};
