/**
 * Lab proof of HA040 (stale-arp-after-split-brain) with the real keepalived of each version, in network namespaces the
 * test creates: two nodes and a client on one bridge (192.0.2.0/24, VIP 192.0.2.100). lb02 stops hearing lb01's
 * adverts (an nftables drop in lb02's namespace), becomes MASTER and announces the VIP with its MAC; then the drop
 * goes. lb01 stayed MASTER all along. Where HA040 reports lb01, the client must still hold lb02's MAC for the VIP once
 * the split has healed; where it does not, lb01's GARPs must have brought the client back to lb01.
 * Runs only as root with keepalived, ip and nft; HA_LINT_LAB=0 skips it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { findKeepalived, which, type KeepalivedBinary } from "../../server/src/lab/keepalived-binary.js";
import { analyzeFiles } from "../support/cluster-builder.js";

const canRun =
  process.env.HA_LINT_LAB !== "0" &&
  process.platform === "linux" &&
  process.getuid?.() === 0 &&
  [which("keepalived"), which("ip"), which("nft")].every(Boolean);
const versions = canRun ? ["2.2.7", "2.3.4"].filter((v) => findKeepalived(v) !== undefined) : [];

type Mode = "default" | "strict";
const NODES = ["lb01", "lb02"] as const;
const PRIORITY = { lb01: 120, lb02: 100 };

function keepalivedConf(node: (typeof NODES)[number], mode: Mode): string {
  const strict = mode === "strict";
  return [
    "global_defs {",
    `    router_id ${node}`,
    ...(strict ? ["    vrrp_strict"] : []),
    "}",
    "vrrp_instance VI_1 {",
    "    state BACKUP",
    "    interface eth0",
    "    virtual_router_id 51",
    `    priority ${PRIORITY[node]}`,
    "    advert_int 1",
    ...(strict ? ["    version 3", "    accept"] : []),
    "    virtual_ipaddress {",
    "        192.0.2.100/24 dev eth0",
    "    }",
    "}",
    "",
  ].join("\n");
}

const run = (args: string[], input?: string): string => {
  const result = spawnSync(args[0], args.slice(1), { encoding: "utf8", input, timeout: 10_000 });
  if (result.status !== 0) throw new Error(`${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, check: () => boolean, limitMs: number): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > limitMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** One bridge namespace, the two nodes and a client, each with eth0 on the bridge. */
class SplitLab {
  readonly prefix = `h40${process.pid % 10000}${Math.floor(Math.random() * 1000)}`;
  readonly namespaces: string[] = [];
  readonly children: ChildProcess[] = [];
  readonly dir: string;
  constructor(readonly binary: KeepalivedBinary) {
    const base = binary.root ? join(binary.root, "tmp") : tmpdir();
    this.dir = mkdtempSync(join(base, "ha-lint-ha040-"));
  }
  ns(name: string): string {
    return `${this.prefix}${name}`;
  }
  build(): void {
    const bridge = this.ns("sw");
    run(["ip", "netns", "add", bridge]);
    this.namespaces.push(bridge);
    run(["ip", "-n", bridge, "link", "add", "br0", "type", "bridge"]);
    run(["ip", "-n", bridge, "link", "set", "br0", "up"]);
    const addresses: Record<string, string> = { lb01: "192.0.2.11", lb02: "192.0.2.12", cl: "192.0.2.50" };
    Object.entries(addresses).forEach(([name, address], index) => {
      const ns = this.ns(name);
      const port = `${this.prefix}p${index}`;
      run(["ip", "netns", "add", ns]);
      this.namespaces.push(ns);
      run(["ip", "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns]);
      run(["ip", "link", "set", port, "netns", bridge]);
      run(["ip", "-n", bridge, "link", "set", port, "master", "br0", "up"]);
      run(["ip", "-n", ns, "link", "set", "lo", "up"]);
      run(["ip", "-n", ns, "link", "set", "eth0", "up"]);
      run(["ip", "-n", ns, "addr", "add", `${address}/24`, "dev", "eth0"]);
    });
  }
  /** The path keepalived sees (inside its root) for a file of the lab folder. */
  private seen(path: string): string {
    return this.binary.root ? path.slice(this.binary.root.length) : path;
  }
  start(node: string, conf: string): void {
    const folder = join(this.dir, node);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "keepalived.conf"), conf);
    const files = ["keepalived.conf", "k.pid", "v.pid", "c.pid", "b.pid"].map((f) => this.seen(join(folder, f)));
    const command = [this.binary.path, "-n", "-l", "-D", "-f", files[0], "-p", files[1], "-r", files[2]];
    command.push("-c", files[3], "-b", files[4]);
    const chroot = this.binary.root ? ["chroot", this.binary.root] : [];
    const child = spawn("ip", ["netns", "exec", this.ns(node), ...chroot, ...command], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    this.logs.set(node, () => log);
    this.children.push(child);
  }
  readonly logs = new Map<string, () => string>();
  log(node: string): string {
    return this.logs.get(node)?.() ?? "";
  }
  mac(node: string): string {
    return JSON.parse(run(["ip", "-j", "-n", this.ns(node), "link", "show", "eth0"]))[0].address;
  }
  /** The MAC the client's neighbour table holds for the VIP, or undefined. */
  clientMac(): string | undefined {
    const entries = JSON.parse(run(["ip", "-j", "-n", this.ns("cl"), "neigh", "show", "192.0.2.100"]) || "[]");
    return entries[0]?.lladdr;
  }
  /** A connection attempt from the client, so that it resolves the VIP. */
  resolveVip(): void {
    spawnSync("ip", ["netns", "exec", this.ns("cl"), "bash", "-c", ": > /dev/tcp/192.0.2.100/9"], { timeout: 3000 });
  }
  deafen(node: string, from: string): void {
    const rules = `table inet ha040 {\n  chain input {\n    type filter hook input priority 0;\n    ip protocol vrrp ip saddr ${from} drop\n  }\n}\n`;
    run(["ip", "netns", "exec", this.ns(node), "nft", "-f", "-"], rules);
  }
  hear(node: string): void {
    run(["ip", "netns", "exec", this.ns(node), "nft", "delete", "table", "inet", "ha040"]);
  }
  private torn = false;
  async teardown(): Promise<void> {
    if (this.torn) return;
    this.torn = true;
    for (const node of NODES) {
      try {
        const pid = Number(readFileSync(join(this.dir, node, "k.pid"), "utf8"));
        if (pid > 0) process.kill(pid, "SIGTERM");
      } catch {
        /* not started, or already gone */
      }
    }
    await sleep(500);
    for (const child of this.children) if (child.exitCode === null) child.kill("SIGKILL");
    for (const ns of this.namespaces.reverse()) spawnSync("ip", ["netns", "del", ns], { timeout: 5000 });
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const count = (log: string, text: string): number => log.split(text).length - 1;
const entries = (log: string, state: string): number => count(log, `Entering ${state} STATE`);
/** Both sets of GARPs of a transition to MASTER (the second one garp_master_delay, 5 s, after the first). */
const bothGarpSets = (log: string): boolean => count(log, "Sending/queueing gratuitous ARPs") >= 2;

async function splitAndHeal(binary: KeepalivedBinary, mode: Mode): Promise<"lb01" | "lb02" | "none"> {
  const lab = new SplitLab(binary);
  labs.push(lab);
  lab.build();
  for (const node of NODES) lab.start(node, keepalivedConf(node, mode));
  await waitFor("lb01 to become MASTER", () => entries(lab.log("lb01"), "MASTER") >= 1, 15_000);
  lab.resolveVip();
  await waitFor("lb01's second GARPs", () => bothGarpSets(lab.log("lb01")), 15_000);
  lab.deafen("lb02", "192.0.2.11");
  await waitFor("lb02 to become MASTER", () => entries(lab.log("lb02"), "MASTER") >= 1, 15_000);
  await waitFor("lb02's second GARPs", () => bothGarpSets(lab.log("lb02")), 15_000);
  lab.hear("lb02");
  await waitFor("lb02 to give the VIP back", () => entries(lab.log("lb02"), "BACKUP") >= 2, 15_000);
  await sleep(2500);
  const mac = lab.clientMac();
  const holder = mac === lab.mac("lb01") ? "lb01" : mac === lab.mac("lb02") ? "lb02" : "none";
  await lab.teardown();
  return holder;
}

const labs: SplitLab[] = [];
afterAll(async () => {
  for (const lab of labs) await lab.teardown();
});

describe.skipIf(versions.length === 0)("lab: the ARP a client holds after a split brain heals (HA040)", () => {
  for (const version of versions) {
    for (const mode of ["default", "strict"] as const) {
      test(`keepalived ${version}, ${mode}: HA040's verdict on lb01 matches the client's ARP entry`, async () => {
        const binary = findKeepalived(version);
        if (!binary) throw new Error(`keepalived ${version} is not available`);
        const files = {
          "lb01/keepalived.conf": keepalivedConf("lb01", mode),
          "lb02/keepalived.conf": keepalivedConf("lb02", mode),
        };
        const result = analyzeFiles(files);
        const reported = result.findings.some((f) => f.rule === "HA040" && f.file.startsWith("lb01/"));
        expect(reported).toBe(mode === "strict");
        const holder = await splitAndHeal(binary, mode);
        // HA040 says lb01 sends no GARP when the adverts return: the client keeps lb02's MAC.
        expect(holder).toBe(reported ? "lb02" : "lb01");
      }, 60_000);
    }
  }
});
