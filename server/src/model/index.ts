/**
 * The model's entry point for the shells (CLI, language server, lab): the cluster types and the few readers they use.
 */
export type * from "./types.js";
export type { Manifest } from "./discovery.js";
export { buildHaproxyConfig } from "./haproxy-config.js";
export { NOTIFY_KINDS } from "./keepalived-config.js";
export { normaliseAddress } from "./ip-address.js";
export { haproxyFileReferences, keepalivedFileReferences } from "./referenced-files.js";
