/**
 * The lab's contact with the machine: preflight, network namespaces, links, keepalived processes, VIP reading.
 * Everything it creates carries the run's prefix (`hl-<pid>-<n>-...`) and lives inside namespaces it created;
 * every process is ended by its PID; `teardownSync()` works from signal handlers (no event loop needed).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { findKeepalived, which, type KeepalivedBinary } from "./keepalived-binary.js";
import type { LabClusterPlan, LabNodePlan } from "./lab-config.js";

export class LabEnvironmentError extends Error {}

/**
 * Linux, root, `ip` and the keepalived of the version asked for (the machine's own without one); the message says
 * what is missing.
 */
export function preflight(keepalivedVersion?: string): { keepalived: KeepalivedBinary; ip: string; version: string } {
  if (process.platform !== "linux")
    throw new LabEnvironmentError(`the lab needs Linux network namespaces (this is ${process.platform})`);
  if (typeof process.getuid !== "function" || process.getuid() !== 0)
    throw new LabEnvironmentError(
      "the lab creates network namespaces and must run as root (try: sudo ha-lint lab ...)",
    );
  const ip = which("ip");
  if (!ip) throw new LabEnvironmentError("the lab needs iproute2 ('ip' not found in PATH)");
  const keepalived = findKeepalived(keepalivedVersion);
  if (!keepalived) {
    if (keepalivedVersion === undefined)
      throw new LabEnvironmentError("the lab needs keepalived ('keepalived' not found in PATH)");
    throw new LabEnvironmentError(
      `no keepalived ${keepalivedVersion} on this machine (the machine's own, or a Debian root of scripts/roots/build.sh ` +
        `in ${process.env.HA_LINT_ROOTS ?? "~/.cache/ha-lint/roots"})`,
    );
  }
  for (const name of keepalived.root ? ["chroot", "mount", "umount"] : []) {
    const found = which(name);
    if (!found) throw new LabEnvironmentError(`the lab needs '${name}' to run keepalived in ${keepalived.root}`);
    toolPaths.set(name, found);
  }
  ipPath = ip;
  return { keepalived, ip, version: keepalived.version };
}

/** Absolute paths found by preflight (PATH under sudo may differ). */
let ipPath = "ip";
const toolPaths = new Map<string, string>();
const tool = (name: string): string => toolPaths.get(name) ?? which(name) ?? name;

function ip(args: string[]): string {
  return execFileSync(ipPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 10_000 });
}

function tryIp(args: string[]): boolean {
  try {
    ip(args);
    return true;
  } catch {
    return false;
  }
}

export function listNamespaces(): string[] {
  try {
    return ip(["netns", "list"])
      .split("\n")
      .map((l) => l.split(/\s+/)[0])
      .filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * The process has ended: its exit event came, or /proc shows it gone or a zombie. The exit event alone is not enough:
 * with several labs spawning at once in a vitest worker it was seen to arrive minutes late, and a node restarted in
 * that window was taken for running and never started. A zombie keeps its PID until it is reaped, so the PID still
 * names the same process.
 */
export function gone(p: { exited: boolean; pid: number }): boolean {
  return p.exited || !alive(p.pid);
}

/** Wait until `p` has ended, at most `limitMs`; true when it has. */
async function waitGone(p: { exited: boolean; pid: number; done: Promise<void> }, limitMs: number): Promise<boolean> {
  const until = Date.now() + limitMs;
  while (!gone(p) && Date.now() < until) await Promise.race([p.done, sleep(50)]);
  return gone(p);
}

/** Synchronous sleep (signal handlers and teardown cannot wait for the event loop). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The process exists and is not a zombie. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    /* gone */
  }
}

interface Daemon {
  pid: number;
  child: ChildProcess;
  /** The child's exit event came (it can come late: see `gone`). */
  exited: boolean;
  /** Resolves when the process has exited. */
  done: Promise<void>;
}

export interface NodeRuntime {
  plan: LabNodePlan;
  ns: string;
  dir: string;
  conf: string;
  log: string;
  /** Log of the runs that only read the configuration (link down, before the scenarios). */
  readLog: string;
  daemon?: Daemon;
  /** Every keepalived PID this node ever had (main and children), for the final sweep. */
  pids: Set<number>;
}

/** `setpriv --pdeathsig SIGNAL` before a command when setpriv can do it, so the command dies with its parent. */
function deathSignalPrefix(signal: "TERM" | "KILL"): string[] {
  const path = setpriv();
  return path ? [path, "--pdeathsig", signal] : [];
}

let setprivPath: string | null | undefined;
function setpriv(): string | undefined {
  if (setprivPath === undefined) {
    const p = which("setpriv");
    const ok =
      p !== undefined && spawnSync(p, ["--help"], { encoding: "utf8", timeout: 5000 }).stdout?.includes("--pdeathsig");
    setprivPath = ok && p !== undefined ? p : null;
  }
  return setprivPath ?? undefined;
}

/** Lab folders of this process: removed by the exit and signal hooks too. */
const labDirs = new Set<string>();
export function registerLabDir(dir: string): void {
  labDirs.add(dir);
  installHandlers();
}
export function releaseLabDir(dir: string): void {
  removeTree(dir);
  labDirs.delete(dir);
}

/** Mount points at or under `path`, deepest first, as this process's mount namespace sees them. */
export function mountsUnder(path: string): string[] {
  let text = "";
  try {
    text = readFileSync("/proc/self/mountinfo", "utf8");
  } catch {
    return [];
  }
  const unescape = (s: string): string =>
    s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  return text
    .split("\n")
    .map((l) => l.split(" ")[4])
    .filter((m): m is string => m !== undefined)
    .map(unescape)
    .filter((m) => m === path || m.startsWith(`${path}/`))
    .sort((a, b) => b.length - a.length);
}

/**
 * Remove a folder the lab made: first unmount whatever is mounted in it (nothing should be: the lab mounts only
 * inside the private mount namespace of each `ip netns exec`), then `rm -rf --one-file-system`, which never crosses
 * into another file system. A folder that still has a mount in it is left in place and reported.
 */
export function removeTree(path: string): void {
  if (!existsSync(path)) return;
  path = realpathSync(path);
  for (const m of mountsUnder(path)) spawnSync(tool("umount"), [m], { stdio: "ignore", timeout: 10_000 });
  const left = mountsUnder(path);
  if (left.length > 0) {
    process.stderr.write(`ha-lint lab: not removing ${path}: still mounted there: ${left.join(", ")}\n`);
    return;
  }
  const r = spawnSync(tool("rm"), ["-rf", "--one-file-system", path], { stdio: "ignore", timeout: 30_000 });
  if (r.status !== 0) process.stderr.write(`ha-lint lab: could not remove ${path} (rm exited with ${r.status})\n`);
}

/**
 * Namespaces left by lab runs whose process is gone (`hl-<pid>-<n>-...` with no process <pid>), e.g. a test worker
 * that was killed. With `remove`, the empty ones are deleted; namespaces with processes in them are only listed.
 */
export function staleLabNamespaces(remove = false): { removed: string[]; kept: string[] } {
  const removed: string[] = [];
  const kept: string[] = [];
  for (const ns of listNamespaces()) {
    const m = /^hl-(\d+)-\d+-/.exec(ns);
    if (!m || Number(m[1]) === process.pid || existsSync(`/proc/${m[1]}`)) continue;
    let busy = true;
    try {
      busy = ip(["netns", "pids", ns]).trim() !== "";
    } catch {
      /* cannot tell */
    }
    if (remove && !busy && tryIp(["netns", "del", ns])) removed.push(ns);
    else kept.push(ns);
  }
  return { removed, kept };
}

/** Labs alive in this process: the signal handlers and the exit hook tear them all down. */
const active = new Set<ClusterLab>();
let handlersInstalled = false;

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`ha-lint lab: ${signal}: removing the lab namespaces and daemons\n`);
    teardownAllSync();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  try {
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    process.on("SIGHUP", onSignal);
  } catch {
    /* worker threads cannot listen for signals */
  }
  process.on("exit", teardownAllSync);
}

export function teardownAllSync(): void {
  for (const lab of [...active]) lab.teardownSync();
  for (const dir of [...labDirs]) releaseLabDir(dir);
}

export interface ClusterLabOptions {
  /** Run prefix, e.g. `hl-1234-3`. */
  prefix: string;
  /** Lab folder of the cluster (configs, fail files, logs). */
  dir: string;
  /** Bridge namespace even for two nodes (needed when a scenario takes a link down). */
  bridge: boolean;
  /**
   * Extra hosts on the bridge (traffic lab: backends, client): namespace `<prefix>-<key>`, link `lab0` with these
   * addresses. Needs `bridge`.
   */
  hosts?: { key: string; addresses: string[] }[];
  /** On-link routes added in every namespace (lab /24s other than the links' own). */
  routes?: string[];
  /** The keepalived to run (found by preflight()). */
  keepalived: KeepalivedBinary;
}

/** A process the lab started inside one of its namespaces (haproxy, responders, client), ended by PID. */
export interface LabProcess {
  pid: number;
  ns: string;
  child: ChildProcess;
  exited: boolean;
  code: number | null;
  done: Promise<void>;
}

/**
 * One cluster in namespaces: `<prefix>-<node>` per node, `<prefix>-br` holding a bridge when there are more than two
 * nodes (or when asked), else a veth pair between the two node namespaces.
 */
export class ClusterLab {
  readonly nodes: NodeRuntime[];
  readonly bridgeNs: string | undefined;
  private readonly created: string[] = [];
  private tornDown = false;

  constructor(
    readonly plan: LabClusterPlan,
    readonly options: ClusterLabOptions,
  ) {
    this.bridgeNs = options.bridge || plan.nodes.length > 2 ? `${options.prefix}-br` : undefined;
    this.nodes = plan.nodes.map((p) => ({
      plan: p,
      ns: `${options.prefix}-${p.key}`,
      dir: join(options.dir, p.key),
      conf: join(options.dir, p.key, "keepalived.conf"),
      log: join(options.dir, p.key, "keepalived.log"),
      readLog: join(options.dir, p.key, "keepalived-read.log"),
      pids: new Set<number>(),
    }));
  }

  /** Namespaces this lab created (and still owns). */
  namespaces(): string[] {
    return [...this.created];
  }

  setup(): void {
    installHandlers();
    active.add(this);
    mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
    const addNs = (name: string): void => {
      if (listNamespaces().includes(name)) throw new LabEnvironmentError(`network namespace ${name} already exists`);
      ip(["netns", "add", name]);
      this.created.push(name);
    };
    if (this.bridgeNs) addNs(this.bridgeNs);
    for (const n of this.nodes) addNs(n.ns);
    for (const h of this.options.hosts ?? []) addNs(`${this.options.prefix}-${h.key}`);
    for (const n of this.nodes) ip(["-n", n.ns, "link", "set", "lo", "up"]);
    if (this.bridgeNs) {
      const br = this.bridgeNs;
      ip(["-n", br, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0", "stp_state", "0"]);
      ip(["-n", br, "link", "set", "br0", "up"]);
      this.nodes.forEach((n, i) => {
        // Created straight inside the namespaces: nothing ever appears in the host's namespace.
        ip(["-n", n.ns, "link", "add", n.plan.link, "type", "veth", "peer", "name", `p${i}`, "netns", br]);
        ip(["-n", br, "link", "set", `p${i}`, "master", "br0"]);
        ip(["-n", br, "link", "set", `p${i}`, "up"]);
      });
      (this.options.hosts ?? []).forEach((h, i) => {
        const ns = `${this.options.prefix}-${h.key}`;
        ip(["-n", ns, "link", "set", "lo", "up"]);
        ip(["-n", ns, "link", "add", "lab0", "type", "veth", "peer", "name", `h${i}`, "netns", br]);
        ip(["-n", br, "link", "set", `h${i}`, "master", "br0"]);
        ip(["-n", br, "link", "set", `h${i}`, "up"]);
        for (const a of h.addresses) ip(["-n", ns, "addr", "add", `${a}/24`, "dev", "lab0"]);
        ip(["-n", ns, "link", "set", "lab0", "up"]);
        for (const r of this.options.routes ?? []) tryIp(["-n", ns, "route", "add", r, "dev", "lab0"]);
      });
    } else if (this.nodes.length === 2) {
      const [a, b] = this.nodes;
      ip(["-n", a.ns, "link", "add", a.plan.link, "type", "veth", "peer", "name", b.plan.link, "netns", b.ns]);
    } else {
      for (const n of this.nodes) this.standalone(n, n.plan.link, "hlx");
    }
    for (const n of this.nodes) {
      n.plan.dummies.forEach((d, i) => {
        this.standalone(n, d, `hly${i}`);
        ip(["-n", n.ns, "link", "set", d, "up"]);
      });
      mkdirSync(n.dir, { recursive: true, mode: 0o700 });
      writeFileSync(n.conf, n.plan.config, { mode: 0o600 });
    }
    const root = this.options.keepalived.root;
    if (root) {
      // The folder the daemons see the lab folder at (bound there inside each daemon's own mount namespace).
      this.rootMountpoint = join(root, this.options.dir);
      mkdirSync(this.rootMountpoint, { recursive: true, mode: 0o700 });
    }
  }

  /** Where the lab folder is bound inside the root (removed at teardown). */
  private rootMountpoint: string | undefined;

  /** Put these lab addresses (/24) on a node's link, replacing the ones it had. */
  setLinkAddresses(n: NodeRuntime, addresses: readonly string[]): void {
    ip(["-n", n.ns, "addr", "flush", "dev", n.plan.link]);
    for (const a of addresses) ip(["-n", n.ns, "addr", "add", `${a}/24`, "dev", n.plan.link]);
    n.plan.linkAddresses = [...addresses];
  }

  /** Bring every node's link up (after the configuration was read with the links down) and add the routes. */
  linksUp(): void {
    for (const n of this.nodes) {
      ip(["-n", n.ns, "link", "set", n.plan.link, "up"]);
      for (const r of this.options.routes ?? []) tryIp(["-n", n.ns, "route", "add", r, "dev", n.plan.link]);
    }
  }

  /**
   * An interface of its own inside a node's namespace (tracked interfaces, VIP devices): a veth pair whose other end
   * stays up in the same namespace (the dummy driver is not in every kernel), so `ip link set NAME down` is seen by
   * keepalived as that interface going down, and nothing else.
   */
  private standalone(n: NodeRuntime, name: string, peer: string): void {
    ip(["-n", n.ns, "link", "add", name, "type", "veth", "peer", "name", peer]);
    ip(["-n", n.ns, "link", "set", peer, "up"]);
  }

  node(key: string): NodeRuntime {
    const n = this.nodes.find((x) => x.plan.key === key || x.plan.node.name === key);
    if (!n) throw new Error(`no lab node ${key}`);
    return n;
  }

  /**
   * Start a node's keepalived (with `-d`: every start writes keepalived's own dump of what it read to the log).
   * `toReadLog` writes to the node's read log instead (the runs that only read the configuration).
   */
  start(n: NodeRuntime, toReadLog = false): void {
    if (n.daemon && !gone(n.daemon)) return;
    const logFile = toReadLog ? n.readLog : n.log;
    const fd = openSync(logFile, "a");
    writeFileSync(fd, `=== ha-lint lab: starting keepalived (${new Date().toISOString()})\n`);
    const ka = this.options.keepalived;
    const daemonArgs = [
      "-n",
      "-l",
      "-D",
      "-d",
      "-G",
      "-P",
      "-f",
      n.conf,
      "-p",
      join(n.dir, "keepalived.pid"),
      "-r",
      join(n.dir, "vrrp.pid"),
      "-c",
      join(n.dir, "checkers.pid"),
      "-b",
      join(n.dir, "bfd.pid"),
    ];
    // A root's keepalived runs with chroot; the root's /proc and /sys and the lab folder are mounted inside the
    // private mount namespace `ip netns exec` makes for it, so they vanish with its last process (nothing to
    // unmount on the host, even after a crash).
    const inRoot = ka.root
      ? [
          "/bin/sh",
          "-c",
          'mount -t proc proc "$1/proc" && mount -t sysfs sysfs "$1/sys" && mount --bind "$2" "$1$2" && ' +
            'root="$1" && shift 2 && exec "$0" "$root" "$@"',
          tool("chroot"),
          ka.root,
          this.options.dir,
          ka.path,
        ]
      : [ka.path];
    // setpriv --pdeathsig: keepalived gets SIGTERM if the thread that started it dies without cleaning up (a killed
    // test worker, a SIGKILLed ha-lint), so no daemon outlives its lab.
    const args = [...deathSignalPrefix("TERM"), ipPath, "netns", "exec", n.ns, ...inRoot, ...daemonArgs];
    const child = spawn(args[0], args.slice(1), {
      stdio: ["ignore", fd, fd],
      detached: true,
      env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", LANG: "C" },
    });
    closeSync(fd);
    if (child.pid === undefined) throw new LabEnvironmentError(`could not start keepalived for ${n.plan.node.name}`);
    const daemon: Daemon = { pid: child.pid, child, exited: false, done: Promise.resolve() };
    daemon.done = new Promise((resolve) => {
      child.once("exit", () => {
        daemon.exited = true;
        resolve();
      });
      child.once("error", () => {
        daemon.exited = true;
        resolve();
      });
    });
    child.unref();
    n.daemon = daemon;
    n.pids.add(child.pid);
  }

  /** Record the VRRP child's PID (from its pid file) for the final sweep. */
  private notePids(n: NodeRuntime): void {
    for (const f of ["vrrp.pid", "checkers.pid", "keepalived.pid"]) {
      try {
        const pid = Number(readFileSync(join(n.dir, f), "utf8").trim());
        if (Number.isInteger(pid) && pid > 1 && cmdline(pid).includes(n.conf)) n.pids.add(pid);
      } catch {
        /* not there */
      }
    }
  }

  /** Stop a node's keepalived (SIGTERM: graceful, priority-0 advert; SIGKILL: crash) and wait for it, bounded. */
  async stop(n: NodeRuntime, signal: "SIGTERM" | "SIGKILL" = "SIGTERM", limitMs = 8000): Promise<void> {
    const d = n.daemon;
    if (!d || gone(d)) return;
    this.notePids(n);
    kill(d.pid, signal);
    if (!(await waitGone(d, limitMs))) {
      kill(d.pid, "SIGKILL");
      await waitGone(d, 2000);
    }
    // Children end with their parent; make sure (by PID, only processes running this node's config).
    for (const pid of n.pids)
      if (pid !== d.pid && alive(pid) && cmdline(pid).includes(n.conf))
        kill(pid, signal === "SIGKILL" ? "SIGKILL" : "SIGTERM");
    const until = Date.now() + 3000;
    while ([...n.pids].some((p) => alive(p) && cmdline(p).includes(n.conf)) && Date.now() < until) await sleep(50);
    for (const pid of n.pids) if (alive(pid) && cmdline(pid).includes(n.conf)) kill(pid, "SIGKILL");
    if (signal === "SIGKILL") {
      // A crash leaves the VIPs on the interface; the host's reboot would clear them. The node is gone for the others.
    }
  }

  /** Processes started with `spawnIn` (every one, for the final sweep). */
  readonly processes: LabProcess[] = [];

  hostNs(key: string): string {
    return `${this.options.prefix}-${key}`;
  }

  /**
   * Run a command inside one of this lab's namespaces, output appended to `log`; ended by PID in stopProcess/teardown.
   */
  spawnIn(ns: string, command: string[], log: string): LabProcess {
    if (!this.created.includes(ns)) throw new Error(`namespace ${ns} is not one of this lab's`);
    const fd = openSync(log, "a");
    const args = [...deathSignalPrefix("KILL"), ipPath, "netns", "exec", ns, ...command];
    const child = spawn(args[0], args.slice(1), { stdio: ["ignore", fd, fd], detached: true });
    closeSync(fd);
    if (child.pid === undefined) throw new LabEnvironmentError(`could not start ${command[0]} in ${ns}`);
    const p: LabProcess = { pid: child.pid, ns, child, exited: false, code: null, done: Promise.resolve() };
    p.done = new Promise((resolve) => {
      child.once("exit", (code) => {
        p.exited = true;
        p.code = code;
        resolve();
      });
      child.once("error", () => {
        p.exited = true;
        resolve();
      });
    });
    child.unref();
    this.processes.push(p);
    return p;
  }

  /** End a process started with `spawnIn` by its PID (SIGTERM, then SIGKILL after `limitMs`). */
  async stopProcess(p: LabProcess, limitMs = 3000): Promise<void> {
    if (gone(p)) return;
    kill(p.pid, "SIGTERM");
    if (!(await waitGone(p, limitMs))) {
      kill(p.pid, "SIGKILL");
      await waitGone(p, 2000);
    }
  }

  /** Set a sysctl inside a node's (or host's) namespace. */
  sysctl(ns: string, key: string, value: string): void {
    if (!this.created.includes(ns)) throw new Error(`namespace ${ns} is not one of this lab's`);
    const path = `/proc/sys/${key.replace(/\./g, "/")}`;
    execFileSync(ipPath, ["netns", "exec", ns, "sh", "-c", 'printf "%s\n" "$1" > "$2"', "sh", value, path], {
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 10_000,
    });
  }

  isRunning(n: NodeRuntime): boolean {
    return n.daemon !== undefined && !gone(n.daemon);
  }

  setScriptFailing(n: NodeRuntime, script: string, failing: boolean): void {
    const f = n.plan.failFiles.get(script);
    if (!f) throw new Error(`${n.plan.node.name} has no vrrp_script ${script}`);
    const p = join(n.dir, f);
    if (failing) writeFileSync(p, "");
    else if (existsSync(p)) unlinkSync(p);
  }

  setInterface(n: NodeRuntime, name: string, up: boolean): void {
    const lab = n.plan.interfaces.get(name) ?? name;
    ip(["-n", n.ns, "link", "set", lab, up ? "up" : "down"]);
  }

  /** IPv4 addresses present in a node's namespace. */
  addresses(n: NodeRuntime): Set<string> {
    const out = new Set<string>();
    try {
      for (const m of ip(["-n", n.ns, "-o", "-4", "addr", "show"]).matchAll(/\binet (\d+\.\d+\.\d+\.\d+)/g))
        out.add(m[1]);
    } catch {
      /* namespace gone */
    }
    return out;
  }

  /** Size of a node's log now (to read what comes after). */
  logSize(n: NodeRuntime): number {
    try {
      return statSync(n.log).size;
    } catch {
      return 0;
    }
  }

  /**
   * When each node's keepalived logged its first state (`Entering ... STATE`, the moment its master-down timer
   * starts) after `from` (log sizes), by the lab's clock, watching the logs every 10 ms for at most `limitMs`.
   */
  async firstStateTimes(
    nodes: readonly NodeRuntime[],
    from: ReadonlyMap<NodeRuntime, number>,
    limitMs: number,
  ): Promise<Map<NodeRuntime, number>> {
    const out = new Map<NodeRuntime, number>();
    const until = Date.now() + limitMs;
    while (out.size < nodes.length && Date.now() < until) {
      for (const n of nodes)
        if (!out.has(n) && /Entering (MASTER|BACKUP|FAULT) STATE/i.test(this.logSince(n, from.get(n) ?? 0)))
          out.set(n, Date.now());
      await sleep(10);
    }
    return out;
  }

  /** Size of a node's read log now. */
  readLogSize(n: NodeRuntime): number {
    try {
      return statSync(n.readLog).size;
    } catch {
      return 0;
    }
  }

  /** The read log written since `from`. */
  readLogSince(n: NodeRuntime, from: number): string {
    try {
      const text = readFileSync(n.readLog);
      return text.subarray(Math.min(from, text.length)).toString("utf8");
    } catch {
      return "";
    }
  }

  /** The log written since `from`. */
  logSince(n: NodeRuntime, from: number): string {
    try {
      const text = readFileSync(n.log);
      return text.subarray(Math.min(from, text.length)).toString("utf8");
    } catch {
      return "";
    }
  }

  /** The last lines of a node's log (of its read log with `readLog`), without the dumps of its configuration. */
  logTail(n: NodeRuntime, lines = 40, readLog = false): string {
    try {
      const text = readFileSync(readLog ? n.readLog : n.log, "utf8").split("\n");
      const kept: string[] = [];
      let inDump = false;
      for (const line of text) {
        const body = line.replace(/^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}: /, "");
        if (/^------< .+ >------$/.test(body)) inDump = true;
        else if (!inDump || !body.startsWith(" ")) {
          inDump = false;
          kept.push(line);
        }
      }
      return kept.slice(-lines).join("\n");
    } catch {
      return "";
    }
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.nodes.map((n) => this.stop(n)));
  }

  /**
   * End every process and remove every namespace and file of this lab. Safe to call twice, and from signal handlers.
   */
  teardownSync(keepDir?: string): void {
    if (this.tornDown) return;
    this.tornDown = true;
    for (const n of this.nodes) this.notePids(n);
    const ours = (n: NodeRuntime, pid: number): boolean =>
      alive(pid) && (n.daemon?.pid === pid || cmdline(pid).includes(n.conf));
    for (const n of this.nodes) for (const pid of n.pids) if (ours(n, pid)) kill(pid, "SIGTERM");
    const until = Date.now() + 3000;
    while (this.nodes.some((n) => [...n.pids].some((p) => ours(n, p))) && Date.now() < until) sleepSync(50);
    for (const n of this.nodes) for (const pid of n.pids) if (ours(n, pid)) kill(pid, "SIGKILL");
    for (const p of this.processes) if (!p.exited && alive(p.pid)) kill(p.pid, "SIGKILL");
    // Anything still running inside our namespaces (a stub script keepalived started) is ours too.
    for (const ns of this.created) {
      let pids: number[] = [];
      try {
        pids = ip(["netns", "pids", ns]).split(/\s+/).filter(Boolean).map(Number);
      } catch {
        /* none */
      }
      for (const pid of pids) kill(pid, "SIGKILL");
    }
    if (this.nodes.some((n) => [...n.pids].some((p) => alive(p)))) sleepSync(200);
    for (const ns of [...this.created].reverse()) {
      if (tryIp(["netns", "del", ns])) this.created.splice(this.created.indexOf(ns), 1);
    }
    if (keepDir) {
      for (const n of this.nodes) {
        try {
          mkdirSync(join(keepDir, this.options.prefix), { recursive: true });
          for (const f of ["keepalived.conf", "keepalived.log", "keepalived-read.log"]) {
            const src = join(n.dir, f);
            if (existsSync(src))
              writeFileSync(join(keepDir, this.options.prefix, `${n.plan.key}.${f}`), readFileSync(src));
          }
        } catch {
          /* best effort */
        }
      }
    }
    if (this.rootMountpoint) {
      removeTree(this.rootMountpoint);
      // The run's folder above it inside the root, once no other cluster of the run uses it.
      const runFolder = dirname(this.rootMountpoint);
      try {
        if (/^ha-lint-/.test(basename(runFolder)) && readdirSync(runFolder).length === 0) rmdirSync(runFolder);
      } catch {
        /* another cluster's folder is still there */
      }
    }
    removeTree(this.options.dir);
    active.delete(this);
  }
}
