/**
 * The real haproxy and keepalived binaries of each Debian release on this machine: bookworm's are the machine's own,
 * trixie's and sid's live in the roots scripts/roots/build.sh makes, and run there with chroot.
 */
import { spawnSync } from "node:child_process";
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
    const command = set.root
      ? ["chroot", set.root, "/bin/sh", "-c", 'cd "$1" && shift && exec "$@"', "sh", inside, tool, ...args]
      : [onPath(tool) ?? tool, ...args];
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

/** `haproxy -c -f FILE` / `keepalived -t -f FILE -l -D -n` on one file of `files`. */
export function checkConfig(
  set: Toolset,
  tool: "haproxy" | "keepalived",
  file: string,
  files: Readonly<Record<string, string | Buffer>>,
  extraFds: readonly number[] = [],
  timeoutMs = 20_000,
): ToolRun {
  const args = tool === "haproxy" ? ["-c", "-f", file] : ["-t", "-f", file, "-l", "-D", "-n"];
  return runTool(set, tool, args, files, timeoutMs, extraFds);
}
