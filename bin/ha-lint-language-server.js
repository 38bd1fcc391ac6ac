#!/usr/bin/env node
// ha-lint-language-server --stdio (or --node-ipc, --socket=PORT): the language server for any LSP client.
import { main } from "../dist/lsp/main.js";

main();
