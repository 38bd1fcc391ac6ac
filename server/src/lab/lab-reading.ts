/**
 * What keepalived itself reads from each node's lab copy, and what the lab makes of it before any scenario runs:
 *  1. every node's keepalived starts once with its link down (it sends nothing, holds nothing) and `-d`; its dump of
 *     the configuration (keepalived-dump.ts) gives the instances, interfaces, source addresses, peers, VIPs, tracked
 *     scripts and timings as that binary reads them; then it is stopped;
 *  2. the node's lab addresses follow that reading: the addresses the cluster declares for the node, else the source
 *     addresses keepalived reads from unicast_src_ip / mcast_src_ip (plus the address a word keepalived cannot read
 *     starts with, which the lab's own reading guessed), else a fresh lab address; when they change, keepalived
 *     reads again;
 *  3. contradictions between the lab's setup and that reading are lab-setup problems (the cluster is not run);
 *  4. differences between the model and that reading are the model's (reading-differences.ts).
 */
import type { KeepalivedDump } from "./keepalived-dump.js";
import { logLines, parseDump } from "./keepalived-dump.js";
import type { LabClusterPlan, LabNodePlan } from "./lab-config.js";
import { sleep, type ClusterLab, type NodeRuntime } from "./system.js";

export interface NodeReading {
  node: string;
  /** keepalived's dump; undefined when it wrote none (it exited, or did not get that far in time). */
  dump?: KeepalivedDump;
  /** keepalived exited by itself while reading (a configuration it refuses). */
  exited: boolean;
  /** The lines of the read log that are not part of the dump (warnings, errors). */
  messages: string[];
}

/** Wait this long at most for a node's dump. */
const READ_LIMIT_MS = 20_000;

/**
 * Start every node's keepalived with its link down, wait for its dump (or its exit), stop it, and return what it read.
 */
export async function readConfigurations(lab: ClusterLab): Promise<Map<string, NodeReading>> {
  const from = new Map(lab.nodes.map((n) => [n.plan.key, lab.readLogSize(n)]));
  for (const n of lab.nodes) lab.start(n, true);
  const out = new Map<string, NodeReading>();
  await Promise.all(
    lab.nodes.map(async (n) => {
      const started = Date.now();
      let dump: KeepalivedDump | undefined;
      let lastSize = -1;
      let stableSince = Date.now();
      for (;;) {
        const text = lab.readLogSince(n, from.get(n.plan.key) ?? 0);
        dump = parseDump(text);
        if (text.length !== lastSize) {
          lastSize = text.length;
          stableSince = Date.now();
        }
        // The dump is written in one go and its last section is the interfaces: done once the log stops growing.
        if (dump?.complete && Date.now() - stableSince >= 300) break;
        if (!lab.isRunning(n) || Date.now() - started > READ_LIMIT_MS) break;
        await sleep(100);
      }
      const exited = !lab.isRunning(n);
      await lab.stop(n, "SIGTERM");
      const text = lab.readLogSince(n, from.get(n.plan.key) ?? 0);
      out.set(n.plan.key, {
        node: n.plan.node.name,
        ...(dump ? { dump: parseDump(text) ?? dump } : {}),
        exited,
        messages: nonDumpLines(text),
      });
    }),
  );
  return out;
}

/** Log lines outside the dump: what keepalived said about the configuration. */
function nonDumpLines(text: string): string[] {
  const out: string[] = [];
  let inDump = false;
  for (const line of logLines(text)) {
    if (/^------< .+ >------$/.test(line)) {
      inDump = true;
      continue;
    }
    if (inDump && /^ /.test(line)) continue;
    inDump = false;
    if (line.trim() && !line.startsWith("=== ha-lint lab:")) out.push(line.trim());
  }
  return out;
}

export interface AddressDecision {
  /** Lab addresses of the node's link, primary first. */
  addresses: string[];
  /** How they were chosen, for the report. */
  note?: string;
}

/** The node's lab addresses from the declared ones and keepalived's reading (see the file comment). */
export function decideAddresses(plan: LabNodePlan, reading: NodeReading | undefined): AddressDecision {
  if (plan.declaredAddresses.length > 0) return { addresses: [...plan.declaredAddresses] };
  const configured = [
    ...new Set(
      (reading?.dump?.instances ?? []).flatMap((i) => (i.sourceFromConfig && i.source !== undefined ? [i.source] : [])),
    ),
  ];
  const unread = plan.guessedAddresses.filter((a) => !configured.includes(a));
  const addresses = [...configured, ...unread];
  if (addresses.length === 0) return { addresses: [] };
  const note =
    unread.length > 0 && reading?.dump
      ? `keepalived does not read ${unread.join(", ")} as a source address; the lab gives the node the ` +
        `address${unread.length === 1 ? "" : "es"} the word${unread.length === 1 ? "" : "s"} ` +
        `start${unread.length === 1 ? "s" : ""} with`
      : undefined;
  return { addresses, ...(note ? { note } : {}) };
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export interface ClusterReading {
  readings: Map<string, NodeReading>;
  /** The lab's setup contradicts what keepalived reads: the cluster is not run. */
  problems: string[];
  notes: string[];
}

/**
 * Read every node's configuration with keepalived, give the nodes their addresses from that reading (reading again
 * when they change), and check the setup against the final reading.
 */
export async function readCluster(lab: ClusterLab, plan: LabClusterPlan): Promise<ClusterReading> {
  const notes: string[] = [];
  const initial = (n: NodeRuntime): string[] => {
    const p = n.plan;
    if (p.declaredAddresses.length > 0) return p.declaredAddresses;
    if (p.guessedAddresses.length > 0) return p.guessedAddresses;
    return [plan.addresses.fresh()];
  };
  for (const n of lab.nodes) lab.setLinkAddresses(n, initial(n));
  let readings = await readConfigurations(lab);
  let changed = false;
  for (const n of lab.nodes) {
    const d = decideAddresses(n.plan, readings.get(n.plan.key));
    if (d.note) notes.push(`${n.plan.node.name}: ${d.note}`);
    if (d.addresses.length > 0 && !sameList(d.addresses, n.plan.linkAddresses)) {
      lab.setLinkAddresses(n, d.addresses);
      changed = true;
    }
  }
  if (changed) readings = await readConfigurations(lab);
  const problems = setupProblems(lab, readings);
  for (const n of lab.nodes) {
    const r = readings.get(n.plan.key);
    for (const inst of r?.dump?.instances ?? []) {
      if (inst.source && inst.sourceFromConfig && !n.plan.linkAddresses.includes(inst.source))
        notes.push(
          `${n.plan.node.name}/${inst.name}: keepalived sends from ${inst.source}, which the cluster does not declare ` +
            `as one of the node's addresses (${n.plan.linkAddresses.join(", ")}): it is not on the node in the lab`,
        );
      if (!inst.source) notes.push(`${n.plan.node.name}/${inst.name}: keepalived has no source address for it`);
    }
  }
  return { readings, problems, notes };
}

/** Contradictions between the lab's setup and keepalived's reading. */
function setupProblems(lab: ClusterLab, readings: Map<string, NodeReading>): string[] {
  const problems: string[] = [];
  for (const n of lab.nodes) {
    const name = n.plan.node.name;
    const r = readings.get(n.plan.key);
    if (!r?.dump) {
      const why = r?.messages.filter((m) => /error|invalid|unknown|not|cannot|fail/i.test(m)).slice(-3) ?? [];
      problems.push(
        `${name}: keepalived ${r?.exited ? "exited" : "wrote no dump of its configuration"} while reading the lab copy` +
          (why.length ? ` (${why.join("; ")})` : ""),
      );
      continue;
    }
    for (const inst of r.dump.instances) {
      if (inst.interface && ![n.plan.link, ...n.plan.dummies].includes(inst.interface))
        problems.push(
          `${name}/${inst.name}: keepalived uses interface ${inst.interface}, which the lab did not create`,
        );
      for (const script of n.plan.trackedScripts.get(inst.name) ?? []) {
        if (!n.plan.failFiles.has(script) || inst.trackedScripts.some((t) => t.name === script)) continue;
        // keepalived dropped a stub: a problem when the reason is the stub itself (its path or permissions).
        const reason = r.messages.find(
          (m) =>
            /Wrong file type|cannot be accessed|not executable|Cannot find script|Unable to access script|Permissions failure|insecure/i.test(
              m,
            ) &&
            (m.includes(script) || m.includes(lab.plan.shell)),
        );
        if (reason) problems.push(`${name}/${inst.name}: keepalived disabled the lab's stub for ${script}: ${reason}`);
      }
    }
  }
  // One address on two nodes of one link is no setup a cluster runs on.
  const owners = new Map<string, string[]>();
  for (const n of lab.nodes)
    for (const a of n.plan.linkAddresses) owners.set(a, [...(owners.get(a) ?? []), n.plan.node.name]);
  for (const [address, nodes] of owners)
    if (nodes.length > 1)
      problems.push(
        `${nodes.join(" and ")} would all have ${lab.plan.addresses.original(address) ?? address} (lab ${address}), ` +
          "as keepalived reads their source addresses: the lab cannot tell whose address it is; declare each node's " +
          "addresses (addresses: in .ha-lint.yaml)",
      );
  return problems;
}
