/** The keepalived syntax tree's entry point for the shells: the tree types, script words and the include host. */
export * from "./tree.js";
export { parseScriptLine } from "./script-words.js";
export type { SourceHost } from "./line-reader.js";
