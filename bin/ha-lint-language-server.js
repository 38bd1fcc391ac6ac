#!/usr/bin/env node
// ha-lint-language-server --stdio (or --node-ipc, --socket=PORT): the language server for any LSP client.
// The single-file bundle (npm run build makes dist-bundle/) when present; the tsc output in dist/ otherwise.
import { existsSync } from "node:fs";

const bundle = new URL("../dist-bundle/lsp.mjs", import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : "../dist/lsp/main.js");

main();
