/** Semantic tokens (full document): keywords, names, references, addresses, secrets. */
import { TOKEN_MODIFIERS, TOKEN_TYPES } from "../semantic-tokens.js";
import type { Feature } from "../server-context.js";

export const semanticTokensFeature: Feature = {
  capabilities: () => ({
    semanticTokensProvider: {
      legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] },
      full: true,
    },
  }),
  register({ connection, analyzer, uris }) {
    connection.languages.semanticTokens.on(({ textDocument }) => ({
      data: analyzer.semanticTokens(uris.need(textDocument.uri)),
    }));
  },
};
