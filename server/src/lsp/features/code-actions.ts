/** Quick fixes: the rules' fixes and a suppression comment. */
import { CodeActionKind, type CodeAction, type TextEdit } from "vscode-languageserver";
import type { Feature } from "../server-context.js";

export const codeActionsFeature: Feature = {
  capabilities: () => ({ codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } }),
  register({ connection, analyzer, uris }) {
    connection.onCodeAction(({ textDocument, range, context }): CodeAction[] =>
      analyzer.codeActions(uris.need(textDocument.uri), range).map((action) => {
        const changes: Record<string, TextEdit[]> = {};
        for (const e of action.edits) (changes[uris.uriOf(e.file)] ??= []).push({ range: e.range, newText: e.newText });
        const diagnostics = context.diagnostics.filter(
          (d) =>
            d.code === action.finding.rule &&
            d.range.start.line === action.finding.range.start.line &&
            d.range.start.character === action.finding.range.start.character,
        );
        return {
          title: action.title,
          kind: CodeActionKind.QuickFix,
          ...(action.isPreferred ? { isPreferred: true } : {}),
          ...(diagnostics.length ? { diagnostics } : {}),
          edit: { changes },
        };
      }),
    );
  },
};
