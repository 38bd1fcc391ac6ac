/**
 * The real haproxy and keepalived binaries of each Debian release on this machine: bookworm's are the machine's own,
 * trixie's and sid's live in the roots scripts/roots/build.sh makes, and run there with chroot.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

export type Release = "bookworm" | "trixie" | "sid";

export interface Toolset {
  release: Release;
  /** Full versions, as the binaries print them: "2.6.12", "3.0.11", "2.3.4". */
  haproxy?: string;
  keepalived?: string;
  /** The Debian root the binaries run in; undefined for the machine's own. */
  root?: string;
}

export interface ToolRun {
  status: number | null;
  output: string;
  timedOut: boolean;
}

export const rootsDir = process.env.HA_LINT_ROOTS ?? join(homedir(), ".cache/ha-lint/roots");

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(":").concat(["/usr/sbin", "/sbin"])) {
    const file = join(dir, name);
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}

function hostVersion(tool: "haproxy" | "keepalived"): string | undefined {
  const bin = onPath(tool);
  if (!bin) return undefined;
  const r = spawnSync(bin, ["-v"], { encoding: "utf8" });
  const text = `${r.stdout}${r.stderr}`;
  const found =
    tool === "haproxy" ? /HAProxy version (\d+\.\d+\.\d+)/.exec(text) : /Keepalived v(\d+\.\d+\.\d+)/.exec(text);
  return found?.[1];
}

function rootToolset(release: Release): Toolset | undefined {
  const root = join(rootsDir, release);
  const marker = join(root, ".ha-lint-root");
  if (!existsSync(marker)) return undefined;
  const fields = Object.fromEntries(
    readFileSync(marker, "utf8")
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => l.split("=", 2) as [string, string]),
  );
  return { release, root, haproxy: fields.haproxy || undefined, keepalived: fields.keepalived || undefined };
}

let found: Toolset[] | undefined;

/** Every toolset this machine has, oldest release first. */
export function toolsets(): Toolset[] {
  if (!found) {
    const host: Toolset = {
      release: "bookworm",
      haproxy: hostVersion("haproxy"),
      keepalived: hostVersion("keepalived"),
    };
    found = [host, rootToolset("trixie"), rootToolset("sid")].filter(
      (t): t is Toolset => t !== undefined && (t.haproxy !== undefined || t.keepalived !== undefined),
    );
  }
  return found;
}

/** The toolset whose tool has this version ("3.2" or "3.2.26"), if the machine has it. */
export function toolsetFor(tool: "haproxy" | "keepalived", version: string): Toolset | undefined {
  return toolsets().find((t) => t[tool] === version || t[tool]?.startsWith(`${version}.`));
}

/** "2.6.12" -> "2.6": the version ha-lint's tables are keyed by. */
export function minor(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}

/**
 * Runs `tool args` in `cwd` with the files of `files` written there first (paths relative to cwd). In a root, the
 * folder is made inside it and the tool runs with chroot; the folder is removed afterwards.
 */
export function runTool(
  set: Toolset,
  tool: "haproxy" | "keepalived",
  args: readonly string[],
  files: Readonly<Record<string, string | Buffer>>,
  timeoutMs = 20_000,
  /** Open descriptors of this process to hand to the tool as its fds 3, 4, ... (VTest's fd@ macros). */
  extraFds: readonly number[] = [],
  /** Run in private namespaces that hold the node's interfaces and users (ToolSandbox). */
  sandbox?: ToolSandbox,
): ToolRun {
  const base = set.root ? join(set.root, "tmp") : undefined;
  if (base) mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base ?? process.env.TMPDIR ?? "/tmp", "ha-lint-tool-"));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const inside = set.root ? dir.slice(set.root.length) : dir;
    const direct = set.root
      ? ["chroot", set.root, "/bin/sh", "-c", 'cd "$1" && shift && exec "$@"', "sh", inside, tool, ...args]
      : [onPath(tool) ?? tool, ...args];
    const command = sandbox ? sandboxed(set, sandbox, dir, direct) : direct;
    const r = spawnSync(command[0], command.slice(1), {
      cwd: set.root ? "/" : dir,
      encoding: "utf8",
      timeout: timeoutMs,
      env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", LANG: "C" },
      ...(extraFds.length > 0 ? { stdio: ["ignore", "pipe", "pipe", ...extraFds] } : {}),
    });
    const timedOut = r.error !== undefined && (r.error as NodeJS.ErrnoException).code === "ETIMEDOUT";
    return { status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}`, timedOut };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a node has that this machine may not: its interfaces, the users its scripts run as, its /etc files. */
export interface ToolSandbox {
  /** Network interfaces of a private network namespace (veth, up, with addresses), as checkConfigBatch makes them. */
  interfaces: readonly string[];
  /** Users (each with a group of its name) added to the passwd and group files the tool sees. */
  users: readonly string[];
  /** Files the tool sees under /etc (paths relative to it): the node's check scripts, includes, ... */
  etc: Readonly<Record<string, { text: string | Buffer; mode: number }>>;
}

/**
 * `command` run in a private mount and network namespace: the interfaces made, and an overlay over the /etc the tool
 * reads (the root's, or this machine's) holding the sandbox's files and its users in passwd and group. The
 * overlay's layers and the files to copy are kept in `dir`.
 */
function sandboxed(set: Toolset, sandbox: ToolSandbox, dir: string, command: readonly string[]): string[] {
  const bad = sandbox.users.find((name) => !/^[a-z_][a-z0-9_-]{0,30}$/.test(name));
  if (bad !== undefined) throw new Error(`not a user name: ${bad}`);
  const etc = join(set.root ?? "/", "etc");
  const layers = join(dir, ".sandbox");
  mkdirSync(join(layers, "files"), { recursive: true });
  const lines = namespaceSetup(set, { interfaces: sandbox.interfaces }, dir);
  lines.push(
    `mkdir -p ${shellQuoted(`${layers}/upper`)} ${shellQuoted(`${layers}/work`)}`,
    `mount -t overlay overlay -o lowerdir=${shellQuoted(etc)},upperdir=${shellQuoted(`${layers}/upper`)},` +
      `workdir=${shellQuoted(`${layers}/work`)} ${shellQuoted(etc)}`,
  );
  Object.entries(sandbox.etc).forEach(([path, file], index) => {
    if (path.startsWith("/") || path.split("/").includes("..")) throw new Error(`not a path under /etc: ${path}`);
    writeFileSync(join(layers, "files", String(index)), file.text);
    const target = shellQuoted(join(etc, path));
    lines.push(
      `mkdir -p "$(dirname ${target})" && cp ${shellQuoted(join(layers, "files", String(index)))} ${target}`,
      `chmod ${file.mode.toString(8)} ${target}`,
    );
  });
  sandbox.users.forEach((name, index) => {
    const id = 64000 + index;
    lines.push(
      `grep -q '^${name}:' ${shellQuoted(`${etc}/passwd`)} || ` +
        `echo '${name}:x:${id}:${id}::/nonexistent:/usr/sbin/nologin' >> ${shellQuoted(`${etc}/passwd`)}`,
      `grep -q '^${name}:' ${shellQuoted(`${etc}/group`)} || echo '${name}:x:${id}:' >> ${shellQuoted(`${etc}/group`)}`,
    );
  });
  const script = [...lines, 'cd "$1" && shift && exec "$@"'].join("\n");
  return ["unshare", "-m", "-n", "/bin/sh", "-ec", script, "sh", dir, ...command];
}

/**
 * `haproxy -c -f FILE` / `keepalived -t -f FILE -l -D -n` on one file of `files`; with a sandbox, in private
 * namespaces holding the node's interfaces and users (test/support/fixture-sandbox.ts picks them for a fixture).
 */
export function checkConfig(
  set: Toolset,
  tool: "haproxy" | "keepalived",
  file: string,
  files: Readonly<Record<string, string | Buffer>>,
  extraFds: readonly number[] = [],
  timeoutMs = 20_000,
  sandbox?: ToolSandbox,
): ToolRun {
  const args = tool === "haproxy" ? ["-c", "-f", file] : ["-t", "-f", file, "-l", "-D", "-n"];
  return runTool(set, tool, args, files, timeoutMs, extraFds, sandbox);
}

/**
 * `haproxy -c -f A -f B ...`: several files and directories (paths relative to the run's folder, a directory with a
 * trailing slash), in the order given, as HAProxy loads a configuration split over files.
 */
export function checkHaproxyFiles(
  set: Toolset,
  entries: readonly string[],
  files: Readonly<Record<string, string | Buffer>>,
  timeoutMs = 20_000,
): ToolRun {
  return runTool(set, "haproxy", ["-c", ...entries.flatMap((entry) => ["-f", entry])], files, timeoutMs);
}

/** The environment every tool run gets (and nothing else): what ha-lint should assume HAProxy sees. */
export const TOOL_ENV: Readonly<Record<string, string>> = { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", LANG: "C" };

export interface CheckJob {
  /** The text of the file checked: keepalived.conf or haproxy.cfg in a folder of its own. */
  text: string | Buffer;
  /** Variables the tool sees on top of TOOL_ENV. */
  env?: Readonly<Record<string, string>>;
}

export interface BatchOptions {
  /**
   * Run in a private network and mount namespace holding these interfaces (veth, up, each with an IPv4 and an IPv6
   * address), so that keepalived finds the interfaces a configuration names whatever this machine has.
   */
  interfaces?: readonly string[];
  /**
   * Hide the system CA folder (/etc/ssl/certs) in that namespace. haproxy's httpclient loads every system CA at start
   * unless told otherwise, which costs two thirds of a `haproxy -c` run; the trixie and sid roots have no CA store
   * at all. Leave it visible for files that configure the httpclient or name @system-ca.
   */
  hideSystemCa?: boolean;
  /**
   * Files the tool sees at these absolute paths (certificates, error pages, check scripts a configuration names), in
   * that namespace only: the top folder of each (etc, usr, opt, srv, var) gets an overlay holding them.
   */
  files?: Readonly<Record<string, { text: string | Buffer; mode?: number }>>;
  /** Per run; a run that takes longer is killed and reported as timed out. */
  timeoutMs?: number;
}

const shellQuoted = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/** The file a batch job's tool checks, in the folder of the job. */
export const batchFileName = (tool: "haproxy" | "keepalived"): string =>
  tool === "haproxy" ? "haproxy.cfg" : "keepalived.conf";

const OVERLAID_FOLDERS = new Set(["etc", "usr", "opt", "srv", "var"]);

/** Commands that show `options.files` at their paths: one overlay per top folder, the files copied from `store`. */
function overlaidFiles(set: Toolset, options: BatchOptions, store: string): string[] {
  const shown = (path: string): boolean => {
    const top = path.split("/")[1];
    return (
      path.startsWith("/") &&
      !path.includes("..") &&
      OVERLAID_FOLDERS.has(top) &&
      existsSync(join(set.root ?? "/", top))
    );
  };
  const all = Object.keys(options.files ?? {});
  const tops = [...new Set(all.filter(shown).map((p) => p.split("/")[1]))];
  if (tops.length === 0) return [];
  const lines = [`mount -t tmpfs none ${shellQuoted(`${store}/layers`)}`];
  for (const top of tops) {
    const lower = shellQuoted(join(set.root ?? "/", top));
    const layer = `${store}/layers/${top}`;
    lines.push(
      `mkdir -p ${shellQuoted(`${layer}/upper`)} ${shellQuoted(`${layer}/work`)}`,
      `mount -t overlay overlay -o lowerdir=${lower},upperdir=${shellQuoted(`${layer}/upper`)},` +
        `workdir=${shellQuoted(`${layer}/work`)} ${lower}`,
    );
  }
  all.forEach((path, index) => {
    if (!shown(path)) return;
    const target = shellQuoted(join(set.root ?? "/", path));
    const mode = (options.files![path].mode ?? 0o644).toString(8);
    lines.push(
      `mkdir -p "$(dirname ${target})" && cp ${shellQuoted(`${store}/${index}`)} ${target} && chmod ${mode} ${target}`,
    );
  });
  return lines;
}

/** Commands of the namespace set-up: the interfaces and their addresses (one `ip -batch`), the hidden CA folder. */
function namespaceSetup(set: Toolset, options: BatchOptions, store: string): string[] {
  const bad = (options.interfaces ?? []).find((name) => !/^[A-Za-z0-9_.-]{1,15}$/.test(name));
  if (bad !== undefined) throw new Error(`not an interface name: ${bad}`);
  const links = (options.interfaces ?? []).flatMap((name, index) => [
    `link add ${name} type veth peer name hlpeer${index}`,
    `link set hlpeer${index} up`,
    `link set ${name} up`,
    `addr add 192.0.2.${10 + index}/24 dev ${name}`,
    `addr add 2001:db8::${(10 + index).toString(16)}/64 dev ${name} nodad`,
  ]);
  const lines = options.interfaces ? [["ip -batch - <<'EOF'", "link set lo up", ...links, "EOF"].join("\n")] : [];
  lines.push(...overlaidFiles(set, options, store));
  if (options.hideSystemCa) {
    const certs = shellQuoted(join(set.root ?? "/", "etc/ssl/certs"));
    lines.push(`if [ -d ${certs} ]; then mount -t tmpfs -o size=4k,ro none ${certs}; fi`);
  }
  return lines;
}

/**
 * `haproxy -c` / `keepalived -t -l -D -n` on many files with one process start for the whole batch: every job's file
 * is written in a folder of its own, one shell runs the tool on each in turn (in the toolset's root with chroot, and
 * in a private namespace when `options.interfaces` is set) and the outputs are read back, in the order of `jobs`.
 * Asynchronous, so that a pool can keep one batch running per core.
 */
export async function checkConfigBatch(
  set: Toolset,
  tool: "haproxy" | "keepalived",
  jobs: readonly CheckJob[],
  options: BatchOptions = {},
): Promise<ToolRun[]> {
  const base = set.root ? join(set.root, "tmp") : undefined;
  if (base) mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base ?? process.env.TMPDIR ?? "/tmp", "ha-lint-batch-"));
  const inside = set.root ? dir.slice(set.root.length) : dir;
  const seconds = Math.ceil((options.timeoutMs ?? 20_000) / 1000);
  const file = batchFileName(tool);
  const args = tool === "haproxy" ? ["-c", "-f", file] : ["-t", "-f", file, "-l", "-D", "-n"];
  try {
    const script = ["#!/bin/sh"];
    jobs.forEach((job, index) => {
      mkdirSync(join(dir, String(index)));
      writeFileSync(join(dir, String(index), file), job.text);
      const env = Object.entries({ ...TOOL_ENV, ...job.env }).map(([k, v]) => shellQuoted(`${k}=${v}`));
      script.push(
        `cd ${shellQuoted(`${inside}/${index}`)} && ` +
          `env -i ${env.join(" ")} timeout -k 2 ${seconds} ${tool} ${args.join(" ")} >out 2>&1; echo $? >rc`,
      );
    });
    writeFileSync(join(dir, "batch.sh"), `${script.join("\n")}\n`);
    const run = set.root ? `exec chroot ${shellQuoted(set.root)} /bin/sh ${shellQuoted(`${inside}/batch.sh`)}` : "";
    const command = set.root ? run : `exec /bin/sh ${shellQuoted(join(dir, "batch.sh"))}`;
    const store = join(dir, "files");
    mkdirSync(join(store, "layers"), { recursive: true });
    // Written in the order of Object.keys(options.files), which overlaidFiles() copies them by.
    Object.values(options.files ?? {}).forEach((file, index) => writeFileSync(join(store, String(index)), file.text));
    const sandboxed =
      options.interfaces !== undefined || options.hideSystemCa === true || Object.keys(options.files ?? {}).length > 0;
    const argv = sandboxed
      ? [
          "unshare",
          "-m",
          ...(options.interfaces ? ["-n"] : []),
          "/bin/sh",
          "-ec",
          [...namespaceSetup(set, options, store), command].join("\n"),
        ]
      : ["/bin/sh", "-c", command];
    await new Promise<void>((resolveRun, rejectRun) => {
      const child = spawn(argv[0], argv.slice(1), { stdio: ["ignore", "ignore", "pipe"], env: { ...TOOL_ENV } });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", rejectRun);
      child.on("close", (code) =>
        code === 0 ? resolveRun() : rejectRun(new Error(`batch of ${jobs.length} failed (exit ${code}): ${stderr}`)),
      );
    });
    return jobs.map((_, index) => {
      const rcText = readFileSync(join(dir, String(index), "rc"), "utf8").trim();
      const output = readFileSync(join(dir, String(index), "out"), "utf8");
      const status = Number(rcText);
      return status === 124 || status === 137
        ? { status: null, output, timedOut: true }
        : { status, output, timedOut: false };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
