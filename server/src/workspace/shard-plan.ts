/**
 * How an estate splits into independent analyses: the files of whole clusters go together (every rule runs on one
 * cluster, or one network segment of clusters, and on one haproxy.cfg at a time: analyze-rules.ts), so that
 * analysing each part alone gives the findings one analysis of everything gives. The CLI hands the parts to worker
 * threads (cli/parallel-lint.ts).
 *
 * Only plain folders of files split: a manifest (.ha-lint.yaml clusters, templates), a file named on the command line
 * or a forced language keep the run in one piece.
 */
import { resolve } from "node:path";
import { layoutFiles } from "../model/discovery.js";
import { applyConfigToFiles, discoverFiles, readInputs, type CollectedFile } from "./collect.js";
import type { LoadedConfig } from "./config-file.js";
import type { WorkspaceFileSystem } from "./file-system.js";
import { withConfDirectories } from "./haproxy-files.js";

export interface ShardRequest {
  paths: readonly string[];
  fs: WorkspaceFileSystem;
  config: LoadedConfig;
  configDirFallback: string;
  /** How many parts at most (the worker threads). */
  parts: number;
  /** Fewer clusters than this are analysed in one piece (starting a worker costs more than they take). */
  minClusters: number;
}

export interface ShardPlan {
  /** The files each part discovers, in discovery order; every discovered file is in exactly one part. */
  parts: CollectedFile[][];
  /** The cluster folders (layout ids) of each part, as the whole analysis lays them out. */
  clusters: string[][];
}

/** Union-find over keys: the files that must be analysed together. */
class Groups {
  private readonly parent = new Map<string, string>();

  find(key: string): string {
    let root = key;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root) ?? root;
    this.parent.set(key, root);
    return root;
  }

  join(a: string, b: string): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent.set(rootB, rootA);
  }
}

/** The split of a run, or undefined when it stays one analysis. */
export function planShards(request: ShardRequest): ShardPlan | undefined {
  if (request.parts < 2 || request.config.manifest) return undefined;
  if (request.paths.some((given) => !request.fs.stat(resolve(given))?.isDirectory)) return undefined;
  const found = discoverFiles(request.fs, request.paths);
  const collected = applyConfigToFiles(found, request.config, resolve(request.configDirFallback));
  const read = readInputs(request.fs, collected);
  const inputs = withConfDirectories(request.fs, read.inputs, new Set());
  const layouts = layoutFiles(
    inputs.flatMap((input) =>
      input.language
        ? [
            {
              path: input.path,
              language: input.language,
              ...(input.haproxyFiles ? { haproxyFiles: input.haproxyFiles } : {}),
            },
          ]
        : [],
    ),
  );
  if (layouts.length < request.minClusters) return undefined;
  // A cluster's files, a segment's clusters (`dir` and `dir#2` come from one layout: one id) and a file shared by
  // several layouts stay together.
  const groups = new Groups();
  const sizeOf = new Map(read.inputs.map((input) => [input.path, input.text.length]));
  for (const input of inputs) for (const file of input.haproxyFiles ?? []) groups.join(input.path, file);
  for (const layout of layouts) {
    groups.join(`cluster:${layout.id}`, `cluster:${layout.id}`);
    for (const node of layout.nodes)
      for (const file of [node.keepalived, node.haproxy, ...(node.haproxyFiles ?? [])])
        if (file) groups.join(`cluster:${layout.id}`, file);
  }
  const weight = new Map<string, number>();
  for (const file of collected) {
    const root = groups.find(file.path);
    weight.set(root, (weight.get(root) ?? 0) + (sizeOf.get(file.path) ?? 0) + 1);
  }
  // Largest groups first, each to the lightest part so far.
  const parts = Array.from({ length: request.parts }, () => ({ weight: 0, roots: new Set<string>() }));
  for (const [root, groupWeight] of [...weight].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    const lightest = parts.reduce((best, part) => (part.weight < best.weight ? part : best));
    lightest.weight += groupWeight;
    lightest.roots.add(root);
  }
  const used = parts.filter((part) => part.roots.size > 0);
  if (used.length < 2) return undefined;
  return {
    parts: used.map((part) => found.filter((file) => part.roots.has(groups.find(file.path)))),
    clusters: used.map((part) =>
      layouts.filter((layout) => part.roots.has(groups.find(`cluster:${layout.id}`))).map((layout) => layout.id),
    ),
  };
}
