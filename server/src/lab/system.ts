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
export function gone(proc: { exited: boolean; pid: number }): boolean {
  return proc.exited || !alive(proc.pid);
}

/** Wait until `p` has ended, at most `limitMs`; true when it has. */
async function waitGone(
  proc: { exited: boolean; pid: number; done: Promise<void> },
  limitMs: number,
): Promise<boolean> {
  const until = Date.now() + limitMs;
  while (!gone(proc) && Date.now() < until) await Promise.race([proc.done, sleep(50)]);
  return gone(proc);
}

/** Synchronous sleep (signal handlers and teardown cannot wait for the event loop). */
function sleepSync(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
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
    const found = which("setpriv");
    const ok =
      found !== undefined &&
      spawnSync(found, ["--help"], { encoding: "utf8", timeout: 5000 }).stdout?.includes("--pdeathsig");
    setprivPath = ok && found !== undefined ? found : null;
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
  const unescape = (field: string): string =>
    field.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
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
  for (const mount of mountsUnder(path)) spawnSync(tool("umount"), [mount], { stdio: "ignore", timeout: 10_000 });
  const left = mountsUnder(path);
  if (left.length > 0) {
    process.stderr.write(`ha-lint lab: not removing ${path}: still mounted there: ${left.join(", ")}\n`);
    return;
  }
  const removal = spawnSync(tool("rm"), ["-rf", "--one-file-system", path], { stdio: "ignore", timeout: 30_000 });
  if (removal.status !== 0)
    process.stderr.write(`ha-lint lab: could not remove ${path} (rm exited with ${removal.status})\n`);
}

/**
 * Namespaces left by lab runs whose process is gone (`hl-<pid>-<n>-...` with no process <pid>), e.g. a test worker
 * that was killed. With `remove`, the empty ones are deleted; namespaces with processes in them are only listed.
 */
export function staleLabNamespaces(remove = false): { removed: string[]; kept: string[] } {
  const removed: string[] = [];
  const kept: string[] = [];
  for (const netns of listNamespaces()) {
    const match = /^hl-(\d+)-\d+-/.exec(netns);
    if (!match || Number(match[1]) === process.pid || existsSync(`/proc/${match[1]}`)) continue;
    let busy = true;
    try {
      busy = ip(["netns", "pids", netns]).trim() !== "";
    } catch {
      /* cannot tell */
    }
    if (remove && !busy && tryIp(["netns", "del", netns])) removed.push(netns);
    else kept.push(netns);
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
    this.nodes = plan.nodes.map((nodePlan) => ({
      plan: nodePlan,
      ns: `${options.prefix}-${nodePlan.key}`,
      dir: join(options.dir, nodePlan.key),
      conf: join(options.dir, nodePlan.key, "keepalived.conf"),
      log: join(options.dir, nodePlan.key, "keepalived.log"),
      readLog: join(options.dir, nodePlan.key, "keepalived-read.log"),
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
    for (const node of this.nodes) addNs(node.ns);
    for (const host of this.options.hosts ?? []) addNs(`${this.options.prefix}-${host.key}`);
    for (const node of this.nodes) ip(["-n", node.ns, "link", "set", "lo", "up"]);
    if (this.bridgeNs) {
      const bridge = this.bridgeNs;
      ip(["-n", bridge, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0", "stp_state", "0"]);
      ip(["-n", bridge, "link", "set", "br0", "up"]);
      this.nodes.forEach((node, i) => {
        // Created straight inside the namespaces: nothing ever appears in the host's namespace.
        ip(["-n", node.ns, "link", "add", node.plan.link, "type", "veth", "peer", "name", `p${i}`, "netns", bridge]);
        ip(["-n", bridge, "link", "set", `p${i}`, "master", "br0"]);
        ip(["-n", bridge, "link", "set", `p${i}`, "up"]);
      });
      (this.options.hosts ?? []).forEach((host, i) => {
        const netns = `${this.options.prefix}-${host.key}`;
        ip(["-n", netns, "link", "set", "lo", "up"]);
        ip(["-n", netns, "link", "add", "lab0", "type", "veth", "peer", "name", `h${i}`, "netns", bridge]);
        ip(["-n", bridge, "link", "set", `h${i}`, "master", "br0"]);
        ip(["-n", bridge, "link", "set", `h${i}`, "up"]);
        for (const address of host.addresses) ip(["-n", netns, "addr", "add", `${address}/24`, "dev", "lab0"]);
        ip(["-n", netns, "link", "set", "lab0", "up"]);
        for (const route of this.options.routes ?? []) tryIp(["-n", netns, "route", "add", route, "dev", "lab0"]);
      });
    } else if (this.nodes.length === 2) {
      const [first, second] = this.nodes;
      ip([
        "-n",
        first.ns,
        "link",
        "add",
        first.plan.link,
        "type",
        "veth",
        "peer",
        "name",
        second.plan.link,
        "netns",
        second.ns,
      ]);
    } else {
      for (const node of this.nodes) this.standalone(node, node.plan.link, "hlx");
    }
    for (const node of this.nodes) {
      node.plan.dummies.forEach((dummy, i) => {
        this.standalone(node, dummy, `hly${i}`);
        ip(["-n", node.ns, "link", "set", dummy, "up"]);
      });
      mkdirSync(node.dir, { recursive: true, mode: 0o700 });
      writeFileSync(node.conf, node.plan.config, { mode: 0o600 });
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
  setLinkAddresses(node: NodeRuntime, addresses: readonly string[]): void {
    ip(["-n", node.ns, "addr", "flush", "dev", node.plan.link]);
    for (const address of addresses) ip(["-n", node.ns, "addr", "add", `${address}/24`, "dev", node.plan.link]);
    node.plan.linkAddresses = [...addresses];
  }

  /** Bring every node's link up (after the configuration was read with the links down) and add the routes. */
  linksUp(): void {
    for (const node of this.nodes) {
      ip(["-n", node.ns, "link", "set", node.plan.link, "up"]);
      for (const route of this.options.routes ?? [])
        tryIp(["-n", node.ns, "route", "add", route, "dev", node.plan.link]);
    }
  }

  /**
   * An interface of its own inside a node's namespace (tracked interfaces, VIP devices): a veth pair whose other end
   * stays up in the same namespace (the dummy driver is not in every kernel), so `ip link set NAME down` is seen by
   * keepalived as that interface going down, and nothing else.
   */
  private standalone(node: NodeRuntime, name: string, peer: string): void {
    ip(["-n", node.ns, "link", "add", name, "type", "veth", "peer", "name", peer]);
    ip(["-n", node.ns, "link", "set", peer, "up"]);
  }

  node(key: string): NodeRuntime {
    const runtime = this.nodes.find((x) => x.plan.key === key || x.plan.node.name === key);
    if (!runtime) throw new Error(`no lab node ${key}`);
    return runtime;
  }

  /**
   * Start a node's keepalived (with `-d`: every start writes keepalived's own dump of what it read to the log).
   * `toReadLog` writes to the node's read log instead (the runs that only read the configuration).
   */
  start(runtime: NodeRuntime, toReadLog = false): void {
    if (runtime.daemon && !gone(runtime.daemon)) return;
    const logFile = toReadLog ? runtime.readLog : runtime.log;
    const logFd = openSync(logFile, "a");
    writeFileSync(logFd, `=== ha-lint lab: starting keepalived (${new Date().toISOString()})\n`);
    const binary = this.options.keepalived;
    const daemonArgs = [
      "-n",
      "-l",
      "-D",
      "-d",
      "-G",
      "-P",
      "-f",
      runtime.conf,
      "-p",
      join(runtime.dir, "keepalived.pid"),
      "-r",
      join(runtime.dir, "vrrp.pid"),
      "-c",
      join(runtime.dir, "checkers.pid"),
      "-b",
      join(runtime.dir, "bfd.pid"),
    ];
    // A root's keepalived runs with chroot; the root's /proc and /sys and the lab folder are mounted inside the
    // private mount namespace `ip netns exec` makes for it, so they vanish with its last process (nothing to
    // unmount on the host, even after a crash).
    const inRoot = binary.root
      ? [
          "/bin/sh",
          "-c",
          'mount -t proc proc "$1/proc" && mount -t sysfs sysfs "$1/sys" && mount --bind "$2" "$1$2" && ' +
            'root="$1" && shift 2 && exec "$0" "$root" "$@"',
          tool("chroot"),
          binary.root,
          this.options.dir,
          binary.path,
        ]
      : [binary.path];
    // setpriv --pdeathsig: keepalived gets SIGTERM if the thread that started it dies without cleaning up (a killed
    // test worker, a SIGKILLed ha-lint), so no daemon outlives its lab.
    const args = [...deathSignalPrefix("TERM"), ipPath, "netns", "exec", runtime.ns, ...inRoot, ...daemonArgs];
    const child = spawn(args[0], args.slice(1), {
      stdio: ["ignore", logFd, logFd],
      detached: true,
      env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", LANG: "C" },
    });
    closeSync(logFd);
    if (child.pid === undefined)
      throw new LabEnvironmentError(`could not start keepalived for ${runtime.plan.node.name}`);
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
    runtime.daemon = daemon;
    runtime.pids.add(child.pid);
  }

  /** Record the VRRP child's PID (from its pid file) for the final sweep. */
  private notePids(node: NodeRuntime): void {
    for (const pidFile of ["vrrp.pid", "checkers.pid", "keepalived.pid"]) {
      try {
        const pid = Number(readFileSync(join(node.dir, pidFile), "utf8").trim());
        if (Number.isInteger(pid) && pid > 1 && cmdline(pid).includes(node.conf)) node.pids.add(pid);
      } catch {
        /* not there */
      }
    }
  }

  /** Stop a node's keepalived (SIGTERM: graceful, priority-0 advert; SIGKILL: crash) and wait for it, bounded. */
  async stop(node: NodeRuntime, signal: "SIGTERM" | "SIGKILL" = "SIGTERM", limitMs = 8000): Promise<void> {
    const running = node.daemon;
    if (!running || gone(running)) return;
    this.notePids(node);
    kill(running.pid, signal);
    if (!(await waitGone(running, limitMs))) {
      kill(running.pid, "SIGKILL");
      await waitGone(running, 2000);
    }
    // Children end with their parent; make sure (by PID, only processes running this node's config).
    for (const pid of node.pids)
      if (pid !== running.pid && alive(pid) && cmdline(pid).includes(node.conf))
        kill(pid, signal === "SIGKILL" ? "SIGKILL" : "SIGTERM");
    const until = Date.now() + 3000;
    while ([...node.pids].some((p) => alive(p) && cmdline(p).includes(node.conf)) && Date.now() < until)
      await sleep(50);
    for (const pid of node.pids) if (alive(pid) && cmdline(pid).includes(node.conf)) kill(pid, "SIGKILL");
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
  spawnIn(netns: string, command: string[], log: string): LabProcess {
    if (!this.created.includes(netns)) throw new Error(`namespace ${netns} is not one of this lab's`);
    const logFd = openSync(log, "a");
    const args = [...deathSignalPrefix("KILL"), ipPath, "netns", "exec", netns, ...command];
    const child = spawn(args[0], args.slice(1), { stdio: ["ignore", logFd, logFd], detached: true });
    closeSync(logFd);
    if (child.pid === undefined) throw new LabEnvironmentError(`could not start ${command[0]} in ${netns}`);
    const launched: LabProcess = {
      pid: child.pid,
      ns: netns,
      child,
      exited: false,
      code: null,
      done: Promise.resolve(),
    };
    launched.done = new Promise((resolve) => {
      child.once("exit", (code) => {
        launched.exited = true;
        launched.code = code;
        resolve();
      });
      child.once("error", () => {
        launched.exited = true;
        resolve();
      });
    });
    child.unref();
    this.processes.push(launched);
    return launched;
  }

  /** End a process started with `spawnIn` by its PID (SIGTERM, then SIGKILL after `limitMs`). */
  async stopProcess(proc: LabProcess, limitMs = 3000): Promise<void> {
    if (gone(proc)) return;
    kill(proc.pid, "SIGTERM");
    if (!(await waitGone(proc, limitMs))) {
      kill(proc.pid, "SIGKILL");
      await waitGone(proc, 2000);
    }
  }

  /** Set a sysctl inside a node's (or host's) namespace. */
  sysctl(netns: string, key: string, value: string): void {
    if (!this.created.includes(netns)) throw new Error(`namespace ${netns} is not one of this lab's`);
    const path = `/proc/sys/${key.replace(/\./g, "/")}`;
    execFileSync(ipPath, ["netns", "exec", netns, "sh", "-c", 'printf "%s\n" "$1" > "$2"', "sh", value, path], {
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 10_000,
    });
  }

  isRunning(node: NodeRuntime): boolean {
    return node.daemon !== undefined && !gone(node.daemon);
  }

  setScriptFailing(runtime: NodeRuntime, script: string, failing: boolean): void {
    const failFile = runtime.plan.failFiles.get(script);
    if (!failFile) throw new Error(`${runtime.plan.node.name} has no vrrp_script ${script}`);
    const flagPath = join(runtime.dir, failFile);
    if (failing) writeFileSync(flagPath, "");
    else if (existsSync(flagPath)) unlinkSync(flagPath);
  }

  setInterface(node: NodeRuntime, name: string, up: boolean): void {
    const lab = node.plan.interfaces.get(name) ?? name;
    ip(["-n", node.ns, "link", "set", lab, up ? "up" : "down"]);
  }

  /** IPv4 addresses present in a node's namespace. */
  addresses(node: NodeRuntime): Set<string> {
    const out = new Set<string>();
    try {
      for (const match of ip(["-n", node.ns, "-o", "-4", "addr", "show"]).matchAll(/\binet (\d+\.\d+\.\d+\.\d+)/g))
        out.add(match[1]);
    } catch {
      /* namespace gone */
    }
    return out;
  }

  /** Size of a node's log now (to read what comes after). */
  logSize(node: NodeRuntime): number {
    try {
      return statSync(node.log).size;
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
      for (const node of nodes)
        if (!out.has(node) && /Entering (MASTER|BACKUP|FAULT) STATE/i.test(this.logSince(node, from.get(node) ?? 0)))
          out.set(node, Date.now());
      await sleep(10);
    }
    return out;
  }

  /** Size of a node's read log now. */
  readLogSize(node: NodeRuntime): number {
    try {
      return statSync(node.readLog).size;
    } catch {
      return 0;
    }
  }

  /** The read log written since `from`. */
  readLogSince(node: NodeRuntime, from: number): string {
    try {
      const text = readFileSync(node.readLog);
      return text.subarray(Math.min(from, text.length)).toString("utf8");
    } catch {
      return "";
    }
  }

  /** The log written since `from`. */
  logSince(node: NodeRuntime, from: number): string {
    try {
      const text = readFileSync(node.log);
      return text.subarray(Math.min(from, text.length)).toString("utf8");
    } catch {
      return "";
    }
  }

  /** The last lines of a node's log (of its read log with `readLog`), without the dumps of its configuration. */
  logTail(node: NodeRuntime, lines = 40, readLog = false): string {
    try {
      const text = readFileSync(readLog ? node.readLog : node.log, "utf8").split("\n");
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
    for (const node of this.nodes) this.notePids(node);
    const ours = (node: NodeRuntime, pid: number): boolean =>
      alive(pid) && (node.daemon?.pid === pid || cmdline(pid).includes(node.conf));
    for (const node of this.nodes) for (const pid of node.pids) if (ours(node, pid)) kill(pid, "SIGTERM");
    const until = Date.now() + 3000;
    while (this.nodes.some((n) => [...n.pids].some((p) => ours(n, p))) && Date.now() < until) sleepSync(50);
    for (const node of this.nodes) for (const pid of node.pids) if (ours(node, pid)) kill(pid, "SIGKILL");
    for (const proc of this.processes) if (!proc.exited && alive(proc.pid)) kill(proc.pid, "SIGKILL");
    // Anything still running inside our namespaces (a stub script keepalived started) is ours too.
    for (const netns of this.created) {
      let pids: number[] = [];
      try {
        pids = ip(["netns", "pids", netns]).split(/\s+/).filter(Boolean).map(Number);
      } catch {
        /* none */
      }
      for (const pid of pids) kill(pid, "SIGKILL");
    }
    if (this.nodes.some((n) => [...n.pids].some((p) => alive(p)))) sleepSync(200);
    for (const netns of [...this.created].reverse()) {
      if (tryIp(["netns", "del", netns])) this.created.splice(this.created.indexOf(netns), 1);
    }
    if (keepDir) {
      for (const node of this.nodes) {
        try {
          mkdirSync(join(keepDir, this.options.prefix), { recursive: true });
          for (const logName of ["keepalived.conf", "keepalived.log", "keepalived-read.log"]) {
            const src = join(node.dir, logName);
            if (existsSync(src))
              writeFileSync(join(keepDir, this.options.prefix, `${node.plan.key}.${logName}`), readFileSync(src));
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
