/** The HAProxy syntax tree's entry point for the shells: the tree types, and version comparison as `.if` reads it. */
export * from "./tree.js";
export { compareVersions } from "./condition.js";
