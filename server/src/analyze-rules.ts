/**
 * Phase "rules" of analyze(): the rules run on parts of the analysis that they cannot see past, so that the result of
 * a part can be kept while its inputs are the same objects (the parse cache hands unchanged models on):
 * - each haproxy.cfg (scope "haproxy" rules): its syntax trees and models and the nodes that run it;
 * - each cluster (every other rule): its nodes, their files, its simulation (the clusters of one folder together).
 * Findings are merged and de-duplicated as one run over everything would (a file shared by nodes reports once).
 */
import type { RuleSetting } from "./config/config-schema.js";
import type { Cluster, HaproxyConfig, Node } from "./model/types.js";
import type { AnalysisInput } from "./rules/context.js";
import type { ClusterSimulation } from "./simulate/scenarios.js";
import type { Finding } from "./rules/finding.js";
import { reportData, reportMessage, type Report, type Rule } from "./rules/rule.js";
import type { Range } from "./syntax/source.js";

export interface InternalError {
  rule: string;
  message: string;
}

export interface RuleRun {
  findings: Finding[];
  internalErrors: InternalError[];
}

interface CachedRuleRun extends RuleRun {
  fingerprint: unknown[];
}

/** Rule results by part of the analysis, with what they were computed from (kept in ParseCache.rules). */
export type RuleRunCache = Map<string, CachedRuleRun>;

/** One part: its own input, the rules that run on it and what its result depends on. */
interface RulePart {
  key: string;
  input: AnalysisInput;
  rules: readonly Rule[];
  fingerprint: unknown[];
}

/** Told each time a rule runs on a part (`haproxy:<file>` or `cluster:<id>`): what the cache tests count. */
export type RuleRunListener = (rule: string, part: string) => void;

const SYNTAX_RULES = new Set(["KA034", "HP023"]);

/** What a node's rule results depend on besides its files' models: by identity (cached models are reused). */
export function nodeFingerprint(node: Node): unknown[] {
  return [
    node.name,
    node.dir,
    node.keepalived,
    node.haproxy,
    node.keepalivedVersion,
    node.haproxyVersion,
    node.addresses.join(" "),
    node.sysctlFiles.join(" "),
    JSON.stringify(node.sysctl ? [...node.sysctl.entries()] : null),
  ];
}

function sameFingerprint(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The nodes that run each haproxy.cfg file (any version of its model), cluster by cluster, in analysis order. */
function haproxyFileNodes(clusters: readonly Cluster[]): Map<string, Map<Cluster, Node[]>> {
  const out = new Map<string, Map<Cluster, Node[]>>();
  for (const cluster of clusters)
    for (const node of cluster.nodes) {
      const file = node.haproxy?.file;
      if (file === undefined) continue;
      let byCluster = out.get(file);
      if (!byCluster) out.set(file, (byCluster = new Map()));
      byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), node]);
    }
  return out;
}

function haproxyParts(input: AnalysisInput, rules: readonly Rule[], shared: unknown[]): RulePart[] {
  if (rules.length === 0) return [];
  return [...haproxyFileNodes(input.clusters)].map(([file, byCluster]) => {
    const clusters = [...byCluster].map(([cluster, nodes]) => ({ ...cluster, nodes }));
    const configs = new Set<HaproxyConfig>(clusters.flatMap((c) => c.nodes.flatMap((n) => n.haproxy ?? [])));
    // Every file of the configuration (`-f a.cfg -f conf.d/`): an edit to any of them re-runs the part.
    const documents = new Set([...configs].flatMap((c) => c.documents));
    const fingerprint = [
      ...shared,
      ...clusters.flatMap((c) => [c.id, ...c.nodes.flatMap(nodeFingerprint)]),
      ...documents,
    ];
    const haproxy = input.haproxy.filter((d) => documents.has(d));
    const part: AnalysisInput = { ...input, haproxy, keepalived: [], clusters, simulations: [] };
    return { key: `haproxy:${file}`, input: part, rules, fingerprint };
  });
}

/**
 * Clusters split from one folder (ids `dir#1`, `dir#2`: one network segment) form one part: rules compare their
 * routers (HA005, a VRID reused on the segment).
 */
function segments(simulations: readonly ClusterSimulation[]): Map<string, ClusterSimulation[]> {
  const out = new Map<string, ClusterSimulation[]>();
  for (const simulation of simulations) {
    const segment = simulation.cluster.id.replace(/#\d+$/, "");
    out.set(segment, [...(out.get(segment) ?? []), simulation]);
  }
  return out;
}

function clusterParts(input: AnalysisInput, rules: readonly Rule[], shared: unknown[]): RulePart[] {
  if (rules.length === 0) return [];
  return [...segments(input.simulations)].map(([segment, simulations]) => {
    const clusters = simulations.map((s) => s.cluster);
    const nodes = clusters.flatMap((c) => c.nodes);
    const keepalived = new Set(nodes.flatMap((n) => (n.keepalived ? [n.keepalived.document] : [])));
    const haproxy = new Set(nodes.flatMap((n) => n.haproxy?.documents ?? []));
    const part: AnalysisInput = {
      ...input,
      keepalived: input.keepalived.filter((d) => keepalived.has(d)),
      haproxy: input.haproxy.filter((d) => haproxy.has(d)),
      clusters,
      simulations,
    };
    const fingerprint = [...shared, ...clusters, ...simulations];
    return { key: `cluster:${segment}`, input: part, rules, fingerprint };
  });
}

/** Lines with a syntax error, by file. */
function unreadableLines(input: AnalysisInput): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const doc of [...input.haproxy, ...input.keepalived]) {
    for (const issue of doc.issues) {
      if (issue.kind !== "syntax-error") continue;
      let lines = out.get(issue.file);
      if (!lines) out.set(issue.file, (lines = new Set()));
      for (let l = issue.range.start.line; l <= issue.range.end.line; l++) lines.add(l);
    }
  }
  return out;
}

function touches(broken: ReadonlyMap<string, ReadonlySet<number>>, file: string, range: Range): boolean {
  const lines = broken.get(file);
  if (!lines) return false;
  for (let l = range.start.line; l <= range.end.line; l++) if (lines.has(l)) return true;
  return false;
}

/** A finding's identity: a file shared by several nodes is analysed once per node, and reported once. */
function findingKey(finding: Finding): string {
  const at = `${finding.range.start.line}:${finding.range.start.character}`;
  return `${finding.rule}\u0000${finding.file}\u0000${at}\u0000${finding.message}`;
}

function toFinding(
  rule: Rule,
  r: Report,
  settings: Readonly<Record<string, RuleSetting>>,
  broken: ReadonlyMap<string, ReadonlySet<number>>,
): Finding {
  const message = reportMessage(rule, r);
  const override = settings[rule.id];
  const severity = override && override !== "off" ? override : (r.severity ?? rule.severity);
  const finding: Finding = { rule: rule.id, name: rule.name, severity, message, file: r.file, range: r.range };
  if ("messageId" in r) finding.messageId = r.messageId;
  const data = reportData(r);
  if (data) finding.data = data;
  if (r.related?.length) finding.related = r.related;
  if (r.tags?.length) finding.tags = r.tags;
  // A line the parser could not read whole (an unterminated quote, a bad escape) gets no fix from other rules:
  // text appended to it could land inside the broken word. The syntax rules' own fixes repair exactly that.
  const fixes = SYNTAX_RULES.has(rule.id)
    ? r.fixes
    : r.fixes?.filter((f) => !f.edits.some((e) => touches(broken, e.file, e.range)));
  if (fixes?.length) finding.fixes = fixes;
  return finding;
}

/** Every rule of a part on the part's input, in rule order. */
function runPart(
  part: RulePart,
  settings: Readonly<Record<string, RuleSetting>>,
  onRuleRun: RuleRunListener | undefined,
): RuleRun {
  const broken = unreadableLines(part.input);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const internalErrors: InternalError[] = [];
  for (const rule of part.rules) {
    const report = (r: Report): void => {
      const finding = toFinding(rule, r, settings, broken);
      const key = findingKey(finding);
      if (seen.has(key)) return;
      seen.add(key);
      findings.push(finding);
    };
    onRuleRun?.(rule.id, part.key);
    try {
      rule.check({ ...part.input, report });
    } catch (e) {
      internalErrors.push({ rule: rule.id, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { findings, internalErrors };
}

export interface RuleRunOptions {
  settings?: Readonly<Record<string, RuleSetting>>;
  cache?: RuleRunCache;
  onRuleRun?: RuleRunListener;
}

/** Runs the rules on every part (reusing a part's cached result when its inputs are the same), merged and sorted. */
export function runRules(input: AnalysisInput, allOf: readonly Rule[], options: RuleRunOptions = {}): RuleRun {
  const settings = options.settings ?? {};
  const rules = allOf.filter((r) => settings[r.id] !== "off");
  // What every part's result also depends on: the rule set, its settings, the analysis settings.
  const shared: unknown[] = [...rules, JSON.stringify(settings), JSON.stringify(input.settings)];
  const parts = [
    ...haproxyParts(
      input,
      rules.filter((r) => r.scope === "haproxy"),
      shared,
    ),
    ...clusterParts(
      input,
      rules.filter((r) => r.scope !== "haproxy"),
      shared,
    ),
  ];
  const kept: RuleRunCache = new Map();
  const seen = new Set<string>();
  const findings: Finding[] = [];
  const internalErrors: InternalError[] = [];
  for (const part of parts) {
    const hit = options.cache?.get(part.key);
    const run =
      hit && sameFingerprint(hit.fingerprint, part.fingerprint) ? hit : runPart(part, settings, options.onRuleRun);
    kept.set(part.key, { ...run, fingerprint: part.fingerprint });
    for (const finding of run.findings) {
      const key = findingKey(finding);
      if (!seen.has(key)) findings.push(finding);
      seen.add(key);
    }
    for (const error of run.internalErrors)
      if (!internalErrors.some((e) => e.rule === error.rule && e.message === error.message)) internalErrors.push(error);
  }
  if (options.cache) {
    options.cache.clear();
    for (const [key, value] of kept) options.cache.set(key, value);
  }
  findings.sort(compareFindings);
  return { findings, internalErrors };
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.range.start.line !== b.range.start.line) return a.range.start.line - b.range.start.line;
  if (a.range.start.character !== b.range.start.character) return a.range.start.character - b.range.start.character;
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}
