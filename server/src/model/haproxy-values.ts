/** Values as HAProxy 2.6 reads them from configuration words, for comparing what two files really say. */

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * parse_time_err() of src/tools.c with milliseconds as the default unit (timeouts, `inter`, ...): digits, then an
 * optional unit (us, ms, s, m, h, d), rounded up to whole milliseconds. Text after the unit only draws a warning, the
 * value still counts. Undefined when HAProxy refuses the word.
 */
export function timeInMs(text: string): number | undefined {
  const m = /^(\d+)(us|ms|s|m|h|d)?/.exec(text);
  if (!m) return undefined;
  if (m[2] === undefined && m[0].length !== text.length) return undefined;
  const value = Number(m[1]) * UNIT_MS[m[2] ?? "ms"];
  const result = Math.ceil(value);
  return result >= 0x80000000 || (result === 0 && Number(m[1]) !== 0) ? undefined : result;
}

/** atol(): leading blanks, an optional sign, then digits; whatever follows is ignored (`10k` is 10, `x` is 0). */
export function atol(text: string): number {
  const m = /^\s*([+-]?\d+)/.exec(text);
  return m ? Number.parseInt(m[1], 10) : 0;
}

/** A port or port range as str2sa_range() reads it (`080` is 80); other text is kept as written. */
export function normalisePort(port: string | undefined): string {
  if (port === undefined) return "";
  const m = /^(\d+)(?:-(\d+))?$/.exec(port);
  if (!m) return port;
  return m[2] === undefined ? String(Number(m[1])) : `${Number(m[1])}-${Number(m[2])}`;
}
