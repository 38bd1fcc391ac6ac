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
import { sameAddress } from "./model/ip-address.js";
import { resolveAddressConflicts } from "./model/node-addresses.js";
import { parseSysctl } from "./model/sysctl.js";
import { nodeReferencedFiles } from "./model/referenced-files.js";
import type { Cluster, HaproxyConfig, HostFacts, KeepalivedConfig, Node, SysctlSetting } from "./model/types.js";
import { allRules, ruleById } from "./rules/index.js";
import { defaultSettings, nodeVersions, type AnalysisInput, type AnalysisSettings } from "./rules/context.js";
import type { Finding } from "./rules/finding.js";
import { reportData, reportMessage, type Report, type Rule } from "./rules/rule.js";
import {
  compareFindings,
  nodeFingerprint,
  runRules,
  type RuleRunCache,
  type RuleRunListener,
} from "./analyze-rules.js";
import { haproxyKeywords, type HaproxyKeywords } from "./schema/haproxy-keywords.js";
import { keepalivedKeywords, type KeepalivedKeywords } from "./schema/keepalived-keywords.js";
import { simulateCluster } from "./simulate/cluster-simulation.js";
import type { ClusterSimulation } from "./simulate/scenarios.js";
import { parseHaproxy } from "./syntax/haproxy/parse.js";
import type { HaproxyDocument } from "./syntax/haproxy/tree.js";
import { noIncludes, parseKeepalived, type SourceHost } from "./syntax/keepalived/parse.js";
import { readSuppressions, type Suppression } from "./syntax/suppressions.js";
import type { KeepalivedDocument } from "./syntax/keepalived/tree.js";
import type { RenderedOrigin } from "./syntax/rendered-origin.js";
import type { Rendering } from "./syntax/template.js";
import { moveRenderedFindings } from "./rules/rendered-findings.js";

export interface InputFile {
  path: string;
  text: string;
  /** Forced language; detected from the name, then the content, when absent. */
  language?: Language;
  /** keepalived config-id for `@ID` lines; by default the name of the node the file belongs to. */
  configId?: string;
  /**
   * The text was rendered from another file (syntax/rendered-origin.ts): findings on this path move there at the end
   * of the analysis. The path is then a virtual one, unique per node.
   */
  origin?: RenderedOrigin;
  /** A placeholder template rendered for a node (.ha-lint.yaml `template:`): what HA026/HA027 read. */
  rendering?: Rendering;
  /**
   * For a haproxy.cfg HAProxy loads together with other files (a conf.d tree beside it): every file it loads, in
   * its order, this one first. The others are read through the host.
   */
  haproxyFiles?: string[];
}

export interface AnalyzeRequest {
  files: readonly InputFile[];
  host?: SourceHost;
  settings?: Partial<AnalysisSettings>;
  /** Rules to run; all of them by default. */
  rules?: readonly Rule[];
  /** Explicit clusters (.ha-lint.yaml), with paths already absolute. */
  manifest?: Manifest;
  /**
   * Facts about each node's host (host name, interfaces, firewall, network manager, containers), read by the caller
   * from files of the node's tree (server/src/workspace/host-facts/); none when absent.
   */
  hostFacts?: (node: NodeLayout) => HostFacts | undefined;
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
  /** Told each rule run (rule id, part of the analysis): the cache tests count them. */
  onRuleRun?: RuleRunListener;
}

interface CachedSimulation {
  fingerprint: unknown[];
  simulation: ClusterSimulation;
}

interface CachedHaproxy {
  /** The text of every file of the configuration, in load order. */
  texts: string[];
  docs: HaproxyDocument[];
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
  /** Rule results by haproxy.cfg file and by cluster (analyze-rules.ts), with what they were computed from. */
  readonly rules: RuleRunCache = new Map();

  clear(): void {
    this.haproxy.clear();
    this.keepalived.clear();
    this.simulations.clear();
    this.rules.clear();
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
    renderings: request.files.flatMap((f) => (f.rendering ? [f.rendering] : [])),
  };
  const rules = request.rules ?? allRules;
  const ran = timed("rules", () =>
    runRules(input, rules, {
      settings: request.ruleSettings,
      cache: request.cache?.rules,
      onRuleRun: request.onRuleRun,
    }),
  );
  const suppressed = timed("suppressions", () => suppressionsPhase(state, input, ran.findings, rules));
  const origins = new Map(request.files.flatMap((f) => (f.origin ? [[f.path, f.origin] as const] : [])));
  const findings = origins.size > 0 ? moveRenderedFindings(suppressed, origins).sort(compareFindings) : suppressed;
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

/** What the models phase keeps while it reads the nodes: trees and models by key, the cache entries it used. */
interface ModelReading {
  state: AnalysisState;
  keepalivedDocs: Map<string, KeepalivedDocument>;
  keepalivedConfigs: Map<string, KeepalivedConfig>;
  haproxyDocs: Map<string, HaproxyDocument>;
  haproxyConfigs: Map<string, HaproxyConfig>;
  usedHaproxy: Set<string>;
  usedKeepalived: Set<string>;
}

/** Phase "models": syntax trees and models of every file (reused from the cache when unchanged), nodes, clusters. */
function modelsPhase(state: AnalysisState): Models {
  const reading: ModelReading = {
    state,
    keepalivedDocs: new Map(),
    keepalivedConfigs: new Map(),
    haproxyDocs: new Map(),
    haproxyConfigs: new Map(),
    usedHaproxy: new Set(),
    usedKeepalived: new Set(),
  };
  const layouts = layoutFiles(
    [...state.byPath.values()].map((file) => ({
      path: file.path,
      language: file.language,
      ...(file.haproxyFiles ? { haproxyFiles: file.haproxyFiles } : {}),
    })),
    state.request.manifest,
  );
  const nodesOf = (layout: ClusterLayout): Node[] => {
    const nodes = layout.nodes.map((nodeLayout) => buildNode(reading, nodeLayout));
    resolveAddressConflicts(nodes);
    return nodes;
  };
  const clusters = buildClusters(layouts, nodesOf);
  state.request.cache?.retain(reading.usedHaproxy, reading.usedKeepalived);
  return { keepalivedDocs: reading.keepalivedDocs, haproxyDocs: reading.haproxyDocs, clusters };
}

/**
 * A node's HAProxy configuration: one file, or the files HAProxy loads in order (`-f a.cfg -f conf.d/`), read for
 * the node's version (a node may run another version than the cluster: settings.nodeVersions).
 */
function haproxyModel(
  reading: ModelReading,
  files: readonly string[],
  version = reading.state.settings.haproxyVersion,
): HaproxyConfig | undefined {
  const { settings, textOf } = reading.state;
  const clusterKeywords = reading.state.haproxyKeywords;
  const cache = reading.state.request.cache;
  const nodeKeywords = version === settings.haproxyVersion ? clusterKeywords : haproxyKeywords(version);
  const joined = files.join("\u0000");
  // HAProxy's own variables follow the full version (parse option haproxyVersion), the tables its minor.
  const key = version === settings.haproxyVersion ? joined : `${joined}\u0000${version}`;
  const known = reading.haproxyConfigs.get(key);
  if (known) return known;
  // A file of the list that cannot be read is left out (the first one is the configuration itself).
  const present = files.flatMap((file) => {
    const text = textOf(file);
    return text === undefined ? [] : [{ file, text }];
  });
  if (present[0]?.file !== files[0]) return undefined;
  const texts = present.map((entry) => entry.text);
  const cacheKey = cache ? `${key}\u0000${version}\u0000${JSON.stringify(settings.env ?? null)}` : "";
  const hit = cache?.haproxy.get(cacheKey);
  if (hit && hit.texts.length === texts.length && hit.texts.every((text, index) => text === texts[index])) {
    reading.usedHaproxy.add(cacheKey);
    hit.docs.forEach((doc, index) => reading.haproxyDocs.set(index === 0 ? key : `${key}\u0000${doc.file}`, doc));
    reading.haproxyConfigs.set(key, hit.config);
    return hit.config;
  }
  const docs = present.map(({ file, text }) =>
    parseHaproxy(file, text, {
      version: nodeKeywords.version,
      sectionKeywords: nodeKeywords.sectionNames,
      env: settings.env,
      haproxyVersion: version,
    }),
  );
  docs.forEach((doc, index) => reading.haproxyDocs.set(index === 0 ? key : `${key}\u0000${doc.file}`, doc));
  const config = buildHaproxyConfig(docs, nodeKeywords.version);
  reading.haproxyConfigs.set(key, config);
  if (cache) {
    reading.usedHaproxy.add(cacheKey);
    cache.haproxy.set(cacheKey, { texts, docs, config });
  }
  return config;
}

/** A node's keepalived configuration, read for the node's version, with the scripts it names read from its tree. */
function keepalivedModel(
  reading: ModelReading,
  file: string,
  layout: NodeLayout | undefined,
  configId: string | undefined,
  version: string = reading.state.settings.keepalivedVersion,
): KeepalivedConfig | undefined {
  const { host, textOf } = reading.state;
  const cache = reading.state.request.cache;
  const key = `${file}\u0000${configId ?? ""}\u0000${version}`;
  const known = reading.keepalivedConfigs.get(key);
  if (known) return known;
  const text = textOf(file);
  if (text === undefined) return undefined;
  const cacheKey = cache
    ? `${key}\u0000${version}\u0000${layout ? JSON.stringify([layout.dir, layout.etcRoot ?? ""]) : ""}`
    : "";
  const cacheable = cache !== undefined && !text.includes("include");
  const hit = cacheable ? cache.keepalived.get(cacheKey) : undefined;
  if (hit && hit.text === text && hit.reads.every(([readPath, readText]) => host.readFile(readPath) === readText)) {
    reading.usedKeepalived.add(cacheKey);
    reading.keepalivedDocs.set(key, hit.doc);
    reading.keepalivedConfigs.set(key, hit.config);
    return hit.config;
  }
  const doc = parseKeepalived(file, text, host, { configId, version: version });
  reading.keepalivedDocs.set(key, doc);
  const reads: [string, string | undefined][] = [];
  const readScript = (written: string): { path: string; text: string } | undefined => {
    if (!layout) return undefined;
    for (const candidate of nodePathCandidates(layout, written)) {
      const candidateText = candidate === file ? undefined : host.readFile(candidate);
      if (candidate !== file) reads.push([candidate, candidateText]);
      if (candidateText !== undefined) return { path: candidate, text: candidateText };
    }
    return undefined;
  };
  const config = buildKeepalivedConfig(doc, readScript, version);
  reading.keepalivedConfigs.set(key, config);
  if (cacheable && doc.files.length === 1) {
    reading.usedKeepalived.add(cacheKey);
    cache.keepalived.set(cacheKey, { text, reads, doc, config });
  }
  return config;
}

/** One node of a cluster: its versions, keepalived and HAProxy models, sysctl, referenced files, host facts. */
function buildNode(reading: ModelReading, layout: NodeLayout): Node {
  const { settings, host, byPath } = reading.state;
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
    const keepalived = keepalivedModel(reading, layout.keepalived, layout, configId, versions.keepalivedVersion);
    if (keepalived) node.keepalived = keepalived;
  }
  if (layout.haproxy) {
    const haproxy = haproxyModel(reading, layout.haproxyFiles ?? [layout.haproxy], versions.haproxyVersion);
    if (haproxy) node.haproxy = haproxy;
  }
  readNodeSysctl(host, layout, node);
  if (layout.etcRoot && host.fileFact) {
    const fileFact = host.fileFact.bind(host);
    node.referencedFiles = nodeReferencedFiles(node, layout.etcRoot, fileFact);
  }
  const facts = reading.state.request.hostFacts?.(layout);
  if (facts) node.hostFacts = facts;
  // The host's own addresses (`ip -j addr`) belong to the node, as the manifest's do.
  for (const hostInterface of facts?.interfaces ?? [])
    for (const address of hostInterface.addresses) if (!node.addresses.includes(address)) node.addresses.push(address);
  const declaredBy = [
    ...(layout.addresses.length ? [".ha-lint.yaml addresses"] : []),
    ...(facts?.interfaces?.length ? ["ip -j addr"] : []),
  ];
  markSourcesNotDeclared(node, declaredBy.join(" and "));
  for (const instance of node.keepalived?.instances ?? []) {
    const source = instance.unicastSrcIp?.value;
    if (source && !instance.unicastSrcConflict && !node.addresses.includes(source)) node.addresses.push(source);
  }
  return node;
}

/**
 * Where the node's addresses are declared (the manifest's `addresses`, the host's `ip -j addr`), a unicast_src_ip
 * outside them is not the node's: keepalived cannot bind it (before 2.3.3) or binds it with IP_FREEBIND.
 */
function markSourcesNotDeclared(node: Node, declaredBy: string): void {
  if (node.addresses.length === 0) return;
  for (const instance of node.keepalived?.instances ?? []) {
    const source = instance.unicastSrcIp?.value;
    if (!source || node.addresses.some((address) => sameAddress(address, source))) continue;
    instance.unicastSrcConflict = `${source} is not among ${node.name}'s addresses (${declaredBy})`;
    instance.unicastSrcUndeclared = declaredBy;
  }
}

/** The node's sysctl settings: the layout's files, then etc/sysctl.conf and etc/sysctl.d/*.conf of its tree. */
function readNodeSysctl(host: SourceHost, layout: NodeLayout, node: Node): void {
  const sysctlFiles = [...layout.sysctl];
  // sysctl files of the node's tree: etc/sysctl.conf and etc/sysctl.d/*.conf (also directly in the node folder).
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
  return cluster.nodes.flatMap(nodeFingerprint);
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
    const place = { file: s.file, range: s.range };
    let report: Report | undefined;
    if (unknownRules.length > 0) report = { ...place, messageId: "unknownRule", data: { rule: unknownRules[0] } };
    else if (s.rules.some((r) => ran.has(r)))
      report = { ...place, messageId: "suppressesNothing", data: { kind: s.kind, rules: s.rules.join(", ") } };
    if (report) {
      const message = reportMessage(unused, report);
      const data = reportData(report);
      kept.push({
        rule: unused.id,
        name: unused.name,
        severity,
        messageId: report.messageId,
        ...(data ? { data } : {}),
        message,
        ...place,
      });
    }
  }
  return kept.sort(compareFindings);
}

export { compareFindings };
