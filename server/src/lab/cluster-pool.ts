/** What `ha-lint lab` and `ha-lint lab --traffic` share: which clusters a run covers, and running them in a pool. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClusterSimulation } from "../simulation.js";
import { registerLabDir, releaseLabDir } from "./system.js";

/** The options every lab run takes (`ha-lint lab` and `ha-lint lab --traffic`). */
export interface LabRunOptions {
  /** Only this cluster (its displayed id). */
  cluster?: string;
  /** Limit of the whole run, seconds. */
  timeout?: number;
  /** Clusters run at the same time. */
  jobs?: number;
  displayId?: (id: string) => string;
  /** Progress lines (stderr in the CLI). */
  progress?: (line: string) => void;
  /** Addresses the cluster declares per node, by keepalived file (`addresses:` of .ha-lint.yaml). */
  declaredAddresses?: ReadonlyMap<string, readonly string[]>;
}

/** Clusters with a virtual router; with `cluster`, only the one it names (as displayed or by id). */
export function chosenClusters(
  simulations: readonly ClusterSimulation[],
  cluster: string | undefined,
  display: (id: string) => string,
): ClusterSimulation[] {
  return simulations.filter(
    (s) =>
      s.routers.length > 0 && (cluster === undefined || display(s.cluster.id) === cluster || s.cluster.id === cluster),
  );
}

/**
 * Runs `work` on every cluster, at most `jobs` at a time, each with its own index, inside one temporary folder that
 * the signal handlers know of and that is removed at the end. Results come back in the clusters' order.
 */
export async function inLabPool<R>(
  clusters: readonly ClusterSimulation[],
  jobs: number | undefined,
  dirPrefix: string,
  work: (cluster: ClusterSimulation, index: number, base: string) => Promise<R>,
): Promise<{ results: R[]; base: string }> {
  const results: R[] = new Array(clusters.length);
  const base = mkdtempSync(join(tmpdir(), dirPrefix));
  registerLabDir(base);
  let next = 0;
  const workers = Math.max(1, Math.min(jobs ?? 1, clusters.length || 1));
  try {
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < clusters.length) {
          const i = next++;
          results[i] = await work(clusters[i], i, base);
        }
      }),
    );
  } finally {
    releaseLabDir(base);
  }
  return { results, base };
}
