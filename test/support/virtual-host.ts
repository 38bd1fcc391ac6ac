/** An in-memory SourceHost for tests: files live in a map, globs are matched with picomatch. */
import { createHash } from "node:crypto";
import picomatch from "picomatch";
import type { SourceHost } from "../../server/src/syntax/keepalived/line-reader.js";

export function virtualHost(
  files: Record<string, string>,
  executable: string[] = [],
  unreadable: string[] = [],
): SourceHost {
  return {
    readFile: (f) => (unreadable.includes(f) ? undefined : files[f]),
    glob: (pattern) => {
      const match = picomatch(pattern, { dot: true });
      return Object.keys(files)
        .filter((f) => match(f))
        .sort();
    },
    isSkippedInclude: (f) => executable.includes(f),
    fileFact: (f) => {
      const text = files[f];
      if (text !== undefined) return { kind: "file", digest: createHash("sha256").update(text).digest("hex") };
      return Object.keys(files).some((name) => name.startsWith(`${f}/`)) ? { kind: "directory" } : undefined;
    },
  };
}
