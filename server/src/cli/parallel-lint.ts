/**
 * `ha-lint lint` of an estate on every core: the workspace layer splits the run into parts of whole clusters
 * (workspace/shard-plan.ts), a worker thread analyses each part as the run would (runAnalysis with the part's files),
 * and the parts' findings, texts and notices are put together in the order one analysis gives them.
 *
 * HA_LINT_WORKERS: unset, as many workers as cores for a run of at least AUTO_MIN_CLUSTERS cluster folders; N, N
 * workers for any run of two or more cluster folders (tests); 0 or 1, one analysis in this thread.
 */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { parentPort, Worker, workerData } from "node:worker_threads";
import { compareFindings } from "../analyze-rules.js";
import type { Finding } from "../rules/finding.js";
import type { ClusterSummary } from "../workspace/cluster-summary.js";
import type { CollectedFile, RefusedFile } from "../workspace/collect.js";
import { findConfig, loadConfig } from "../workspace/config-file.js";
import { diskFileSystem } from "../workspace/file-system.js";
import { planShards, type ShardPlan } from "../workspace/shard-plan.js";
import { InputError } from "./collect-files.js";
import {
  checkVersionFlag,
  runAnalysis,
  runNotices,
  selectRules,
  type AnalysisOptions,
  type ReportedAnalysis,
} from "./run-analysis.js";

/**
 * Below this many cluster folders a run stays in one thread: each worker loads the program and reads its files again,
 * and even 1,000 clusters gained only ~6 % from a second core (docs/performance.md).
 */
const AUTO_MIN_CLUSTERS = 64;

/** What the lint command uses of an analysis: the report's input, the findings and the notices. */
export interface LintAnalysis extends ReportedAnalysis {
  findings: Finding[];
  notices: string[];
}

interface ShardJob {
  haLintShard: true;
  paths: string[];
  options: AnalysisOptions;
  found: CollectedFile[];
}

/** A part's analysis, as plain data. */
interface ShardAnswer {
  findings: Finding[];
  sources: [string, string][];
  files: string[];
  clusters: ClusterSummary[];
  refused: RefusedFile[];
  nulBytes: { file: string; offset: number }[];
  invalidUtf8: string[];
  outside: string[];
}

type ShardReply = { answer: ShardAnswer } | { error: string; input: boolean };

function workerSetting(): { parts: number; minClusters: number } {
  const setting = process.env.HA_LINT_WORKERS;
  if (setting === undefined || setting === "") return { parts: availableParallelism(), minClusters: AUTO_MIN_CLUSTERS };
  const parts = Number(setting);
  if (!Number.isInteger(parts) || parts < 0)
    throw new InputError(`HA_LINT_WORKERS takes a number of worker threads, not '${setting}'`);
  return { parts, minClusters: 2 };
}

function planFor(paths: string[], options: AnalysisOptions): ShardPlan | undefined {
  if (options.overlay || options.lang) return undefined;
  const { parts, minClusters } = workerSetting();
  if (parts < 2) return undefined;
  const loaded = loadConfig(options.config ? resolve(options.config) : findConfig(paths[0]));
  const request = { paths, fs: diskFileSystem, config: loaded, configDirFallback: process.cwd() };
  return planShards({ ...request, parts, minClusters });
}

/** Runs one part in a worker thread of `script` (bin/ha-lint.js, which hands a shard job to runShardWorker). */
function runPart(script: URL, job: ShardJob): Promise<ShardAnswer> {
  return new Promise((done, fail) => {
    const worker = new Worker(script, { workerData: job });
    worker.once("message", (reply: ShardReply) => {
      if ("answer" in reply) done(reply.answer);
      else fail(reply.input ? new InputError(reply.error) : new Error(reply.error));
      void worker.terminate();
    });
    worker.once("error", fail);
    worker.once("exit", (code) => fail(new Error(`an analysis worker stopped (exit code ${code})`)));
  });
}

/** The parts put together: what one analysis of every file gives, in its order. */
function merged(plan: ShardPlan, answers: ShardAnswer[], options: AnalysisOptions, paths: string[]): LintAnalysis {
  const order = new Map(plan.parts.flat().map((file, index) => [file.path, index]));
  const byFound = (a: { file: string }, b: { file: string }): number =>
    (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0);
  const layoutOrder = new Map(
    plan.clusters
      .flat()
      .sort()
      .map((id, index) => [id, index]),
  );
  const layoutOf = (cluster: ClusterSummary): number => layoutOrder.get(cluster.id.replace(/#\d+$/, "")) ?? 0;
  const sources = new Map(answers.flatMap((answer) => answer.sources));
  const refused = answers.flatMap((answer) => answer.refused).sort(byFound);
  const inputs = answers.reduce((count, answer) => count + answer.files.length, 0);
  if (refused.length > 0 && (!options.allowRefused || inputs === 0))
    throw new InputError(
      runNotices({ nulBytes: [], invalidUtf8: [], refused, outside: [], textOf: () => "" }).join("\n"),
    );
  const notices = runNotices({
    nulBytes: answers.flatMap((answer) => answer.nulBytes).sort(byFound),
    invalidUtf8: answers
      .flatMap((answer) => answer.invalidUtf8)
      .map((file) => ({ file }))
      .sort(byFound)
      .map((entry) => entry.file),
    refused,
    outside: [...new Set(answers.flatMap((answer) => answer.outside))].sort(),
    textOf: (file) => sources.get(file),
  });
  if (inputs === 0) throw new InputError(`no keepalived or HAProxy configuration found in ${paths.join(", ")}`);
  return {
    findings: answers.flatMap((answer) => answer.findings).sort(compareFindings),
    sources,
    fileCount: new Set(answers.flatMap((answer) => answer.files)).size,
    refused,
    clusters: answers.flatMap((answer) => answer.clusters).sort((a, b) => layoutOf(a) - layoutOf(b)),
    renderedFrom: [],
    notices,
  };
}

/**
 * The analysis of a lint run: in worker threads of `script` when the run is an estate worth splitting, else in this
 * thread.
 */
export async function lintAnalysis(
  paths: string[],
  options: AnalysisOptions,
  script?: URL,
  onParts?: (parts: number) => void,
): Promise<LintAnalysis> {
  // The flags are checked here, before anything starts, as one analysis checks them.
  checkVersionFlag("--haproxy-version", options.haproxyVersion);
  checkVersionFlag("--keepalived-version", options.keepalivedVersion);
  selectRules(options.select, options.ignore);
  const plan = script ? planFor(paths, options) : undefined;
  if (!script || !plan) {
    const analysis = runAnalysis(paths, options);
    return { ...analysis, findings: analysis.result.findings };
  }
  onParts?.(plan.parts.length);
  const answers = await Promise.all(
    plan.parts.map((found) => runPart(script, { haLintShard: true, paths, options, found })),
  );
  return merged(plan, answers, options, paths);
}

function shardAnswer(job: ShardJob): ShardAnswer {
  const analysis = runAnalysis(job.paths, { ...job.options, allowRefused: true }, { found: job.found });
  const { workspace } = analysis;
  return {
    findings: analysis.result.findings,
    sources: [...analysis.sources],
    files: workspace.files,
    clusters: analysis.clusters,
    refused: workspace.refused,
    nulBytes: workspace.nulBytes,
    invalidUtf8: workspace.invalidUtf8,
    outside: workspace.outside,
  };
}

/** In a worker thread started by lintAnalysis: analyse the part and hand the answer back. */
export function runShardWorker(): void {
  const job = workerData as ShardJob;
  let reply: ShardReply;
  try {
    reply = { answer: shardAnswer(job) };
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error), input: error instanceof InputError };
  }
  parentPort?.postMessage(reply);
}

/** Whether this thread was started to analyse a part of a run. */
export function isShardWorker(): boolean {
  return (workerData as Partial<ShardJob> | null)?.haLintShard === true;
}
