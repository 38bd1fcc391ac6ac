/** IP addresses as keepalived and HAProxy write them: with an optional /prefix, normalised for comparison. */
import ipaddr from "ipaddr.js";

export interface IpAddress {
  /** Normalised text (IPv6 compressed, IPv4 dotted). */
  address: string;
  family: 4 | 6;
  prefix?: number;
}

/** Parsed addresses by text: a cluster compares the same few addresses thousands of times. Bounded. */
const parsed = new Map<string, IpAddress | null>();
const PARSED_MAX = 10_000;

export function parseIpAddress(text: string): IpAddress | undefined {
  const known = parsed.get(text);
  if (known !== undefined) return known ?? undefined;
  const result = parseUncached(text);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(text, result ? Object.freeze(result) : null);
  return result;
}

function parseUncached(text: string): IpAddress | undefined {
  const slash = text.indexOf("/");
  const host = slash >= 0 ? text.slice(0, slash) : text;
  const prefixText = slash >= 0 ? text.slice(slash + 1) : undefined;
  if (!ipaddr.isValid(host)) return undefined;
  // ipaddr.js accepts shorthand IPv4 forms ("10.1"); keepalived and HAProxy want four parts.
  if (!host.includes(":") && !ipaddr.IPv4.isValidFourPartDecimal(host)) return undefined;
  const parsed = ipaddr.parse(host);
  const family = parsed.kind() === "ipv6" ? 6 : 4;
  const out: IpAddress = { address: parsed.toString(), family };
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    const prefix = Number(prefixText);
    if (prefix > (family === 4 ? 32 : 128)) return undefined;
    out.prefix = prefix;
  }
  return out;
}

/** Same address, whatever its spelling ("2001:db8::1" = "2001:0db8:0:0:0:0:0:1"). */
export function sameAddress(a: string, b: string): boolean {
  const x = parseIpAddress(a);
  const y = parseIpAddress(b);
  return x !== undefined && y !== undefined && x.address === y.address;
}

export function normaliseAddress(text: string): string {
  return parseIpAddress(text)?.address ?? text;
}

/** Compare two addresses numerically (for keepalived's higher-IP tie-break); undefined when not comparable. */
export function compareAddresses(a: string, b: string): number | undefined {
  const x = parseIpAddress(a);
  const y = parseIpAddress(b);
  if (!x || !y || x.family !== y.family) return undefined;
  const xb = ipaddr.parse(x.address).toByteArray();
  const yb = ipaddr.parse(y.address).toByteArray();
  for (let i = 0; i < xb.length; i++) if (xb[i] !== yb[i]) return xb[i] - yb[i];
  return 0;
}

export function isWildcardHost(host: string): boolean {
  return (
    host === "" || host === "*" || host === "0.0.0.0" || host === "::" || host === "[::]" || host === "0:0:0:0:0:0:0:0"
  );
}

// ---------------------------------------------------------------- keepalived's own readers (v2.2.7, same in 2.3.x)

/** glibc inet_pton(): IPv4 as four decimal parts 0-255 without leading zeros; IPv6 without a zone (`%eth0`). */
export function inetPton(family: 4 | 6, text: string): string | undefined {
  if (family === 4) {
    if (!/^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/.test(text)) return undefined;
    if (text.split(".").some((part) => Number(part) > 255)) return undefined;
    return text;
  }
  if (text.includes("%") || !ipaddr.IPv6.isValid(text)) return undefined;
  const dotted = /:([^:]*\.[^:]*)$/.exec(text);
  if (dotted && inetPton(4, dotted[1]) === undefined) return undefined;
  if (text.split(":").some((group) => !group.includes(".") && group.length > 4)) return undefined;
  return ipaddr.parse(text).toString();
}

/** An address as one of keepalived's readers takes it: `address` is undefined when keepalived rejects the text. */
export interface KeepalivedAddress {
  /** From a ':' anywhere in the text, as keepalived decides it before parsing. */
  family: 4 | 6;
  /** Normalised address keepalived uses. */
  address?: string;
}

/**
 * lib/utils.c inet_stosockaddr(): unicast_src_ip, mcast_src_ip, mcast_dst_ip, unicast_peer entries (and the BFD,
 * checker and global addresses that use it). The text is cut at its first '-', else at its first '/', and what is
 * left must be an address: `192.0.2.11/24` and `192.0.2.11-20` are read as 192.0.2.11.
 */
export function readSocketAddress(text: string): KeepalivedAddress & { dropped?: string } {
  const family = text.includes(":") ? 6 : 4;
  const dash = text.indexOf("-");
  const cut = dash >= 0 ? dash : text.indexOf("/");
  const host = cut >= 0 ? text.slice(0, cut) : text;
  const address = inetPton(family, host);
  const out: KeepalivedAddress & { dropped?: string } = { family };
  if (address !== undefined) out.address = address;
  if (cut >= 0) out.dropped = text.slice(cut);
  return out;
}

/** keepalived's read_unsigned() of a prefix length, as `keepalived -t` and the running daemon each take it. */
export interface PrefixReading {
  /** The prefix keepalived -t reports using. */
  checked: number;
  /** The prefix the running daemon uses (it keeps a leading number followed by other characters). */
  running: number;
  /** Why keepalived reports the prefix, when it does. */
  error?: "negative" | "not-a-number" | "out-of-range";
}

/**
 * lib/parser.c read_unsigned_func(): strtoul() after leading blanks (an empty text reads as 0). With `keepalived -t`
 * any error means the host prefix; the running daemon keeps the value strtoul() found when it is in range, even with
 * other characters after it (`24x` is 24, `abc` is 0) or a minus sign before a 0.
 */
function readPrefix(text: string, max: number): PrefixReading {
  const body = text.replace(/^[ \t\f\n\r\v]+/, "");
  const negative = body.startsWith("-");
  const [signAndDigits = "", digits = ""] = /^[+-]?(\d*)/.exec(body) ?? [];
  const value = digits === "" ? 0 : Number(digits);
  const rest = body.slice(signAndDigits.length);
  if (negative) return { checked: max, running: value === 0 && rest === "" ? 0 : max, error: "negative" };
  if (value > max) return { checked: max, running: max, error: "out-of-range" };
  if (rest.length > 0 || signAndDigits === "+") return { checked: max, running: value, error: "not-a-number" };
  return { checked: value, running: value };
}

/**
 * keepalived/vrrp/vrrp_ipaddress.c parse_ipaddress(): virtual_ipaddress, virtual_ipaddress_excluded and
 * static_ipaddress entries (with `allowPrefix`), route gateways and sources (without). The family comes from a ':'
 * anywhere; with a prefix allowed the text before the first '/' is the address and the rest the prefix length
 * (a bad one is reported and the host prefix used); a '-' is not cut, so a range is not an address.
 */
export function readIpAddress(
  text: string,
  allowPrefix: boolean,
): KeepalivedAddress & { prefix: PrefixReading; prefixText?: string } {
  const family = text.includes(":") ? 6 : 4;
  const max = family === 4 ? 32 : 128;
  const slash = allowPrefix ? text.indexOf("/") : -1;
  const host = slash >= 0 ? text.slice(0, slash) : text;
  const address = inetPton(family, host);
  const out: KeepalivedAddress & { prefix: PrefixReading; prefixText?: string } = {
    family,
    prefix: slash >= 0 ? readPrefix(text.slice(slash + 1), max) : { checked: max, running: max },
  };
  if (slash >= 0) out.prefixText = text.slice(slash + 1);
  if (address !== undefined) out.address = address;
  return out;
}
