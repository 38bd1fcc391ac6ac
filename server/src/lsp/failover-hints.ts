/**
 * Failover results where you type, read from the analysis's simulation (never recomputed here): an inlay hint after
 * each `priority` (every node's effective priority and the VIP holder), after each tracker's weight (what happens
 * on every node when that tracker fails on the VIP holder), and a code lens on each vrrp_instance counting the
 * failing scenarios of its virtual router.
 */
import type { Node, VrrpInstance } from "../model/index.js";
import { verdictLabel, type RouterSimulation, type ScenarioOutcome } from "../simulation.js";
import type { Position, Range } from "../syntax/source.js";
import { type KaStatement, walkStatements } from "../syntax/keepalived/index.js";
import type { WorkspaceAnalysis } from "./workspace-analysis.js";

export interface InlayHintEntry {
  position: Position;
  label: string;
  tooltip?: string;
}

export interface CodeLensEntry {
  range: Range;
  title: string;
  /** The vrrp_instance the lens is on (the command opens the matrix of the file's clusters). */
  instance: string;
}

interface InstanceRouter {
  node: Node;
  instance: VrrpInstance;
  router: RouterSimulation;
}

/** The routers of the instances the file defines, for the node(s) that read it. */
function instanceRouters(analysis: WorkspaceAnalysis, file: string): InstanceRouter[] {
  const out: InstanceRouter[] = [];
  for (const cs of analysis.result.input.simulations) {
    for (const router of cs.routers) {
      for (const m of router.router.members) {
        if (m.instance.location.file === file) out.push({ node: m.node, instance: m.instance, router });
      }
    }
  }
  return out;
}

const holdersText = (holders: readonly string[]): string => (holders.length === 0 ? "nobody" : holders.join("+"));

function prioritiesText(router: RouterSimulation, outcome: ScenarioOutcome, before?: ScenarioOutcome): string {
  return router.router.members
    .map(({ node }) => {
      const now = outcome.priorities[node.name];
      const state = outcome.states[node.name];
      const shown = now === null || now === undefined ? (state ?? "-") : String(now);
      const was = before?.priorities[node.name];
      return was !== undefined && was !== null && was !== now
        ? `${node.name} ${was}→${shown}`
        : `${node.name} ${shown}`;
    })
    .join(" · ");
}

/** What a scenario means in a few words: the VIP moves, stays, is lost or split. */
function outcomeText(baseline: ScenarioOutcome, outcome: ScenarioOutcome): string {
  if (outcome.verdict === "ok") {
    const moved = holdersText(outcome.holders) !== holdersText(baseline.holders);
    return moved ? `VIP → ${holdersText(outcome.holders)}` : "VIP stays";
  }
  return verdictLabel(outcome.verdict).toLowerCase();
}

function priorityHint(entry: InstanceRouter, statement: KaStatement): InlayHintEntry {
  const { router } = entry;
  const baseline = router.baseline;
  return {
    position: statement.range.end,
    label: ` ${prioritiesText(router, baseline)} · VIP on ${holdersText(baseline.holders)}`,
    tooltip: `Effective priorities in normal operation (${router.router.name}); the failover matrix has every scenario.`,
  };
}

/** The scenario where `script` fails on the baseline holder (else on the node of this file). */
function trackerFailure(entry: InstanceRouter, script: string): ScenarioOutcome | undefined {
  const { router, node } = entry;
  const onNode = (name: string): ScenarioOutcome | undefined =>
    router.failures.find((s) => s.id === `${name}:script:${script}`);
  for (const holder of router.baseline.holders) {
    const found = onNode(holder);
    if (found) return found;
  }
  return onNode(node.name);
}

function weightHint(entries: readonly InstanceRouter[], script: string, at: Position): InlayHintEntry[] {
  const out: InlayHintEntry[] = [];
  for (const entry of entries) {
    if (!entry.instance.trackScripts.some((t) => t.name === script)) continue;
    const failure = trackerFailure(entry, script);
    if (!failure) continue;
    const where = failure.faults[0]?.node ?? entry.node.name;
    // Kept short: VS Code cuts inlay hints after editor.inlayHints.maximumLength (43) characters. The node whose
    // priority moves is the one where the tracker fails; the tooltip says it in words.
    const scene = `When ${script} fails on ${where}`;
    out.push({
      position: at,
      label:
        ` ${prioritiesText(entry.router, failure, entry.router.baseline)} · ` +
        `${outcomeText(entry.router.baseline, failure)}`,
      tooltip: `${scene} (${entry.router.router.name}): ${failure.note ?? `scenario ${failure.id}`}`,
    });
  }
  return out;
}

/** Inlay hints for the keepalived file: after `priority`, after vrrp_script weights and track_script weights. */
export function failoverInlayHints(analysis: WorkspaceAnalysis, file: string, range?: Range): InlayHintEntry[] {
  const doc = analysis.result.input.keepalived.find((d) => d.files.includes(file));
  if (!doc) return [];
  const entries = instanceRouters(analysis, file);
  if (entries.length === 0) return [];
  const inRange = (p: Position): boolean => !range || (p.line >= range.start.line && p.line <= range.end.line);
  const out: InlayHintEntry[] = [];
  const seen = new Set<string>();
  for (const { statement, parents } of walkStatements(doc.statements)) {
    if (statement.file !== file || !inRange(statement.range.end)) continue;
    const parent = parents[parents.length - 1];
    const keyword = statement.keyword.value;
    if (keyword === "priority" && parent?.keyword.value === "vrrp_instance") {
      const entry = entries.find((e) => e.instance.name === parent.args[0]?.value);
      if (entry) out.push(priorityHint(entry, statement));
    } else if (keyword === "weight" && parent?.keyword.value === "vrrp_script") {
      out.push(...weightHint(entries, parent.args[0]?.value ?? "", statement.range.end));
    } else if (parent?.keyword.value === "track_script" && statement.args.some((a) => a.value === "weight")) {
      const instance = parents.find((p) => p.keyword.value === "vrrp_instance")?.args[0]?.value;
      const own = entries.filter((e) => e.instance.name === instance);
      out.push(...weightHint(own, keyword, statement.range.end));
    }
  }
  // One hint per place and text (a file read for two nodes names both anyway).
  return out.filter((h) => {
    const key = `${h.position.line}:${h.position.character}:${h.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Code lenses on each vrrp_instance of the file: how many of its router's scenarios fail. */
export function failoverCodeLenses(analysis: WorkspaceAnalysis, file: string): CodeLensEntry[] {
  const out: CodeLensEntry[] = [];
  const seen = new Set<string>();
  for (const { instance, router } of instanceRouters(analysis, file)) {
    if (seen.has(instance.name)) continue;
    seen.add(instance.name);
    const scenarios = [router.baseline, ...router.failures, ...router.recoveries];
    const failing = scenarios.filter((s) => s.verdict !== "ok").length;
    const title =
      router.router.members.length < 2
        ? `failover: ${instance.name} has no peer node here`
        : failing === 0
          ? `failover: all ${scenarios.length} scenarios OK`
          : `failover: ${failing} of ${scenarios.length} scenarios fail`;
    out.push({ range: instance.nameLocation.range, title, instance: instance.name });
  }
  return out;
}
