/** Entry of dist-bundle/lsp.mjs: the stdio/IPC/socket main, and startServer for in-process use (bench, tests). */
export { main } from "./main.js";
export { startServer } from "./server.js";
