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
