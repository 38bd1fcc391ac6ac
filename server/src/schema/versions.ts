/**
 * Target versions. A version is written as a minor (`2.3`) or a patch release (`2.3.3`): the keyword tables are per
 * minor, but some behaviour changed inside a minor (keepalived 2.3.2 and 2.3.3), so the patch is kept and compared
 * where it matters. A minor alone stands for the newest patch release of it that ha-lint knows (`2.3` = 2.3.4).
 */

export type Daemon = "haproxy" | "keepalived";

/**
 * The newest keepalived release of each minor (the tags of acassen/keepalived), used when only the minor is given.
 * HAProxy's behaviour changes that ha-lint follows all came with a minor's first release, so an HAProxy minor alone
 * stands for its .0.
 */
export const NEWEST_PATCH: Record<Daemon, Readonly<Record<string, string>>> = {
  keepalived: { "2.2": "2.2.8", "2.3": "2.3.4", "2.4": "2.4.3" },
  haproxy: {},
};

/**
 * The default targets: the versions a user most likely runs. keepalived 2.2.8 is what RHEL 9 (and its rebuilds) and
 * Ubuntu 24.04 ship, Debian 12 has 2.2.7 (same behaviour). HAProxy 2.6 is the oldest version ha-lint has tables for:
 * the most installed distribution packages are at or below it (RHEL 9 and Ubuntu 22.04 ship 2.4, Debian 12 2.6.12),
 * so it is the nearest to what most pairs run, and the one that refuses what older ones refuse.
 */
export const DEFAULT_VERSIONS: Record<Daemon, string> = { keepalived: "2.2.8", haproxy: "2.6.12" };

const VERSION = /^(\d+)\.(\d+)(?:\.(\d+))?$/;

/** Whether the text is a version ha-lint accepts on the command line and in .ha-lint.yaml: `2.3` or `2.3.3`. */
export function isVersion(text: string): boolean {
  return VERSION.test(text);
}

/** "2.3.3" -> [2, 3, 3]; a minor gets the newest patch of `NEWEST_PATCH`, else .0. */
export function versionParts(text: string, daemon?: Daemon): [number, number, number] {
  const full = daemon ? fullVersion(daemon, text) : text;
  const m = VERSION.exec(full.replace(/[-+~].*$/, ""));
  if (!m) return [0, 0, 0];
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

/** The patch release a version stands for: "2.3" -> "2.3.4", "2.3.3" -> "2.3.3". */
export function fullVersion(daemon: Daemon, text: string): string {
  const m = VERSION.exec(text);
  if (!m) return text;
  if (m[3] !== undefined) return text;
  return NEWEST_PATCH[daemon][`${m[1]}.${m[2]}`] ?? `${m[1]}.${m[2]}.0`;
}

/** "2.3.3" -> "2.3". */
export function minorOf(text: string): string {
  const m = VERSION.exec(text);
  return m ? `${m[1]}.${m[2]}` : text;
}

/** Numeric comparison of two versions, patch included (a minor alone is its newest known patch). */
export function compareFull(daemon: Daemon, a: string, b: string): number {
  const x = versionParts(a, daemon);
  const y = versionParts(b, daemon);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** Whether `version` of the daemon is `threshold` or later ("2.3.3" and later: atLeast("keepalived", v, "2.3.3")). */
export function atLeast(daemon: Daemon, version: string, threshold: string): boolean {
  // The threshold names the first release with the change: "2.3" is 2.3.0 (a target "2.3" is its newest patch).
  const [x, y] = [versionParts(version, daemon), versionParts(threshold)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
  return true;
}

/** Picks the table version that describes a requested target version: the same minor, else the newest older one. */
export function resolveVersion(requested: string, available: readonly string[]): string {
  const wanted = minorOf(requested);
  if (available.includes(wanted)) return wanted;
  const parts = (v: string): number[] => v.split(".").map((x) => Number.parseInt(x, 10) || 0);
  const cmp = (a: string, b: string): number => {
    const [x, y] = [parts(a), parts(b)];
    return x[0] !== y[0] ? x[0] - y[0] : (x[1] ?? 0) - (y[1] ?? 0);
  };
  let best = available[0];
  for (const v of available) if (cmp(v, wanted) <= 0 && cmp(v, best) > 0) best = v;
  if (cmp(wanted, available[available.length - 1]) > 0) return available[available.length - 1];
  return best;
}
