/** The SourceHost of the command line: the real file system (read only). */
import { readFileSync, statSync } from "node:fs";
import { globSync } from "tinyglobby";
import type { SourceHost } from "../syntax/keepalived/line-reader.js";

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export function readText(file: string): string {
  const size = statSync(file).size;
  if (size > MAX_FILE_BYTES) throw new Error(`${file} is ${Math.round(size / 1024 / 1024)} MB; ha-lint reads configuration files up to ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  return readFileSync(file, "utf8");
}

export const nodeHost: SourceHost = {
  readFile(file) {
    try {
      return readText(file);
    } catch {
      return undefined;
    }
  },
  glob(pattern) {
    return globSync(pattern, { absolute: true, onlyFiles: true, dot: true, followSymbolicLinks: true }).sort();
  },
  isSkippedInclude(file) {
    try {
      const st = statSync(file);
      return !st.isFile() || (st.mode & 0o111) !== 0;
    } catch {
      return false;
    }
  },
};
