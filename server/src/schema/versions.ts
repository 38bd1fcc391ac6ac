/** Picks the table version that describes a requested target version: the same, else the newest older one. */
import { compareVersions } from "../syntax/haproxy/condition.js";

export function resolveVersion(requested: string, available: readonly string[]): string {
  if (available.includes(requested)) return requested;
  let best = available[0];
  for (const v of available) if (compareVersions(v, requested) <= 0 && compareVersions(v, best) > 0) best = v;
  if (compareVersions(requested, available[available.length - 1]) > 0) return available[available.length - 1];
  return best;
}
