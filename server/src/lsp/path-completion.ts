/**
 * Path completion for words that name a file on the node: HAProxy `crt`, `ca-file`, `crt-list`, `errorfile`,
 * `lua-load` ..., keepalived `script` and `notify*` commands and `include`. Entries come from the node's tree
 * (an absolute /etc/... path is looked up under the node's /etc root, else beside the configuration).
 */
import { readdirSync, statSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { NOTIFY_KINDS } from "../model/index.js";
import type { CompletionEntry } from "./completion.js";

/** HAProxy words after which a file path comes. */
export const HAPROXY_PATH_OPTIONS = new Set(["crt", "key", "ca-file", "ca-verify-file", "crl-file", "crt-list"]);
export const HAPROXY_PATH_KEYWORDS: Record<string, number> = { errorfile: 2, "lua-load": 1, "ssl-dh-param-file": 1 };
/** keepalived keywords whose first argument is a command or a file. */
export const KEEPALIVED_PATH_KEYWORDS = new Set(["script", ...NOTIFY_KINDS, "include"]);

/** The folder of the node's tree where a typed (partial) path's folder lives. */
function folderFor(configFile: string, typed: string): { folder: string; shown: string } {
  const typedFolder = typed.includes("/") ? typed.slice(0, typed.lastIndexOf("/") + 1) : "";
  if (!isAbsolute(typed)) return { folder: join(dirname(configFile), typedFolder), shown: typedFolder };
  const etcRoot = /^(.*)\/etc\/(?:keepalived|haproxy)\/[^/]+$/.exec(configFile)?.[1];
  if (etcRoot) return { folder: join(etcRoot, typedFolder), shown: typedFolder };
  // Not an /etc tree: an absolute folder maps to the configuration's own folder.
  return { folder: dirname(configFile), shown: typedFolder };
}

export function pathCompletion(configFile: string, typed: string): CompletionEntry[] {
  const unquoted = typed.replace(/^["']/, "");
  const { folder, shown } = folderFor(configFile, unquoted);
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch {
    return [];
  }
  const out: CompletionEntry[] = [];
  for (const name of names.slice(0, 500)) {
    if (name.startsWith(".")) continue;
    let directory = false;
    try {
      directory = statSync(join(folder, name)).isDirectory();
    } catch {
      continue;
    }
    out.push({
      label: `${shown}${name}${directory ? "/" : ""}`,
      kind: directory ? "folder" : "file",
      detail: join(folder, name),
    });
  }
  return out;
}
