/**
 * The SourceHost the core reads includes, scripts and sysctl files through, over a WorkspaceFileSystem. With roots,
 * nothing outside those folders (after following symbolic links) is read and include patterns reaching outside
 * match nothing; `refused` lists what was not read, so that the report can say it does not cover it.
 */
import { isAbsolute, relative, sep } from "node:path";
import type { SourceHost } from "../syntax/keepalived/line-reader.js";
import { globBase, MAX_FILE_BYTES, type WorkspaceFileSystem } from "./file-system.js";

export interface WorkspaceHost extends SourceHost {
  /** Files and patterns that were not read because they lie outside the analysed tree. */
  readonly refused: Set<string>;
}

export function isInside(file: string, root: string): boolean {
  const rel = relative(root, file);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

export function createSourceHost(fs: WorkspaceFileSystem, roots?: readonly string[]): WorkspaceHost {
  const realRoots = roots?.map((r) => fs.realPath(r));
  const allowed = (file: string): boolean => !realRoots || realRoots.some((r) => isInside(fs.realPath(file), r));
  const refused = new Set<string>();
  return {
    refused,
    readFile(file) {
      if (!allowed(file)) {
        // Not there at all: nothing was refused.
        if (fs.stat(file)) refused.add(file);
        return undefined;
      }
      try {
        return fs.readText(file);
      } catch {
        return undefined;
      }
    },
    glob(pattern) {
      if (realRoots && !allowed(globBase(pattern))) {
        refused.add(pattern);
        return [];
      }
      const found = fs.glob(pattern, { dot: true, followSymbolicLinks: true });
      if (!realRoots) return found;
      return found.filter((f) => {
        if (allowed(f)) return true;
        refused.add(f);
        return false;
      });
    },
    fileFact(file) {
      if (!allowed(file)) return undefined;
      const st = fs.stat(file);
      if (!st) return undefined;
      if (st.isDirectory) return { kind: "directory" };
      const digest = st.isFile && st.size <= MAX_FILE_BYTES * 10 ? fs.digest?.(file) : undefined;
      return { kind: "file", ...(digest ? { digest } : {}) };
    },
    isSkippedInclude(file) {
      const st = fs.stat(file);
      return st !== undefined && (!st.isFile || st.executable);
    },
  };
}
