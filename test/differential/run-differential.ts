/**
 * The differential run: every variant of each tool through the binary of every toolset that has it (batched, one
 * process start per batch, `concurrency` batches at a time so that both cores run binaries) and through ha-lint
 * set to that binary's version, analysed in this process while the next batches run. Disagreements are folded into
 * classes (test/differential/verdicts.ts) with the variants that show each.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { KEEPALIVED_INTERFACES } from "./keepalived-variants.js";
import { referencedFiles, type ReferencedFiles } from "./referenced-files.js";
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
  /** Run every base through every binary (and write base-verdicts.json) instead of trusting that file. */
  checkBases?: boolean;
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
  /** The bases variants were made from: those no binary refuses. */
  usedBases: Record<Tool, string[]>;
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
  const files = Object.assign({}, ...variants.map((v) => referencedFiles(target.tool, v.text))) as ReferencedFiles;
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
              files,
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

const baseVerdictsFile = join(dirname(fileURLToPath(import.meta.url)), "base-verdicts.json");

/** Whether each base (by name and text) is refused, per binary ("keepalived 2.2.7"): what the last full run saw. */
type BaseVerdicts = Record<string, Record<string, { sha: string; refused: boolean }>>;

const textSha = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 16);

function readBaseVerdicts(): BaseVerdicts {
  return existsSync(baseVerdictsFile) ? (JSON.parse(readFileSync(baseVerdictsFile, "utf8")) as BaseVerdicts) : {};
}

interface Target {
  set: Toolset;
  target: VersionedTool;
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
  const targets = new Map<Tool, Target[]>();
  const figures = new Map<string, TargetFigures>();
  for (const tool of tools)
    for (const set of toolsets()) {
      const version = set[tool];
      if (!version || (options.releases && !options.releases.includes(set.release))) continue;
      const target: VersionedTool = { tool, version };
      targets.set(tool, [...(targets.get(tool) ?? []), { set, target }]);
      figures.set(`${tool} ${version}`, figuresFor(target, set.release));
    }
  const outcomes: Outcome[] = [];
  let done = 0;
  const record = (task: BatchTask, runs: ToolRun[], seconds: number): void => {
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
  };
  const runTasks = async (tasks: BatchTask[], total: number): Promise<void> =>
    runPool(
      tasks,
      concurrency,
      async (task) => {
        const t0 = Date.now();
        return { runs: await runBatch(task, interfaces), seconds: (Date.now() - t0) / 1000 };
      },
      (task, { runs, seconds }) => {
        record(task, runs, seconds);
        options.onProgress?.(done, total);
      },
    );

  // Bases first, each unchanged on every binary (from base-verdicts.json when the text is known there, unless
  // options.checkBases): variants are made only from bases no binary refuses, so that what a variant shows comes
  // from its change and the binary reaches its later checks.
  const verdicts = options.checkBases ? {} : readBaseVerdicts();
  const baseTasks: BatchTask[] = [];
  for (const tool of tools)
    for (const { set, target } of targets.get(tool) ?? []) {
      const known = verdicts[`${tool} ${target.version}`] ?? {};
      const unknown = bases[tool]
        .map((base, index): Variant => ({
          id: `${tool}-base-${index}`,
          tool,
          seed: 0,
          base: base.name,
          category: "base",
          mutation: "unchanged",
          text: base.text,
        }))
        .filter((v) => known[v.base]?.sha !== textSha(v.text));
      for (let at = 0; at < unknown.length; at += batchSize)
        baseTasks.push({ set, target, variants: unknown.slice(at, at + batchSize) });
    }
  await runTasks(
    baseTasks,
    baseTasks.reduce((sum, t) => sum + t.variants.length, 0),
  );
  const seen: BaseVerdicts = JSON.parse(JSON.stringify(verdicts)) as BaseVerdicts;
  for (const outcome of outcomes) {
    const key = `${outcome.target.tool} ${outcome.target.version}`;
    (seen[key] ??= {})[outcome.variant.base] = {
      sha: textSha(outcome.variant.text),
      refused: outcome.comparison.tool === "refused" || outcome.comparison.skipped !== undefined,
    };
  }
  if (options.checkBases) writeFileSync(baseVerdictsFile, `${JSON.stringify(sortedKeys(seen), null, 1)}\n`);
  const usable = (tool: Tool): BaseConfig[] =>
    bases[tool].filter((base) =>
      (targets.get(tool) ?? []).every(
        ({ target }) => seen[`${tool} ${target.version}`]?.[base.name]?.refused === false,
      ),
    );

  const queues: BatchTask[][] = [];
  const usedBases = {} as Record<Tool, string[]>;
  for (const tool of tools) {
    const pool = usable(tool);
    usedBases[tool] = pool.map((b) => b.name);
    if (pool.length === 0) continue;
    const variants = makeVariants(tool, options.seed, options.variantsPerTool, pool);
    for (const { set, target } of targets.get(tool) ?? []) {
      const queue: BatchTask[] = [];
      for (let at = 0; at < variants.length; at += batchSize)
        queue.push({ set, target, variants: variants.slice(at, at + batchSize) });
      queues.push(queue);
    }
  }
  // Interleave the tools and versions, so that every one of them advances at the same pace.
  const longest = Math.max(0, ...queues.map((q) => q.length));
  const tasks = Array.from({ length: longest }, (_, k) => queues.flatMap((q) => (k < q.length ? [q[k]] : []))).flat();
  done = 0;
  await runTasks(
    tasks,
    tasks.reduce((sum, t) => sum + t.variants.length, 0),
  );
  const { onProgress: _progress, ...recorded } = options;
  return {
    options: recorded,
    bases: { keepalived: bases.keepalived.map((b) => b.name), haproxy: bases.haproxy.map((b) => b.name) },
    usedBases,
    targets: [...figures.values()],
    outcomes,
    classes: classify(outcomes),
    wallSeconds: (Date.now() - started) / 1000,
  };
}

function sortedKeys(verdicts: BaseVerdicts): BaseVerdicts {
  return Object.fromEntries(
    Object.keys(verdicts)
      .sort()
      .map((k) => [
        k,
        Object.fromEntries(
          Object.keys(verdicts[k])
            .sort()
            .map((n) => [n, verdicts[k][n]]),
        ),
      ]),
  );
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
