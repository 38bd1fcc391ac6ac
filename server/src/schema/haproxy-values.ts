/**
 * How HAProxy reads the values of its arguments: integers (read_int64), delays (parse_time_err), sizes
 * (parse_size_err), IPv4/IPv6 addresses (inet_pton) and masks (str2mask, str2mask6), read in src/tools.c at 2.6.12,
 * 3.0.11 and 3.2.0 (the same code in the three).
 */

export type TimeResult =
  | { ok: true; ms: number; /** A character after the unit: HAProxy warns and ignores it. */ trailing?: string }
  | {
      ok: false;
      reason: "syntax" | "overflow" | "underflow";
      /** Offset of the first unexpected character. */ at: number;
    };

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * parse_time_err(): digits, then an optional unit (us, ms, s, m, h, d). A value is in `defaultUnit` without a unit
 * (milliseconds for most keywords, seconds for a few). At 2^31 units of the result or more: overflow; a non-zero
 * value that rounds to zero: underflow. A character after the unit only makes HAProxy warn.
 */
export function parseTime(text: string, defaultUnit: "ms" | "s" = "ms"): TimeResult {
  const digits = /^\d+/.exec(text);
  if (!digits) return { ok: false, reason: "syntax", at: 0 };
  const value = Number(digits[0]);
  let rest = text.slice(digits[0].length);
  let unitMs = UNIT_MS[defaultUnit];
  let trailing: string | undefined;
  if (rest !== "") {
    const unit = /^(us|ms|s|m|h|d)/.exec(rest);
    if (!unit) return { ok: false, reason: "syntax", at: digits[0].length };
    unitMs = UNIT_MS[unit[1]];
    rest = rest.slice(unit[1].length);
    if (rest !== "") trailing = rest[0];
  }
  // result = ceil(value * unit / target unit); the target unit is the default one
  const result = Math.ceil((value * unitMs) / UNIT_MS[defaultUnit]);
  if (result >= 0x80000000) return { ok: false, reason: "overflow", at: 0 };
  if (result === 0 && value !== 0) return { ok: false, reason: "underflow", at: 0 };
  return trailing === undefined ? { ok: true, ms: result } : { ok: true, ms: result, trailing };
}

/** parse_size_err(): digits and an optional k, m or g (either case), within 32 bits; undefined when refused. */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+)([kKmMgG]?)$/.exec(text);
  if (!m) return undefined;
  const shift = { "": 0, k: 10, m: 20, g: 30 }[m[2].toLowerCase() as "" | "k" | "m" | "g"];
  const value = Number(m[1]) * 2 ** shift;
  return value > 0xffffffff ? undefined : value;
}

/** read_int64() over the whole text: an optional sign and digits, nothing else. */
export function isInt64(text: string): boolean {
  return /^[-+]?\d+$/.test(text);
}

/** inet_pton(AF_INET): four decimal numbers of 0 to 255 (no leading zeros beyond one digit). */
export function isIpv4(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** inet_pton(AF_INET6): eight groups of up to four hex digits, one `::`, an IPv4 tail allowed. */
export function isIpv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return false;
  const double = text.split("::");
  if (double.length > 2) return false;
  const groups = (part: string): string[] | undefined => (part === "" ? [] : part.split(":"));
  const head = groups(double[0]);
  const tail = double.length === 2 ? groups(double[1]) : [];
  if (!head || !tail) return false;
  const all = [...head, ...tail];
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i];
    if (i === all.length - 1 && g.includes(".")) {
      if (!isIpv4(g)) return false;
      count += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) count++;
    else return false;
  }
  return double.length === 2 ? count < 8 : count === 8;
}

/** str2mask(): a dotted IPv4 mask or a length of 0 to 32. */
export function isIpv4Mask(text: string): boolean {
  return text.includes(".") ? isIpv4(text) : /^\d+$/.test(text) && Number(text) <= 32;
}

/** str2mask6(): an IPv6 mask or a length of 0 to 128. */
export function isIpv6Mask(text: string): boolean {
  return text.includes(":") ? isIpv6(text) : /^\d+$/.test(text) && Number(text) <= 128;
}
