/**
 * Which keepalived the lab runs: the machine's own (PATH), or the one of a Debian root that scripts/roots/build.sh
 * made (`$HA_LINT_ROOTS`, default ~/.cache/ha-lint/roots/<release>, with its `.ha-lint-root` marker naming the
 * versions), run with chroot inside each node's namespace.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface KeepalivedBinary {
  /** Full version as the binary prints it: "2.2.7". */
  version: string;
  /** Path of the binary (inside the root when there is one). */
  path: string;
  /** The Debian root it runs in (chroot); undefined for the machine's own. */
  root?: string;
  /** The root's release ("sid"), or "host". */
  release: string;
}

export function which(cmd: string): string | undefined {
  const dirs = (process.env.PATH ?? "").split(":").concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]);
  for (const d of dirs) {
    if (!d.startsWith("/")) continue;
    const p = join(d, cmd);
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

export function rootsFolder(): string {
  return process.env.HA_LINT_ROOTS ?? join(homedir(), ".cache/ha-lint/roots");
}

function hostKeepalived(): KeepalivedBinary | undefined {
  const path = which("keepalived");
  if (!path) return undefined;
  const run = spawnSync(path, ["--version"], { encoding: "utf8", timeout: 5000 });
  const version = /Keepalived v(\d+\.\d+\.\d+)/.exec(`${run.stdout ?? ""}${run.stderr ?? ""}`)?.[1];
  return version ? { version, path, release: "host" } : undefined;
}

/** The keepalived of every complete root (its marker file names the version). */
function rootKeepaliveds(): KeepalivedBinary[] {
  const base = rootsFolder();
  let releases: string[] = [];
  try {
    releases = readdirSync(base).filter((r) => existsSync(join(base, r, ".ha-lint-root")));
  } catch {
    return [];
  }
  const out: KeepalivedBinary[] = [];
  for (const release of releases.sort()) {
    const root = join(base, release);
    const version = /^keepalived=(\d+\.\d+\.\d+)$/m.exec(readFileSync(join(root, ".ha-lint-root"), "utf8"))?.[1];
    const path = ["/usr/sbin/keepalived", "/sbin/keepalived"].find((p) => existsSync(join(root, p)));
    if (version && path) out.push({ version, path, root, release });
  }
  return out;
}

/** Every keepalived the lab can run here, the machine's own first. */
export function availableKeepaliveds(): KeepalivedBinary[] {
  const host = hostKeepalived();
  return [...(host ? [host] : []), ...rootKeepaliveds().filter((r) => r.version !== host?.version)];
}

const compare = (a: string, b: string): number => {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++)
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
};

/**
 * The keepalived of this version ("2.3.4", or "2.3" for the newest 2.3.x here); without a version, the machine's
 * own. Undefined when this machine has none.
 */
export function findKeepalived(version?: string): KeepalivedBinary | undefined {
  const all = availableKeepaliveds();
  if (version === undefined) return all.find((b) => b.release === "host");
  const matching = all.filter((b) => b.version === version || b.version.startsWith(`${version}.`));
  return matching.sort((a, b) => compare(b.version, a.version))[0];
}
