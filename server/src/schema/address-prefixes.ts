/**
 * Address prefixes HAProxy accepts in `bind`, `server` and `log` addresses, per version: read from
 * `str2sa_range()` in src/tools.c (and `backend@` from src/log.c) at the tags v2.6.0, v2.8.0, v3.0.0, v3.2.0, v3.4.0.
 */
import { compareVersions } from "../syntax/haproxy/condition.js";

const SINCE: Record<string, string> = {
  "stream+": "2.6",
  "dgram+": "2.6",
  "unix@": "2.6",
  "uxdg@": "2.6",
  "uxst@": "2.6",
  "abns@": "2.6",
  "ip@": "2.6",
  "ipv4@": "2.6",
  "ipv6@": "2.6",
  "tcp4@": "2.6",
  "udp4@": "2.6",
  "tcp6@": "2.6",
  "udp6@": "2.6",
  "tcp@": "2.6",
  "udp@": "2.6",
  "quic4@": "2.6",
  "quic6@": "2.6",
  "fd@": "2.6",
  "sockpair@": "2.6",
  "quic+": "2.8",
  "rhttp@": "3.0",
  "abnsz@": "3.2",
  "mptcp@": "3.2",
  "mptcp4@": "3.2",
  "mptcp6@": "3.2",
};

/** `ring@NAME` and `backend@NAME` targets of `log` lines. */
const LOG_ONLY_SINCE: Record<string, string> = { "ring@": "2.6", "backend@": "3.0" };

export interface PrefixCheck {
  prefix: string;
  known: boolean;
  /** Version that introduced it, when it exists in a newer one. */
  since?: string;
}

/** The address family prefix of an address (`ipv4@`, `stream+fd@`...) and whether the version knows it. */
export function checkAddressPrefix(address: string, version: string, forLog = false): PrefixCheck | undefined {
  const m = /^((?:stream\+|dgram\+|quic\+)?)([a-z0-9]+@)?/.exec(address);
  if (!m || (!m[1] && !m[2])) return undefined;
  for (const part of [m[1], m[2]]) {
    if (!part) continue;
    const since = SINCE[part] ?? (forLog ? LOG_ONLY_SINCE[part] : undefined);
    if (since === undefined) return { prefix: part, known: false };
    if (compareVersions(version, since) < 0) return { prefix: part, known: false, since };
  }
  return { prefix: m[1] + (m[2] ?? ""), known: true };
}
