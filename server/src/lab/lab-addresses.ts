/**
 * The lab's own reading of address words, independent of the model: a word that starts with an IPv4 address as
 * inet_pton() reads one (four decimal parts 0..255, no leading zeros) has that address mapped and everything after it
 * kept as written. keepalived reads `unicast_src_ip` and `unicast_peer` words with inet_stosockaddr() (lib/utils.c),
 * which cuts the word at its first '-' or '/' before inet_pton(); VIPs with parse_ipaddress() (vrrp_ipaddress.c),
 * which cuts at '/' and reads the prefix. Keeping the rest of the word as written means keepalived reads the lab copy
 * exactly as it reads the original, whatever it makes of `/24`, `-range` or a typo; what it does make of it comes
 * from its own dump of the configuration (keepalived-dump.ts), never from here.
 */

export const LAB_RANGES = ["192.0.2.", "198.51.100.", "203.0.113."] as const;
/** Host numbers used in each lab /24 (10..249: clear of .0, .1-.9 and broadcast). */
const FIRST_HOST = 10;
const LAST_HOST = 249;

export class LabUnsupported extends Error {}

/** An IPv4 address at the start of a word, as inet_pton() would read it, and the rest of the word. */
export interface LeadingAddress {
  address: string;
  /** Numeric value, for ordering. */
  value: number;
  rest: string;
}

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d])/;

export function leadingIpv4(word: string): LeadingAddress | undefined {
  const m = DOTTED.exec(word);
  if (!m) return undefined;
  const parts = m.slice(1, 5);
  if (parts.some((p) => (p.length > 1 && p.startsWith("0")) || Number(p) > 255)) return undefined;
  const value = parts.reduce((acc, p) => acc * 256 + Number(p), 0);
  return { address: parts.join("."), value, rest: word.slice(m[0].length) };
}

/** The word looks like an IPv6 address (keepalived decides the family by the presence of ':'). */
export const looksIpv6 = (word: string): boolean => word.includes(":");

/** One-to-one map of a cluster's IPv4 addresses into the lab ranges, keeping their numeric order. */
export class AddressMap {
  private readonly map = new Map<string, string>();
  private readonly back = new Map<string, string>();
  private next = 0;

  constructor(words: Iterable<string>) {
    const found = new Map<string, number>();
    for (const w of words) {
      const a = leadingIpv4(w);
      if (a) found.set(a.address, a.value);
    }
    for (const [address] of [...found].sort((x, y) => x[1] - y[1])) this.assign(address, this.allocate());
  }

  private assign(original: string, lab: string): void {
    this.map.set(original, lab);
    this.back.set(lab, original);
  }

  private allocate(): string {
    const perRange = LAST_HOST - FIRST_HOST + 1;
    const i = this.next++;
    const range = LAB_RANGES[Math.floor(i / perRange)];
    if (!range) throw new LabUnsupported(`more than ${perRange * LAB_RANGES.length} addresses in one cluster`);
    return `${range}${FIRST_HOST + (i % perRange)}`;
  }

  /**
   * The lab text of a word: its leading IPv4 address mapped, the rest as written (`10.0.0.1/24` -> `192.0.2.10/24`);
   * undefined when the word does not start with an IPv4 address.
   */
  lab(word: string): string | undefined {
    const a = leadingIpv4(word);
    if (!a) return undefined;
    let mapped = this.map.get(a.address);
    if (mapped === undefined) this.assign(a.address, (mapped = this.allocate()));
    return `${mapped}${a.rest}`;
  }

  /** The lab address of a word's leading address, without the rest. */
  labAddress(word: string): string | undefined {
    const a = leadingIpv4(word);
    return a ? this.lab(a.address) : undefined;
  }

  /** The original address a lab address stands for. */
  original(lab: string): string | undefined {
    return this.back.get(lab);
  }

  /** A fresh lab address that maps no original address (for nodes whose own address the config does not give). */
  fresh(): string {
    return this.allocate();
  }

  entries(): [string, string][] {
    return [...this.map];
  }
}
