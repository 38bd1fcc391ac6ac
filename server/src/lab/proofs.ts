/**
 * Lab proofs: failure modes that are runtime behaviour (a firewall dropping VRRP, a VIP deleted from its interface, a
 * check script that can never fail), played with the real keepalived daemons in network namespaces on the cluster's
 * own files. Each proof starts from a finding of its rule, takes the nodes' addresses, VIPs and scripts from
 * keepalived's own reading (lab-reading.ts), makes the failure happen, and compares what the daemons did with what
 * the rule's message claims. docs/lab.md, section "Proofs".
 */
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Finding } from "../rules/finding.js";
import type { ClusterSimulation } from "../simulation.js";
import type { KeepalivedBinary } from "./keepalived-binary.js";
import { planCluster, stubShell, type LabClusterPlan } from "./lab-config.js";
import { readCluster, type NodeReading } from "./lab-reading.js";
import { timingOf, type Timing } from "./lab-timing.js";
import { proveAdvertsBlocked, proveCheckNeverFails, proveVipRemoved, realScripts } from "./proof-drive.js";
import { ClusterLab, registerLabDir, releaseLabDir, removeTree, type NodeRuntime } from "./system.js";

/** The rules a proof exists for. */
export const PROOF_RULES = ["HA037", "HA039", "KA080"] as const;
export type ProofRule = (typeof PROOF_RULES)[number];

export interface ProofResult {
  rule: ProofRule;
  cluster: string;
  /** The node the finding is on. */
  node: string;
  /** What the rule's message says will happen, in short. */
  claim: string;
  /** What the daemons did. */
  observed: string;
  /** yes: the daemons did what the rule claims; no: they did not; setup: the lab could not set the proof up. */
  agree: "yes" | "no" | "setup";
  /** Figures measured (seconds, exit codes, outputs), by name. */
  measured: Record<string, number | string>;
  notes: string[];
  setupProblems: string[];
  namespaces: string[];
  /** The proof's lab folder (removed at the end, like its namespaces). */
  labDir: string;
  keepalivedVersion: string;
  seconds: number;
  error?: string;
  logs?: Record<string, string>;
}

export interface ProofOptions {
  keepalived: KeepalivedBinary;
  /** A file of the analysed tree (host facts such as the nftables ruleset are read from the cluster's own files). */
  readFile: (path: string) => string | undefined;
  displayId?: (id: string) => string;
  /** The lab folder is made under this one (default: the system's temporary folder). */
  tmp?: string;
}

/** What a proof has to work with: the running lab, keepalived's reading of every node, its timings. */
export interface ProofContext {
  sim: ClusterSimulation;
  finding: Finding;
  plan: LabClusterPlan;
  lab: ClusterLab;
  readings: ReadonlyMap<string, NodeReading>;
  timing: Timing;
  options: ProofOptions;
  result: ProofResult;
  /** The lab node the finding is on. */
  node: NodeRuntime;
}

let proofCounter = 0;

const nodeOfFinding = (sim: ClusterSimulation, f: Finding) =>
  sim.cluster.nodes.find((n) => n.keepalived?.file === f.file);

/** The proofs one cluster's findings call for: the first finding of each proof rule (every node for KA080). */
export function proofFindings(sim: ClusterSimulation, findings: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    if (!(PROOF_RULES as readonly string[]).includes(f.rule) || !nodeOfFinding(sim, f)) continue;
    if (f.rule !== "KA080" && out.some((x) => x.rule === f.rule)) continue;
    out.push(f);
  }
  return out;
}

/** Run every proof the cluster's findings call for, one after the other (each in namespaces of its own). */
export async function runProofs(
  sims: readonly ClusterSimulation[],
  findings: readonly Finding[],
  options: ProofOptions,
): Promise<ProofResult[]> {
  const out: ProofResult[] = [];
  for (const sim of sims) {
    const wanted = proofFindings(sim, findings);
    // KA080: the proof is on the node that holds the VIP (the first such finding the proof finds a holder for).
    const ka080 = wanted.filter((f) => f.rule === "KA080");
    for (const f of wanted.filter((x) => x.rule !== "KA080")) out.push(await runProof(sim, f, options));
    if (ka080.length > 0) out.push(await runProof(sim, ka080[0], options, ka080));
  }
  return out;
}

/** One proof: plan, namespaces, keepalived's reading, the drive, teardown (also on failure). */
export async function runProof(
  sim: ClusterSimulation,
  finding: Finding,
  options: ProofOptions,
  alternatives: readonly Finding[] = [finding],
): Promise<ProofResult> {
  const started = Date.now();
  const rule = finding.rule as ProofRule;
  const display = options.displayId ?? ((id: string) => id);
  const result: ProofResult = {
    rule,
    cluster: display(sim.cluster.id) || ".",
    node: nodeOfFinding(sim, finding)?.name ?? "?",
    claim: "",
    observed: "",
    agree: "setup",
    measured: {},
    notes: [],
    setupProblems: [],
    namespaces: [],
    labDir: "",
    keepalivedVersion: options.keepalived.version,
    seconds: 0,
  };
  const base = mkdtempSync(join(options.tmp ?? tmpdir(), "ha-lint-proof-"));
  registerLabDir(base);
  result.labDir = base;
  const dir = join(base, "c0");
  const plan = planCluster(sim.cluster, dir, { shell: stubShell(options.keepalived.root) });
  const lab = new ClusterLab(plan, {
    prefix: `hp-${process.pid}-${++proofCounter}`,
    dir,
    bridge: false,
    keepalived: options.keepalived,
  });
  try {
    lab.setup();
    result.namespaces = lab.namespaces();
    if (rule === "KA080") useRealScripts(plan, lab, alternatives, sim);
    const read = await readCluster(lab, plan);
    result.notes.push(...read.notes);
    if (read.problems.length > 0) {
      result.setupProblems.push(...read.problems);
      return result;
    }
    const ctx: ProofContext = {
      sim,
      finding,
      plan,
      lab,
      readings: read.readings,
      timing: timingOf([...read.readings.values()].flatMap((r) => (r.dump ? [r.dump] : []))),
      options,
      result,
      node: lab.node(result.node),
    };
    lab.linksUp();
    if (rule === "HA037") await proveAdvertsBlocked(ctx);
    else if (rule === "HA039") await proveVipRemoved(ctx);
    else await proveCheckNeverFails(ctx, alternatives);
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
  } finally {
    if (result.agree !== "yes" || result.error)
      result.logs = Object.fromEntries(lab.nodes.map((n) => [n.plan.node.name, lab.logTail(n, 60)]));
    await lab.stopAll().catch(() => undefined);
    await Promise.all(lab.processes.map((p) => lab.stopProcess(p).catch(() => undefined)));
    lab.teardownSync();
    removeTree(base);
    releaseLabDir(base);
    result.seconds = Math.round((Date.now() - started) / 100) / 10;
  }
  if (result.setupProblems.length > 0 || result.error) result.agree = "setup";
  return result;
}

/**
 * KA080: the scripts the findings name run for real (their own text, copied into the node's lab folder) in place of
 * the lab's stubs; every other script stays a stub that succeeds (a real check_haproxy_proc.sh would run
 * `systemctl restart haproxy` on the machine).
 */
function useRealScripts(
  plan: LabClusterPlan,
  lab: ClusterLab,
  findings: readonly Finding[],
  sim: ClusterSimulation,
): void {
  for (const f of findings) {
    const node = nodeOfFinding(sim, f);
    const script = [...(node?.keepalived?.scripts.values() ?? [])].find(
      (s) => s.command?.location.range.start.line === f.range.start.line,
    );
    const text = script?.command?.fileText;
    const runtime = node ? lab.node(node.name) : undefined;
    const fail = script ? runtime?.plan.failFiles.get(script.name) : undefined;
    if (!runtime || !script || text === undefined || fail === undefined) continue;
    const copy = join(runtime.dir, `real-${fail.replace(/^fail-/, "")}.sh`);
    writeFileSync(copy, text);
    chmodSync(copy, 0o755);
    const stub = new RegExp(`script "[^"\\n]* -c 'test ! -e [^'\\n]*/${fail}'"`);
    if (!stub.test(runtime.plan.config)) throw new Error(`no stub of ${script.name} in ${node?.name}'s lab copy`);
    runtime.plan.config = runtime.plan.config.replace(stub, `script "${copy}"`);
    writeFileSync(runtime.conf, runtime.plan.config);
    realScripts.set(runtime, { name: script.name, path: copy, finding: f });
  }
  void plan;
}

/** The proofs as text: one block per proof, the figures measured, and why a proof could not be set up. */
export function proofText(results: readonly ProofResult[]): string {
  if (results.length === 0) return "no finding of HA037, HA039 or KA080: no proof to run\n";
  const lines: string[] = [];
  for (const r of results) {
    const verdict = r.agree === "yes" ? "AGREES" : r.agree === "no" ? "DISAGREES" : "NOT SET UP";
    lines.push(`${r.rule} ${r.cluster} ${r.node} (keepalived ${r.keepalivedVersion}, ${r.seconds}s): ${verdict}`);
    if (r.claim) lines.push(`  claim:    ${r.claim}`);
    if (r.observed) lines.push(`  observed: ${r.observed}`);
    for (const [k, v] of Object.entries(r.measured)) lines.push(`  ${k}: ${v}`);
    for (const p of r.setupProblems) lines.push(`  setup problem: ${p}`);
    if (r.error) lines.push(`  error: ${r.error}`);
    for (const n of r.notes) lines.push(`  note: ${n}`);
  }
  const no = results.filter((r) => r.agree === "no").length;
  lines.push(`${results.length} proofs, ${results.filter((r) => r.agree === "yes").length} agree, ${no} disagree`);
  return `${lines.join("\n")}\n`;
}
