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

type StatAndRealPath = Pick<WorkspaceFileSystem, "stat" | "realPath">;

/**
 * One analysis's view of the file system: a file's status and real path are asked once (the host facts of a
 * 1,000-cluster estate ask for the same missing folders of every node many times over). Only for a host that lives
 * as long as one analysis: nothing is written meanwhile.
 */
function memoised(fs: WorkspaceFileSystem): StatAndRealPath {
  const stats = new Map<string, ReturnType<WorkspaceFileSystem["stat"]>>();
  const realPaths = new Map<string, string>();
  return {
    stat(file) {
      if (!stats.has(file)) stats.set(file, fs.stat(file));
      return stats.get(file);
    },
    realPath(file) {
      let real = realPaths.get(file);
      if (real === undefined) realPaths.set(file, (real = fs.realPath(file)));
      return real;
    },
  };
}

export interface SourceHostOptions {
  /** The host serves one analysis: statuses and real paths are asked of the file system once. */
  oneAnalysis?: boolean;
}

export function createSourceHost(
  fs: WorkspaceFileSystem,
  roots?: readonly string[],
  options: SourceHostOptions = {},
): WorkspaceHost {
  const known: StatAndRealPath = options.oneAnalysis ? memoised(fs) : fs;
  const realRoots = roots?.map((r) => known.realPath(r));
  const allowed = (file: string): boolean => !realRoots || realRoots.some((r) => isInside(known.realPath(file), r));
  const refused = new Set<string>();
  return {
    refused,
    readFile(file) {
      // Not there at all: nothing to read, and nothing was refused.
      if (!known.stat(file)) return undefined;
      if (!allowed(file)) {
        refused.add(file);
        return undefined;
      }
      try {
        return fs.readText(file);
      } catch {
        return undefined;
      }
    },
    glob(pattern) {
      const base = globBase(pattern);
      if (realRoots && !allowed(base)) {
        refused.add(pattern);
        return [];
      }
      // A pattern below a folder that is not there matches nothing (most host-fact patterns of a node).
      if (!known.stat(base)) return [];
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
      const st = known.stat(file);
      if (!st) return undefined;
      if (st.isDirectory) return { kind: "directory" };
      const digest = st.isFile && st.size <= MAX_FILE_BYTES * 10 ? fs.digest?.(file) : undefined;
      return { kind: "file", ...(digest ? { digest } : {}) };
    },
    isSkippedInclude(file) {
      const st = known.stat(file);
      return st !== undefined && (!st.isFile || st.executable);
    },
  };
}
