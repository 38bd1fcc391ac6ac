/**
 * The one entry point of the core: files in -> syntax trees -> cluster model -> simulation -> findings.
 * Pure: the caller hands in texts and a SourceHost (includes, scripts, sysctl files are read through it);
 * nothing here touches the disk or the process.
 */
import { posix as path } from "node:path";
import type { RuleSetting } from "./config/config-schema.js";
import { detectLanguage, type Language } from "./language.js";
import { buildClusters } from "./model/cluster.js";
import {
  layoutFiles,
  nodePathCandidates,
  type ClusterLayout,
  type Manifest,
  type NodeLayout,
} from "./model/discovery.js";
import { buildHaproxyConfig } from "./model/haproxy-config.js";
import { buildKeepalivedConfig } from "./model/keepalived-config.js";
import { resolveAddressConflicts } from "./model/node-addresses.js";
import { parseSysctl } from "./model/sysctl.js";
import type { Cluster, HaproxyConfig, KeepalivedConfig, Node, SysctlSetting } from "./model/types.js";
import { allRules, ruleById } from "./rules/index.js";
import { defaultSettings, nodeVersions, type AnalysisInput, type AnalysisSettings } from "./rules/context.js";
import type { Finding } from "./rules/finding.js";
import { reportMessage, type Report, type Rule } from "./rules/rule.js";
import { haproxyKeywords, type HaproxyKeywords } from "./schema/haproxy-keywords.js";
import { keepalivedKeywords, type KeepalivedKeywords } from "./schema/keepalived-keywords.js";
import { simulateCluster, type ClusterSimulation } from "./simulate/scenarios.js";
import { parseHaproxy } from "./syntax/haproxy/parse.js";
import type { HaproxyDocument } from "./syntax/haproxy/tree.js";
import { noIncludes, parseKeepalived, type SourceHost } from "./syntax/keepalived/parse.js";
import { readSuppressions, type Suppression } from "./syntax/suppressions.js";
import type { KeepalivedDocument } from "./syntax/keepalived/tree.js";
import type { Range } from "./syntax/source.js";

export interface InputFile {
  path: string;
  text: string;
  /** Forced language; detected from the name, then the content, when absent. */
  language?: Language;
  /** keepalived config-id for `@ID` lines; by default the name of the node the file belongs to. */
  configId?: string;
}

export interface AnalyzeRequest {
  files: readonly InputFile[];
  host?: SourceHost;
  settings?: Partial<AnalysisSettings>;
  /** Rules to run; all of them by default. */
  rules?: readonly Rule[];
  /** Explicit clusters (.ha-lint.yaml), with paths already absolute. */
  manifest?: Manifest;
  /** Per-rule settings (.ha-lint.yaml `rules:`): "off" disables a rule, a severity overrides its default. */
  ruleSettings?: Readonly<Record<string, RuleSetting>>;
  /** Honour `# ha-lint disable-...` comments (default true; the CLI's --no-inline-config turns it off). */
  inlineConfig?: boolean;
  /**
   * Parse results of earlier analyses, reused when a file's text (and what its model read) is unchanged: the
   * language server keeps one, so an edit re-parses the edited file only.
   */
  cache?: ParseCache;
  /** Told the time of each phase (ANALYSIS_PHASES), in milliseconds. */
  onPhase?: (phase: AnalysisPhase, ms: number) => void;
}

interface CachedSimulation {
  fingerprint: unknown[];
  simulation: ClusterSimulation;
}

interface CachedHaproxy {
  text: string;
  doc: HaproxyDocument;
  config: HaproxyConfig;
}

interface CachedKeepalived {
  text: string;
  /** What the model read besides the file (check and notify scripts), to tell the entry is still valid. */
  reads: [string, string | undefined][];
  doc: KeepalivedDocument;
  config: KeepalivedConfig;
}

/**
 * Syntax trees and models by file and content. Models are not changed after they are built, so one analysis can
 * hand them to the next. keepalived files with includes are never cached (what an include glob matches can change
 * without the including text changing).
 */
export class ParseCache {
  readonly haproxy = new Map<string, CachedHaproxy>();
  readonly keepalived = new Map<string, CachedKeepalived>();
  /** Simulations by cluster id, with what they were computed from. */
  simulations = new Map<string, CachedSimulation>();

  clear(): void {
    this.haproxy.clear();
    this.keepalived.clear();
    this.simulations.clear();
  }

  /** Forget entries of files not used since `keep` was made (the analysis's own keys). */
  retain(haproxyKeys: ReadonlySet<string>, keepalivedKeys: ReadonlySet<string>): void {
    for (const k of this.haproxy.keys()) if (!haproxyKeys.has(k)) this.haproxy.delete(k);
    for (const k of this.keepalived.keys()) if (!keepalivedKeys.has(k)) this.keepalived.delete(k);
  }
}

export interface AnalysisResult {
  input: AnalysisInput;
  findings: Finding[];
  /** Files whose language could not be told. */
  unknown: string[];
  /** Rules that failed with an exception: the report is incomplete when this is not empty. */
  internalErrors: { rule: string; message: string }[];
}

/**
 * The phases of one analysis, in order. Each is a function below; `onPhase` (AnalyzeRequest) is told how long each
 * took, which is what `npm run bench` and profiling read.
 */
export const ANALYSIS_PHASES = ["inputs", "models", "simulation", "rules", "suppressions"] as const;
export type AnalysisPhase = (typeof ANALYSIS_PHASES)[number];

/** What the phases hand each other. */
interface AnalysisState {
  request: AnalyzeRequest;
  settings: AnalysisSettings;
  host: SourceHost;
  haproxyKeywords: HaproxyKeywords;
  keepalivedKeywords: KeepalivedKeywords;
  byPath: Map<string, InputFile & { language: Language }>;
  unknown: string[];
  textOf: (file: string) => string | undefined;
}

const now = (): number => globalThis.performance?.now() ?? Date.now();

export function analyze(request: AnalyzeRequest): AnalysisResult {
  const timed = <T>(phase: AnalysisPhase, run: () => T): T => {
    if (!request.onPhase) return run();
    const started = now();
    const out = run();
    request.onPhase(phase, now() - started);
    return out;
  };
  const state = timed("inputs", () => inputsPhase(request));
  const models = timed("models", () => modelsPhase(state));
  const simulations = timed("simulation", () => simulationPhase(models.clusters, request.cache));
  const input: AnalysisInput = {
    settings: state.settings,
    keepalived: [...models.keepalivedDocs.values()],
    haproxy: [...models.haproxyDocs.values()],
    haproxyKeywords: state.haproxyKeywords,
    keepalivedKeywords: state.keepalivedKeywords,
    clusters: simulations.map((cs) => cs.cluster),
    simulations,
  };
  const rules = request.rules ?? allRules;
  const ran = timed("rules", () => runRules(input, rules, request.ruleSettings));
  const findings = timed("suppressions", () => suppressionsPhase(state, input, ran.findings, rules));
  return { input, findings, unknown: state.unknown, internalErrors: ran.internalErrors };
}

/** Phase "inputs": the settings, the keyword tables of the target versions, each file's language. */
function inputsPhase(request: AnalyzeRequest): AnalysisState {
  const settings: AnalysisSettings = { ...defaultSettings, ...request.settings };
  const host = request.host ?? noIncludes;
  const unknown: string[] = [];
  const byPath = new Map<string, InputFile & { language: Language }>();
  for (const file of request.files) {
    const language = file.language ?? detectLanguage(file.path, file.text);
    if (language) byPath.set(file.path, { ...file, language });
    else unknown.push(file.path);
  }
  return {
    request,
    settings,
    host,
    haproxyKeywords: haproxyKeywords(settings.haproxyVersion),
    keepalivedKeywords: keepalivedKeywords(settings.keepalivedVersion),
    byPath,
    unknown,
    textOf: (p) => byPath.get(p)?.text ?? host.readFile(p),
  };
}

interface Models {
  keepalivedDocs: Map<string, KeepalivedDocument>;
  haproxyDocs: Map<string, HaproxyDocument>;
  clusters: Cluster[];
}

/** The syntax trees and models of one analysis, by file (and version), and the cache entries it used. */
interface ModelStore {
  state: AnalysisState;
  keepalivedDocs: Map<string, KeepalivedDocument>;
  keepalivedConfigs: Map<string, KeepalivedConfig>;
  haproxyDocs: Map<string, HaproxyDocument>;
  haproxyConfigs: Map<string, HaproxyConfig>;
  usedHaproxy: Set<string>;
  usedKeepalived: Set<string>;
}

function modelStore(state: AnalysisState): ModelStore {
  return {
    state,
    keepalivedDocs: new Map(),
    keepalivedConfigs: new Map(),
    haproxyDocs: new Map(),
    haproxyConfigs: new Map(),
    usedHaproxy: new Set(),
    usedKeepalived: new Set(),
  };
}

/**
 * The HAProxy model of a file, read once per version (a node may run another version than the cluster,
 * settings.nodeVersions: its files are read for its version), reused from the cache when the text is unchanged.
 */
function haproxyModel(store: ModelStore, file: string, version: string): HaproxyConfig | undefined {
  const { settings, textOf } = store.state;
  const hk = store.state.haproxyKeywords;
  const cache = store.state.request.cache;
  const nodeKeywords = version === settings.haproxyVersion ? hk : haproxyKeywords(version);
  const key = nodeKeywords === hk ? file : `${file}\u0000${nodeKeywords.version}`;
  const known = store.haproxyConfigs.get(key);
  if (known) return known;
  const text = textOf(file);
  if (text === undefined) return undefined;
  const cacheKey = cache ? `${file}\u0000${nodeKeywords.version}\u0000${JSON.stringify(settings.env ?? null)}` : "";
  const hit = cache?.haproxy.get(cacheKey);
  if (hit && hit.text === text) {
    store.usedHaproxy.add(cacheKey);
    store.haproxyDocs.set(key, hit.doc);
    store.haproxyConfigs.set(key, hit.config);
    return hit.config;
  }
  const doc = parseHaproxy(file, text, {
    version: nodeKeywords.version,
    sectionKeywords: nodeKeywords.sectionNames,
    env: settings.env,
  });
  const config = buildHaproxyConfig(doc);
  store.haproxyDocs.set(key, doc);
  store.haproxyConfigs.set(key, config);
  if (cache) {
    store.usedHaproxy.add(cacheKey);
    cache.haproxy.set(cacheKey, { text, doc, config });
  }
  return config;
}

/**
 * The keepalived model of a file for a node (its layout finds the scripts the configuration names), read once per
 * configuration id and version, reused from the cache when neither the text nor a script it read changed.
 */
function keepalivedModel(
  store: ModelStore,
  file: string,
  layout: NodeLayout | undefined,
  configId: string | undefined,
  version: string,
): KeepalivedConfig | undefined {
  const { host, textOf } = store.state;
  const cache = store.state.request.cache;
  const key = `${file}\u0000${configId ?? ""}\u0000${version}`;
  const known = store.keepalivedConfigs.get(key);
  if (known) return known;
  const text = textOf(file);
  if (text === undefined) return undefined;
  const cacheKey = cache
    ? `${key}\u0000${version}\u0000${layout ? JSON.stringify([layout.dir, layout.etcRoot ?? ""]) : ""}`
    : "";
  const cacheable = cache !== undefined && !text.includes("include");
  const hit = cacheable ? cache.keepalived.get(cacheKey) : undefined;
  if (hit && hit.text === text && hit.reads.every(([readPath, readText]) => host.readFile(readPath) === readText)) {
    store.usedKeepalived.add(cacheKey);
    store.keepalivedDocs.set(key, hit.doc);
    store.keepalivedConfigs.set(key, hit.config);
    return hit.config;
  }
  const doc = parseKeepalived(file, text, host, { configId, version: version });
  store.keepalivedDocs.set(key, doc);
  const reads: [string, string | undefined][] = [];
  const readScript = (written: string): { path: string; text: string } | undefined => {
    if (!layout) return undefined;
    for (const candidate of nodePathCandidates(layout, written)) {
      const scriptText = candidate === file ? undefined : host.readFile(candidate);
      if (candidate !== file) reads.push([candidate, scriptText]);
      if (scriptText !== undefined) return { path: candidate, text: scriptText };
    }
    return undefined;
  };
  const config = buildKeepalivedConfig(doc, readScript, version);
  store.keepalivedConfigs.set(key, config);
  if (cacheable && doc.files.length === 1) {
    store.usedKeepalived.add(cacheKey);
    cache.keepalived.set(cacheKey, { text, reads, doc, config });
  }
  return config;
}

/** The node's sysctl files: those named for it, and etc/sysctl.conf and etc/sysctl.d/*.conf of its tree. */
function readNodeSysctl(host: AnalysisState["host"], layout: NodeLayout, node: Node): void {
  const sysctlFiles = [...layout.sysctl];
  // (also directly in the node folder when the node has no /etc tree)
  const sysRoot = layout.etcRoot ? path.join(layout.etcRoot, "etc") : layout.dir;
  sysctlFiles.push(path.join(sysRoot, "sysctl.conf"), ...host.glob(path.join(sysRoot, "sysctl.d/*.conf")));
  let sysctl: Map<string, SysctlSetting> | undefined;
  for (const file of sysctlFiles) {
    const text = host.readFile(file);
    if (text === undefined) continue;
    sysctl = parseSysctl(file, text, sysctl);
    node.sysctlFiles.push(file);
  }
  if (sysctl) node.sysctl = sysctl;
}

/** One node of a cluster layout: its versions, its models, its sysctl settings and its addresses. */
function buildNode(store: ModelStore, layout: NodeLayout): Node {
  const { settings, byPath, host } = store.state;
  const versions = nodeVersions(settings, layout.name);
  const node: Node = {
    name: layout.name,
    dir: layout.dir,
    sysctlFiles: [],
    addresses: [...layout.addresses],
    keepalivedVersion: versions.keepalivedVersion,
    haproxyVersion: versions.haproxyVersion,
  };
  if (layout.keepalived) {
    const configId = byPath.get(layout.keepalived)?.configId ?? layout.name;
    const keepalived = keepalivedModel(store, layout.keepalived, layout, configId, versions.keepalivedVersion);
    if (keepalived) node.keepalived = keepalived;
  }
  if (layout.haproxy) {
    const haproxy = haproxyModel(store, layout.haproxy, versions.haproxyVersion);
    if (haproxy) node.haproxy = haproxy;
  }
  readNodeSysctl(host, layout, node);
  for (const inst of node.keepalived?.instances ?? []) {
    const source = inst.unicastSrcIp?.value;
    if (source && !node.addresses.includes(source)) node.addresses.push(source);
  }
  return node;
}

/** Phase "models": syntax trees and models of every file (reused from the cache when unchanged), nodes, clusters. */
function modelsPhase(state: AnalysisState): Models {
  const store = modelStore(state);
  const layouts = layoutFiles(
    [...state.byPath.values()].map((file) => ({ path: file.path, language: file.language })),
    state.request.manifest,
  );
  const nodesOf = (layout: ClusterLayout): Node[] => {
    const nodes = layout.nodes.map((nodeLayout) => buildNode(store, nodeLayout));
    resolveAddressConflicts(nodes);
    return nodes;
  };
  const clusters = buildClusters(layouts, nodesOf);
  state.request.cache?.retain(store.usedHaproxy, store.usedKeepalived);
  return { keepalivedDocs: store.keepalivedDocs, haproxyDocs: store.haproxyDocs, clusters };
}

/**
 * Phase "simulation": the failover simulation of every virtual router of every cluster, computed once and shared by
 * every rule, the editor features and the lab (RouterSimulation.context is the one simulation context). With a
 * cache, a cluster whose nodes' models are the very ones of the previous analysis (no file of it changed) keeps its
 * previous cluster object and simulation.
 */
function simulationPhase(clusters: readonly Cluster[], cache: ParseCache | undefined): ClusterSimulation[] {
  if (!cache) return clusters.map(simulateCluster);
  const kept = new Map<string, CachedSimulation>();
  const out = clusters.map((cluster) => {
    const fingerprint = clusterFingerprint(cluster);
    const hit = cache.simulations.get(cluster.id);
    const simulation = hit && sameFingerprint(hit.fingerprint, fingerprint) ? hit.simulation : simulateCluster(cluster);
    kept.set(cluster.id, { fingerprint, simulation });
    return simulation;
  });
  cache.simulations = kept;
  return out;
}

/** What a cluster's simulation depends on: its nodes, their models (by identity: cached ones are reused), sysctl. */
function clusterFingerprint(cluster: Cluster): unknown[] {
  return cluster.nodes.flatMap((n) => [
    n.name,
    n.dir,
    n.keepalived,
    n.haproxy,
    n.keepalivedVersion,
    n.haproxyVersion,
    n.addresses.join(" "),
    n.sysctlFiles.join(" "),
    JSON.stringify(n.sysctl ? [...n.sysctl.entries()] : null),
  ]);
}

function sameFingerprint(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Phase "suppressions": `# ha-lint disable-...` comments drop findings; unused ones are reported (HL001). */
function suppressionsPhase(
  state: AnalysisState,
  input: AnalysisInput,
  findings: Finding[],
  rules: readonly Rule[],
): Finding[] {
  if (state.request.inlineConfig === false) return findings;
  const files = new Set<string>([...state.byPath.keys(), ...input.keepalived.flatMap((d) => d.files)]);
  const suppressions = [...files].flatMap((f) => {
    const text = state.textOf(f);
    return text === undefined ? [] : readSuppressions(f, text);
  });
  return applySuppressions(findings, suppressions, rules, state.request.ruleSettings);
}

/** Drop suppressed findings; report suppressions that suppress nothing (HL001) when that rule runs. */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  rules: readonly Rule[],
  settings: Readonly<Record<string, RuleSetting>> = {},
): Finding[] {
  const matches = (s: Suppression, f: Finding): boolean =>
    s.file === f.file &&
    s.rules.some((r) => r === f.rule || r === f.name) &&
    (s.kind === "file" || s.target === f.range.start.line);
  const used = new Set<Suppression>();
  const kept = findings.filter((f) => {
    const s = suppressions.find((x) => matches(x, f));
    if (s) used.add(s);
    return !s;
  });
  const unused = rules.find((r) => r.id === "HL001");
  if (!unused || settings.HL001 === "off") return kept;
  const ran = new Set(rules.flatMap((r) => [r.id, r.name]));
  const override = settings.HL001;
  const severity = override === "info" || override === "warning" || override === "error" ? override : unused.severity;
  for (const s of suppressions) {
    if (used.has(s)) continue;
    const unknownRules = s.rules.filter((r) => !ruleById(r));
    let message: string | undefined;
    if (unknownRules.length > 0)
      message = `unknown rule '${unknownRules[0]}' in this suppression comment (see 'ha-lint rules')`;
    else if (s.rules.some((r) => ran.has(r)))
      message = `this 'ha-lint disable-${s.kind}' comment for ${s.rules.join(", ")} suppresses nothing; remove it`;
    if (message) kept.push({ rule: unused.id, name: unused.name, severity, message, file: s.file, range: s.range });
  }
  return kept.sort(compareFindings);
}

const SYNTAX_RULES = new Set(["KA034", "HP023"]);

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

export function runRules(
  input: AnalysisInput,
  allOf: readonly Rule[],
  settings: Readonly<Record<string, RuleSetting>> = {},
): Pick<AnalysisResult, "findings" | "internalErrors"> {
  const rules = allOf.filter((r) => settings[r.id] !== "off");
  const broken = unreadableLines(input);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const internalErrors: AnalysisResult["internalErrors"] = [];
  for (const rule of rules) {
    const report = (r: Report): void => {
      const message = reportMessage(rule, r);
      // A file shared by several nodes is analysed once per node: report each finding once.
      const key = `${rule.id}\u0000${r.file}\u0000${r.range.start.line}:${r.range.start.character}\u0000${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      const override = settings[rule.id];
      const severity = override && override !== "off" ? override : (r.severity ?? rule.severity);
      const finding: Finding = { rule: rule.id, name: rule.name, severity, message, file: r.file, range: r.range };
      if ("messageId" in r) finding.messageId = r.messageId;
      if (r.related?.length) finding.related = r.related;
      if (r.tags?.length) finding.tags = r.tags;
      // A line the parser could not read whole (an unterminated quote, a bad escape) gets no fix from other rules:
      // text appended to it could land inside the broken word. The syntax rules' own fixes repair exactly that.
      const fixes = SYNTAX_RULES.has(rule.id)
        ? r.fixes
        : r.fixes?.filter((f) => !f.edits.some((e) => touches(broken, e.file, e.range)));
      if (fixes?.length) finding.fixes = fixes;
      findings.push(finding);
    };
    try {
      rule.check({ ...input, report });
    } catch (e) {
      internalErrors.push({ rule: rule.id, message: e instanceof Error ? e.message : String(e) });
    }
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
