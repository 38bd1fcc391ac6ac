/**
 * The differential run: every variant of each tool through the binary of every toolset that has it (batched, one
 * process start per batch, `concurrency` batches at a time so that both cores run binaries) and through ha-lint
 * set to that binary's version, analysed in this process while the next batches run. Disagreements are folded into
 * classes (test/differential/verdicts.ts) with the variants that show each.
 */
import { KEEPALIVED_INTERFACES } from "./keepalived-variants.js";
import { baseConfigs, type BaseConfig } from "./bases.js";
import { makeVariants } from "./generate.js";
import { checkConfigBatch, toolsets, type Toolset, type ToolRun } from "../support/real-binaries.js";
import type { Tool } from "../support/real-tool-messages.js";
import { compareRun, type ClassifiedDisagreement, type Comparison, type VersionedTool } from "./verdicts.js";
import type { Variant, VariantCategory } from "./variant.js";

export interface RunOptions {
  seed: number;
  /** Variants per tool (each runs on every version of that tool). */
  variantsPerTool: number;
  tools?: readonly Tool[];
  /** Only these releases ("bookworm", "trixie", "sid"). */
  releases?: readonly string[];
  /** Take the shared corpus as bases too (when present). */
  corpus?: boolean;
  /** Batches running at once (one per core). */
  concurrency?: number;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface Outcome {
  variant: Variant;
  target: VersionedTool;
  release: string;
  comparison: Comparison;
  output: string;
}

export interface TargetFigures {
  tool: Tool;
  version: string;
  release: string;
  variants: number;
  agree: number;
  disagree: number;
  skippedEnvironment: number;
  timeouts: number;
  toolVerdicts: Record<string, number>;
  byCategory: Partial<Record<VariantCategory, { variants: number; disagree: number }>>;
  binarySeconds: number;
}

export interface DisagreementClass {
  cls: string;
  tool: Tool;
  kind: ClassifiedDisagreement["kind"];
  /** Every disagreement of the class: the outcome it came from and the disagreement. */
  instances: { outcome: Outcome; disagreement: ClassifiedDisagreement }[];
}

export interface DifferentialRun {
  options: Omit<RunOptions, "onProgress">;
  bases: Record<Tool, string[]>;
  targets: TargetFigures[];
  outcomes: Outcome[];
  classes: DisagreementClass[];
  wallSeconds: number;
}

/** Interfaces the keepalived namespace gets: the generator's pool and every plain name the bases use. */
export function interfacesFor(bases: readonly BaseConfig[]): string[] {
  const named = new Set(KEEPALIVED_INTERFACES);
  for (const base of bases)
    for (const found of base.text.matchAll(/\b(?:interface|dev|bind_if)\s+([A-Za-z][A-Za-z0-9_.-]{0,14})\b/g))
      if (!found[1].endsWith(".")) named.add(found[1]);
  return [...named].sort();
}

/** A file that configures HAProxy's httpclient or names the system CA needs the CA folder it would see. */
const needsSystemCa = (text: string): boolean => /httpclient|@system-ca/.test(text);

export interface BatchTask {
  set: Toolset;
  target: VersionedTool;
  variants: Variant[];
}

/** Runs one batch through the binary, keeping the CA folder visible only for the variants that need it. */
export async function runBatch(task: BatchTask, interfaces: readonly string[]): Promise<ToolRun[]> {
  const { set, target, variants } = task;
  const hidden = variants.map((v) => !needsSystemCa(v.text));
  const groups = [true, false].map((hide) => variants.filter((_, i) => hidden[i] === hide));
  const runs = await Promise.all(
    groups.map((group, g) =>
      group.length === 0
        ? Promise.resolve([])
        : checkConfigBatch(
            set,
            target.tool,
            group.map((v) => ({ text: v.text, env: v.env })),
            {
              interfaces: target.tool === "keepalived" ? interfaces : undefined,
              hideSystemCa: g === 0,
              timeoutMs: 15_000,
            },
          ),
    ),
  );
  const cursors = [0, 0];
  return variants.map((_, i) => runs[hidden[i] ? 0 : 1][cursors[hidden[i] ? 0 : 1]++]);
}

/** Runs tasks with at most `concurrency` in flight, handing each result to `each` as it arrives. */
export async function runPool<T, R>(
  tasks: readonly T[],
  concurrency: number,
  work: (task: T) => Promise<R>,
  each: (task: T, result: R) => void,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      each(task, await work(task));
    }
  });
  await Promise.all(lanes);
}

function figuresFor(target: VersionedTool, release: string): TargetFigures {
  return {
    tool: target.tool,
    version: target.version,
    release,
    variants: 0,
    agree: 0,
    disagree: 0,
    skippedEnvironment: 0,
    timeouts: 0,
    toolVerdicts: {},
    byCategory: {},
    binarySeconds: 0,
  };
}

export async function runDifferential(options: RunOptions): Promise<DifferentialRun> {
  const started = Date.now();
  const tools = options.tools ?? (["keepalived", "haproxy"] as const);
  const concurrency = options.concurrency ?? 2;
  const batchSize = options.batchSize ?? 50;
  const bases = Object.fromEntries(
    (["keepalived", "haproxy"] as const).map((tool) => [tool, baseConfigs(tool, { corpus: options.corpus })]),
  ) as Record<Tool, BaseConfig[]>;
  const interfaces = interfacesFor(bases.keepalived);
  const queues: BatchTask[][] = [];
  const figures = new Map<string, TargetFigures>();
  for (const tool of tools) {
    const variants = makeVariants(tool, options.seed, options.variantsPerTool, bases[tool]);
    for (const set of toolsets()) {
      const version = set[tool];
      if (!version || (options.releases && !options.releases.includes(set.release))) continue;
      const target: VersionedTool = { tool, version };
      figures.set(`${tool} ${version}`, figuresFor(target, set.release));
      const queue: BatchTask[] = [];
      for (let at = 0; at < variants.length; at += batchSize)
        queue.push({ set, target, variants: variants.slice(at, at + batchSize) });
      queues.push(queue);
    }
  }
  // Interleave the tools and versions, so that every one of them advances at the same pace.
  const longest = Math.max(0, ...queues.map((q) => q.length));
  const tasks = Array.from({ length: longest }, (_, k) => queues.flatMap((q) => (k < q.length ? [q[k]] : []))).flat();
  const total = tasks.reduce((sum, t) => sum + t.variants.length, 0);
  const outcomes: Outcome[] = [];
  let done = 0;
  await runPool(
    tasks,
    concurrency,
    async (task) => {
      const t0 = Date.now();
      const runs = await runBatch(task, interfaces);
      return { runs, seconds: (Date.now() - t0) / 1000 };
    },
    (task, { runs, seconds }) => {
      const figure = figures.get(`${task.target.tool} ${task.target.version}`)!;
      figure.binarySeconds += seconds;
      task.variants.forEach((variant, i) => {
        const comparison = compareRun(task.target, variant.text, variant.env, runs[i]);
        outcomes.push({ variant, target: task.target, release: task.set.release, comparison, output: runs[i].output });
        figure.variants++;
        figure.toolVerdicts[comparison.tool] = (figure.toolVerdicts[comparison.tool] ?? 0) + 1;
        const category = (figure.byCategory[variant.category] ??= { variants: 0, disagree: 0 });
        category.variants++;
        if (comparison.skipped === "environment") figure.skippedEnvironment++;
        else if (comparison.skipped === "timeout") figure.timeouts++;
        else if (comparison.disagreements.length > 0) {
          figure.disagree++;
          category.disagree++;
        } else figure.agree++;
      });
      done += task.variants.length;
      options.onProgress?.(done, total);
    },
  );
  const { onProgress: _progress, ...recorded } = options;
  return {
    options: recorded,
    bases: { keepalived: bases.keepalived.map((b) => b.name), haproxy: bases.haproxy.map((b) => b.name) },
    targets: [...figures.values()],
    outcomes,
    classes: classify(outcomes),
    wallSeconds: (Date.now() - started) / 1000,
  };
}

/** Disagreements grouped by class, the most frequent first. */
export function classify(outcomes: readonly Outcome[]): DisagreementClass[] {
  const byClass = new Map<string, DisagreementClass>();
  for (const outcome of outcomes)
    for (const disagreement of outcome.comparison.disagreements) {
      let entry = byClass.get(disagreement.cls);
      if (!entry) {
        entry = { cls: disagreement.cls, tool: outcome.target.tool, kind: disagreement.kind, instances: [] };
        byClass.set(disagreement.cls, entry);
      }
      entry.instances.push({ outcome, disagreement });
    }
  return [...byClass.values()].sort((a, b) => b.instances.length - a.instances.length || a.cls.localeCompare(b.cls));
}
