/**
 * The drives of the lab proofs (proofs.ts): each makes one failure happen on the real daemons and records what they
 * did against what the rule's message claims. VIPs, interfaces, priorities and script timings come from keepalived's
 * own reading (its dump), never from the model.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "../rules/finding.js";
import { planHaproxy } from "./haproxy-lab.js";
import type { DumpedInstance, DumpedVip } from "./keepalived-dump.js";
import type { ProofContext } from "./proofs.js";
import { sleep, type LabProcess, type NodeRuntime } from "./system.js";

/** The real script a KA080 proof runs on a node (set by proofs.ts when it plans the lab copy). */
export const realScripts = new WeakMap<NodeRuntime, { name: string; path: string; finding: Finding }>();

const IPV4 = /\b(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})\b/g;

const seconds = (ms: number): number => Math.round(ms / 10) / 100;

function instancesOf(ctx: ProofContext, runtime: NodeRuntime): DumpedInstance[] {
  return ctx.readings.get(runtime.plan.key)?.dump?.instances ?? [];
}

/** The VIPs keepalived will add on a node (its reading). */
function vipsOf(ctx: ProofContext, runtime: NodeRuntime): DumpedVip[] {
  return instancesOf(ctx, runtime).flatMap((i) => i.vips);
}

/** The nodes that hold one of the VIPs keepalived reads for them. */
function holders(ctx: ProofContext): string[] {
  return ctx.lab.nodes
    .filter((runtime) => {
      const have = ctx.lab.addresses(runtime);
      return vipsOf(ctx, runtime).some((v) => have.has(v.address));
    })
    .map((n) => n.plan.node.name)
    .sort();
}

/** Poll `test` every `stepMs` until it holds or `limitMs` passed; the milliseconds it took, or undefined. */
async function waitFor(test: () => boolean, limitMs: number, stepMs = 20): Promise<number | undefined> {
  const startedAt = Date.now();
  for (;;) {
    if (test()) return Date.now() - startedAt;
    if (Date.now() - startedAt >= limitMs) return undefined;
    await sleep(stepMs);
  }
}

function inNs(netns: string, command: string[], timeoutMs = 10_000): { code: number | null; out: string } {
  const run = spawnSync("ip", ["netns", "exec", netns, ...command], { encoding: "utf8", timeout: timeoutMs });
  return { code: run.status, out: `${run.stdout ?? ""}${run.stderr ?? ""}`.trim() };
}

/**
 * A ruleset's addresses mapped the way the lab maps the cluster's; every other address (224.0.0.18, an admin
 * network) stays as written: the map is only read here, never asked for a new lab address.
 */
function mapAddresses(ctx: ProofContext, text: string): string {
  const known = new Map(ctx.plan.addresses.entries());
  return text.replace(IPV4, (a) => known.get(a) ?? a);
}

/** Start every node's keepalived together; wait until some node holds a VIP and the holders stay put. */
async function boot(ctx: ProofContext): Promise<{ holders: string[]; ms: number }> {
  const startedAt = Date.now();
  for (const runtime of ctx.lab.nodes) ctx.lab.start(runtime);
  const limit = (ctx.timing.masterDown + ctx.timing.scriptDetect + 3) * 1000;
  await waitFor(() => holders(ctx).length > 0, limit, 50);
  let last = holders(ctx).join("+");
  await waitFor(
    () => {
      const now = holders(ctx).join("+");
      const same = now === last;
      last = now;
      return same;
    },
    ctx.timing.stable * 1000,
    200,
  );
  return { holders: holders(ctx), ms: Date.now() - startedAt };
}

// ---------------------------------------------------------------- HA037: a firewall drops the adverts

/**
 * Every node's own ruleset (the files the model read as host facts, addresses mapped) is loaded with `nft -f` into
 * its namespace before keepalived starts. The rule claims the node never hears the master, becomes MASTER after
 * master_down_interval and holds the VIP while the master keeps it. The control: with the node's ruleset flushed it
 * must hear the master again and give the VIP back.
 */
export async function proveAdvertsBlocked(ctx: ProofContext): Promise<void> {
  const { lab, result, node } = ctx;
  result.claim = `${result.node} never hears the master's adverts and takes the VIP too (both nodes hold it)`;
  for (const runtime of lab.nodes) {
    for (const ruleset of runtime.plan.node.hostFacts?.firewalls ?? []) {
      const text = ctx.options.readFile(ruleset.file);
      if (ruleset.format !== "nftables" || text === undefined) {
        result.notes.push(`${runtime.plan.node.name}: ${ruleset.file} (${ruleset.format}) not loaded`);
        continue;
      }
      const file = join(runtime.dir, "nftables.conf");
      writeFileSync(file, mapAddresses(ctx, text));
      const loaded = inNs(runtime.ns, ["nft", "-f", file]);
      if (loaded.code !== 0) {
        result.setupProblems.push(`${runtime.plan.node.name}: nft -f ${ruleset.file} failed: ${loaded.out}`);
        return;
      }
      result.notes.push(`${runtime.plan.node.name}: ${ruleset.file} loaded into its namespace`);
    }
  }
  if (!(node.plan.node.hostFacts?.firewalls ?? []).some((r) => r.format === "nftables")) {
    result.setupProblems.push(`${result.node}: no nftables ruleset to load`);
    return;
  }
  const startedAt = Date.now();
  for (const runtime of lab.nodes) lab.start(runtime);
  const limit = (ctx.timing.masterDown + ctx.timing.scriptDetect + 3) * 1000;
  const others = lab.nodes.filter((n) => n !== node).map((n) => n.plan.node.name);
  const nodeTook = await waitFor(() => holders(ctx).includes(result.node), limit);
  if (nodeTook !== undefined) result.measured.takeoverSeconds = seconds(Date.now() - startedAt);
  await waitFor(() => others.some((o) => holders(ctx).includes(o)), 2000);
  // Stays so for another master-down interval (no late advert gets through).
  await sleep(ctx.timing.masterDown * 1000);
  const both = holders(ctx);
  result.measured.holders = both.join("+") || "nobody";
  result.measured.droppedPackets = dropCounters(node.ns);
  // master_down_interval as keepalived reads the node: 3 * advert_int + skew ((256 - priority) / 256 s).
  const inst = instancesOf(ctx, node).find((i) => i.vips.length > 0);
  if (inst?.advertInt !== undefined && inst.priority !== undefined)
    result.measured.masterDownSeconds = Math.round((3 * inst.advertInt + (256 - inst.priority) / 256) * 1000) / 1000;
  // The control: the same daemons with the node's ruleset flushed.
  inNs(node.ns, ["nft", "flush", "ruleset"]);
  const tFlush = Date.now();
  const gaveBack = await waitFor(() => !holders(ctx).includes(result.node), (3 * ctx.timing.advert + 2) * 1000);
  if (gaveBack !== undefined) result.measured.releaseAfterFlushSeconds = seconds(Date.now() - tFlush);
  const claimHolds = both.includes(result.node) && others.some((o) => both.includes(o));
  result.observed =
    `holders ${result.measured.holders}` +
    (nodeTook !== undefined
      ? `, ${result.node} took the VIP ${result.measured.takeoverSeconds} s after the start`
      : "") +
    (gaveBack !== undefined
      ? `; with its ruleset flushed it gave the VIP back after ${result.measured.releaseAfterFlushSeconds} s`
      : "; with its ruleset flushed it kept the VIP");
  result.agree = claimHolds && gaveBack !== undefined ? "yes" : "no";
}

/** Packets the node's nftables counters counted (the ruleset's `counter drop`). */
function dropCounters(netns: string): number {
  const listed = inNs(netns, ["nft", "list", "ruleset"]).out;
  return [...listed.matchAll(/counter packets (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

// ---------------------------------------------------------------- HA039: the VIP removed from its interface

/**
 * The node of the finding holds the VIP (the other nodes' keepalived stopped when it does not at start); then the
 * VIP is deleted from its interface, as networkd does when it configures the link. The rule claims keepalived leaves
 * MASTER and re-adds the VIP after its skew time ((256 - priority) / 256 s), an outage each time: the log must show
 * BACKUP then MASTER, and the VIP must be back before a whole master_down_interval would have passed.
 */
export async function proveVipRemoved(ctx: ProofContext): Promise<void> {
  const { lab, result, node } = ctx;
  result.claim = `${result.node} leaves MASTER and re-adds the VIP after its skew time (an outage)`;
  const start = await boot(ctx);
  if (!start.holders.includes(result.node)) {
    for (const runtime of lab.nodes) if (runtime !== node) await lab.stop(runtime, "SIGTERM");
    const took = await waitFor(() => holders(ctx).includes(result.node), (ctx.timing.masterDown + 2) * 1000);
    if (took === undefined) {
      result.setupProblems.push(`${result.node} did not take the VIP with the other nodes stopped`);
      return;
    }
    result.notes.push(`the other nodes' keepalived stopped so that ${result.node} holds the VIP`);
    await sleep(1000);
  }
  const inst = instancesOf(ctx, node).find((i) => i.vips.length > 0);
  const vip = inst?.vips[0];
  const dev = vip?.dev ?? inst?.interface;
  if (!inst || !vip || !dev || inst.priority === undefined) {
    result.setupProblems.push(`${result.node}: keepalived reads no VIP with an interface`);
    return;
  }
  const skew = (256 - inst.priority) / 256;
  result.measured.skewSeconds = Math.round(skew * 1000) / 1000;
  const from = lab.logSize(node);
  const startedAt = Date.now();
  const del = inNs(node.ns, ["ip", "addr", "del", `${vip.address}/${vip.prefix}`, "dev", dev]);
  if (del.code !== 0) {
    result.setupProblems.push(`ip addr del ${vip.address}/${vip.prefix} dev ${dev}: ${del.out}`);
    return;
  }
  const back = await waitFor(() => ctx.lab.addresses(node).has(vip.address), (ctx.timing.masterDown + 2) * 1000, 5);
  if (back !== undefined) result.measured.readdSeconds = seconds(Date.now() - startedAt);
  await sleep(300);
  const log = lab.logSince(node, from);
  const name = inst.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const leftMaster = new RegExp(`\\(${name}\\) Entering BACKUP STATE`).test(log);
  const master = log.search(new RegExp(`\\(${name}\\) Entering MASTER STATE`));
  const backup = log.search(new RegExp(`\\(${name}\\) Entering BACKUP STATE`));
  result.measured.logLines = log
    .split("\n")
    .filter((l) => l.includes(`(${inst.name})`))
    .map((l) => l.replace(/^.*?\(/, "("))
    .slice(0, 6)
    .join(" | ");
  // After its skew time, not after a whole master_down_interval (3 * advert_int + skew): the figure is reported, and
  // only that distinction is judged (a loaded machine adds tenths of a second).
  const masterDown = 3 * (inst.advertInt ?? 1) + skew;
  result.measured.masterDownSeconds = Math.round(masterDown * 1000) / 1000;
  const inSkew = back !== undefined && back / 1000 < masterDown;
  result.observed =
    (leftMaster ? `${result.node} left MASTER` : `${result.node} did not leave MASTER`) +
    (back !== undefined
      ? ` and the VIP came back after ${result.measured.readdSeconds} s (skew time ${result.measured.skewSeconds} s)`
      : " and the VIP did not come back");
  result.agree = leftMaster && backup >= 0 && master > backup && inSkew ? "yes" : "no";
}

// ---------------------------------------------------------------- KA080: a check script that never fails

interface ScriptRun {
  code: number | null;
  out: string;
}

/** Run the node's real script by hand, where keepalived runs it (inside the root for a root's keepalived). */
function runScript(ctx: ProofContext, runtime: NodeRuntime, path: string): ScriptRun {
  const root = ctx.options.keepalived.root;
  const command = root
    ? ["/bin/sh", "-c", 'mount --bind "$2" "$1$2" && exec chroot "$1" "$3"', "sh", root, ctx.lab.options.dir, path]
    : [path];
  return inNs(runtime.ns, command, 15_000);
}

/** Each node's real HAProxy on its lab haproxy.cfg (the address map of keepalived's copy), with its net.* sysctls. */
async function startHaproxy(ctx: ProofContext): Promise<Map<NodeRuntime, LabProcess>> {
  const out = new Map<NodeRuntime, LabProcess>();
  for (const runtime of ctx.lab.nodes) {
    const plan = planHaproxy(runtime.plan.node, ctx.plan.addresses, () => []);
    if (!plan) continue;
    for (const [key, setting] of runtime.plan.node.sysctl ?? [])
      if (key.startsWith("net.")) ctx.lab.sysctl(runtime.ns, key, setting.value);
    const cfg = join(runtime.dir, "haproxy.cfg");
    writeFileSync(cfg, plan.config);
    ctx.result.notes.push(...plan.notes.map((x) => `${runtime.plan.node.name}: ${x}`));
    const proc = ctx.lab.spawnIn(runtime.ns, ["haproxy", "-f", cfg, "-db"], join(runtime.dir, "haproxy.log"));
    out.set(runtime, proc);
  }
  await sleep(1000);
  for (const [runtime, proc] of out)
    if (proc.exited)
      ctx.result.setupProblems.push(`${runtime.plan.node.name}: haproxy exited (code ${proc.code}) at start`);
  return out;
}

/**
 * Each node runs its real HAProxy and the real script of the finding; the holder's HAProxy is stopped (its PID, the
 * lab's `systemctl stop haproxy`). The rule claims the script still exits 0, so keepalived never marks it failed,
 * the priority does not drop and the VIP stays. The proof also checks that the script did see HAProxy go (its output
 * changed), so the exit status is the only thing that hides the failure.
 */
export async function proveCheckNeverFails(ctx: ProofContext, findings: readonly Finding[]): Promise<void> {
  const { lab, result } = ctx;
  const haproxy = await startHaproxy(ctx);
  if (result.setupProblems.length > 0) return;
  const start = await boot(ctx);
  const holderNode = lab.nodes.find((n) => start.holders.length === 1 && n.plan.node.name === start.holders[0]);
  const real = holderNode ? realScripts.get(holderNode) : undefined;
  const proc = holderNode ? haproxy.get(holderNode) : undefined;
  if (!holderNode || !real || !proc || !findings.includes(real.finding)) {
    result.setupProblems.push(`holders at start ${start.holders.join("+") || "nobody"}: no single holder to prove on`);
    return;
  }
  result.node = holderNode.plan.node.name;
  result.claim = `vrrp_script ${real.name} exits 0 with HAProxy stopped: no failure, no priority drop, the VIP stays`;
  const script = ctx.readings.get(holderNode.plan.key)?.dump?.scripts.find((s) => s.name === real.name);
  const healthy = runScript(ctx, holderNode, real.path);
  const from = lab.logSize(holderNode);
  await lab.stopProcess(proc);
  const down = runScript(ctx, holderNode, real.path);
  Object.assign(result.measured, {
    healthyExit: healthy.code ?? "signal",
    healthyOutput: healthy.out,
    downExit: down.code ?? "signal",
    downOutput: down.out,
  });
  if (healthy.out === down.out) {
    result.setupProblems.push(`${real.name} printed the same with HAProxy running and stopped ('${down.out}')`);
    return;
  }
  // Long enough for keepalived to count `fall` failures and for a backup with preemption to take over (its next
  // advert after the master's lower priority).
  const interval = script?.interval ?? 1;
  const waitS = interval * ((script?.fall ?? 1) + 1) + (script?.timeout ?? 0) + 2 * ctx.timing.advert;
  result.measured.watchedSeconds = waitS;
  await sleep(waitS * 1000);
  const log = lab.logSince(holderNode, from);
  const failed = new RegExp(`VRRP_Script\\(${real.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\) failed`).test(log);
  const after = holders(ctx);
  result.measured.holdersAfter = after.join("+") || "nobody";
  result.observed =
    `with HAProxy stopped ${real.name} printed '${down.out}' and exited ${down.code}; keepalived ` +
    `${failed ? "marked it failed" : "never marked it failed"}; VIP holders ${result.measured.holdersAfter}`;
  result.agree = down.code === 0 && !failed && after.join("+") === result.node ? "yes" : "no";
}
