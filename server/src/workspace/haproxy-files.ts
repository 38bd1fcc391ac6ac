/**
 * A node's HAProxy configuration over several files, as HAProxy loads them: `-f a.cfg -f conf.d/` reads a.cfg, then
 * the directory's files in lexical order. haproxy.c cfgfiles_expand_directories() (HAProxy 2.6.12) replaces each
 * directory given to -f by its entries sorted with scandir(..., alphasort), keeping only names that do not start
 * with '.' and whose first ".cfg" ends the name (so "a.cfg.cfg" is skipped), and only regular files (stat() follows
 * symbolic links); subdirectories are not entered. A path that does not exist stops HAProxy ("Cannot open
 * configuration file/directory").
 *
 * Lists come from .ha-lint.yaml (`haproxy: [haproxy.cfg, conf.d/]`) or from a node tree: a haproxy.cfg with a conf.d
 * folder beside it is loaded as `-f haproxy.cfg -f conf.d/` (the order of the Fedora/RHEL haproxy.service unit,
 * `-f $CONFIG -f $CFGDIR`).
 */
import { basename, dirname, join } from "node:path";
import type { InputFile } from "../analyze.js";
import type { Manifest } from "../model/discovery.js";
import type { RefusedFile } from "./collect.js";
import type { WorkspaceFileSystem } from "./file-system.js";

/** alphasort() in the C locale: byte order of the names. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** The files HAProxy reads from a directory given to -f, in its order. */
export function directoryConfigFiles(fs: WorkspaceFileSystem, dir: string): string[] {
  return fs
    .glob("*.cfg", { cwd: dir, dot: false, followSymbolicLinks: true })
    .filter((file) => {
      const name = basename(file);
      return !name.startsWith(".") && name.indexOf(".cfg") === name.length - 4 && fs.stat(file)?.isFile === true;
    })
    .sort((a, b) => byteOrder(basename(a), basename(b)));
}

/** A list of files and directories -> the files HAProxy loads; entries that do not exist are returned apart. */
export function expandConfigList(
  fs: WorkspaceFileSystem,
  entries: readonly string[],
): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const entry of entries) {
    const st = fs.stat(entry);
    if (!st) missing.push(entry);
    else if (st.isDirectory) files.push(...directoryConfigFiles(fs, entry));
    else files.push(entry);
  }
  return { files, missing };
}

/** The manifest with each node's `haproxy:` list expanded to haproxyFiles (and `haproxy` set to the first file). */
export function expandManifestLists(
  fs: WorkspaceFileSystem,
  manifest: Manifest | undefined,
): { manifest?: Manifest; refused: RefusedFile[] } {
  const refused: RefusedFile[] = [];
  if (!manifest) return { refused };
  const clusters = manifest.clusters.map((cluster) => ({
    ...cluster,
    nodes: cluster.nodes.map((node) => {
      if (!node.haproxyList) return node;
      const { files, missing } = expandConfigList(fs, node.haproxyList);
      for (const file of missing)
        refused.push({
          file,
          messageId: "listedMissing",
          message: "cannot be read: no such file or directory (HAProxy stops on it too)",
        });
      return files.length > 0 ? { ...node, haproxy: files[0], haproxyFiles: files } : node;
    }),
  }));
  return { manifest: { ...manifest, clusters }, refused };
}

/**
 * Discovered haproxy.cfg files with a conf.d folder beside them get the files HAProxy loads after them; those files
 * are no inputs of their own (a discovered one is dropped from the inputs).
 */
export function withConfDirectories(
  fs: WorkspaceFileSystem,
  inputs: InputFile[],
  named: ReadonlySet<string>,
): InputFile[] {
  const parts = new Set<string>();
  const out = inputs.map((input) => {
    if (input.language !== "haproxy" || basename(input.path) !== "haproxy.cfg" || named.has(input.path)) return input;
    const confDir = join(dirname(input.path), "conf.d");
    if (!fs.stat(confDir)?.isDirectory) return input;
    const rest = directoryConfigFiles(fs, confDir);
    if (rest.length === 0) return input;
    for (const file of rest) parts.add(file);
    return { ...input, haproxyFiles: [input.path, ...rest] };
  });
  return out.filter((input) => !parts.has(input.path));
}
