/**
 * keepalived's number readers (lib/parser.c read_int_func(), read_unsigned_func(), read_unsigned64_func(),
 * read_decimal_unsigned_long_func() at v2.2.7, the same at v2.3.x), on one word: what `keepalived -t` prints and
 * what the handler gets back, under -t and in the daemon.
 */
import type { ValueRead } from "../../schema/keepalived-values.js";

const C_SPACE = /[ \t\n\v\f\r]/;
const LONG_MAX = 2n ** 63n - 1n;
const ULONG_MAX = 2n ** 64n - 1n;
const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const UINT_MAX = 2n ** 32n - 1n;

interface Strto {
  value: bigint;
  /** Characters consumed (0 when no digits: C's endptr is then the start of the string). */
  end: number;
  overflow: boolean;
}

/** C strtol()/strtoul()/strtoull() (glibc): leading space, a sign, the base prefix, digits. */
function strto(text: string, base: number, signed: boolean): Strto {
  let i = 0;
  while (i < text.length && C_SPACE.test(text[i])) i++;
  let negative = false;
  if (text[i] === "+" || text[i] === "-") {
    negative = text[i] === "-";
    i++;
  }
  let radix = base;
  const hexPrefix =
    text[i] === "0" && (text[i + 1] === "x" || text[i + 1] === "X") && /[0-9a-fA-F]/.test(text[i + 2] ?? "");
  if ((radix === 0 || radix === 16) && hexPrefix) {
    radix = 16;
    i += 2;
  } else if (radix === 0) radix = text[i] === "0" ? 8 : 10;
  const start = i;
  let value = 0n;
  let overflow = false;
  const limit = signed ? (negative ? LONG_MAX + 1n : LONG_MAX) : ULONG_MAX;
  for (; i < text.length; i++) {
    const digit = Number.parseInt(text[i], 36);
    if (Number.isNaN(digit) || digit >= radix) break;
    value = value * BigInt(radix) + BigInt(digit);
    if (value > limit) overflow = true;
  }
  if (i === start) return { value: 0n, end: 0, overflow: false };
  if (overflow) value = limit;
  if (negative) value = signed ? -value : (ULONG_MAX + 1n - value) % (ULONG_MAX + 1n);
  return { value, end: i, overflow };
}

export interface NumberVerdict {
  /** What keepalived -t prints (empty when the word is a valid number in range). */
  said: string[];
  /** The reader returns true under -t (the handler takes the value). */
  takenByTest: boolean;
  /** The reader returns true in the daemon; `value` is what it takes (in the table's units). */
  takenByDaemon: boolean;
  value?: bigint;
}

function big(n: number | string | undefined, fallback: bigint): bigint {
  return n === undefined ? fallback : BigInt(n);
}

/** A decimal bound as read_decimal_unsigned_long_func() prints it: "0.010000". */
function decimal(value: bigint, shift: number): string {
  const scale = 10n ** BigInt(shift);
  return shift ? `${value / scale}.${(value % scale).toString().padStart(shift, "0")}` : `${value}`;
}

function integerRead(word: string, read: ValueRead): NumberVerdict {
  const kind = read.kind;
  const min = big(read.min, 0n);
  const max = big(read.max, kind === "int" ? INT_MAX : kind === "unsigned" ? UINT_MAX : ULONG_MAX);
  const signed = kind === "int";
  let offset = 0;
  if (!signed) while (offset < word.length && C_SPACE.test(word[offset])) offset++;
  const rest = word.slice(offset);
  const parsed = strto(rest, read.base ?? 10, signed);
  const trailing = parsed.end < rest.length;
  const bound = kind === "unsigned64" ? "unsigned 64 bit" : kind === "unsigned" ? "unsigned integer" : "integer";
  const said: string[] = [];
  if (!signed && rest.startsWith("-")) said.push(`negative number '${word}'`);
  else if (trailing) said.push(`invalid number '${word}'`);
  else if (parsed.overflow || (kind === "int" && (parsed.value < INT_MIN || parsed.value > INT_MAX)))
    said.push(`number '${word}' outside ${bound} range`);
  else if (kind === "unsigned" && parsed.value > UINT_MAX) said.push(`number '${word}' outside ${bound} range`);
  else if (parsed.value < min || parsed.value > max) said.push(`number '${word}' outside range [${min}, ${max}]`);
  if (said.length === 0) return { said, takenByTest: true, takenByDaemon: true, value: parsed.value };
  const inRange = parsed.value >= min && parsed.value <= max;
  return { said, takenByTest: false, takenByDaemon: !!read.ignoreError && inRange, value: parsed.value };
}

function decimalRead(word: string, read: ValueRead): NumberVerdict {
  const shift = read.shift ?? 0;
  const min = big(read.min, 0n);
  const max =
    read.kind === "timer" && (read.max === undefined || read.max === 0) ? ULONG_MAX - 1n : big(read.max, ULONG_MAX);
  if (word.startsWith("-")) return { said: [`negative number '${word}'`], takenByTest: false, takenByDaemon: false };
  const said: string[] = [];
  const dot = word.indexOf(".");
  let places = dot >= 0 ? word.length - dot - 1 : 0;
  let roundUp = false;
  if (places > shift) {
    said.push(`number '${word}' has too many decimal places`);
    roundUp = word[dot + shift + 1] >= "5";
    places = shift;
  }
  const digits = dot >= 0 ? word.slice(0, dot) + word.slice(dot + 1, dot + 1 + places) : word;
  const updated = digits + "0".repeat(shift - places);
  const parsed = strto(updated, 10, false);
  let value = parsed.value + (roundUp ? 1n : 0n);
  if (parsed.overflow) value = ULONG_MAX;
  const valid = parsed.end === updated.length && updated.length > 0 ? true : updated.length === 0;
  const inRange = value >= min && value <= max;
  if (!valid) {
    said.push(`invalid number '${word}'`);
    const taken = !!read.ignoreError && inRange;
    return { said, takenByTest: taken, takenByDaemon: taken, value };
  }
  if (parsed.overflow) {
    said.push(`number '${word}' outside unsigned decimal range`);
    return { said, takenByTest: false, takenByDaemon: false };
  }
  if (!inRange) {
    said.push(`number '${word}' outside range [${decimal(min, shift)}, ${decimal(max, shift)}]`);
    return { said, takenByTest: false, takenByDaemon: false, value };
  }
  return { said, takenByTest: true, takenByDaemon: true, value };
}

/** The verdict of keepalived's number reader on one word. */
export function readNumber(word: string, read: ValueRead): NumberVerdict {
  return read.kind === "decimal" || read.kind === "timer" ? decimalRead(word, read) : integerRead(word, read);
}

/** A value in the table's units as written in a configuration ("1.5" for 1500000 with shift 6). */
export function shown(value: bigint, shift = 0): string {
  if (!shift) return `${value}`;
  const text = decimal(value, shift).replace(/0+$/, "");
  return text.endsWith(".") ? text.slice(0, -1) : text;
}

/** lib/parser.c check_true_false(): the words keepalived reads as on or off. */
export function isOnOff(word: string): boolean {
  return ["true", "on", "yes", "false", "off", "no"].includes(word);
}
