/**
 * Argument shapes for a keyword, from the argument hint of ha-lint's keyword tables ("<1..255>", "{MASTER|BACKUP}",
 * "<timeout>", "<IPADDR>") and from the arguments a base file gives it: valid values, values just outside a range,
 * other enumeration members and their wrong-case forms, wrong types, no argument and one argument too many. The
 * hint only steers which shapes are tried; what is valid is the binary's call.
 */
import type { SeededRandom } from "./seeded-random.js";

export type ArgumentShape =
  | "current"
  | "missing"
  | "extra"
  | "range"
  | "enumeration"
  | "number"
  | "timer"
  | "size"
  | "bool"
  | "address"
  | "word"
  | "junk";

export interface ShapedArguments {
  shape: ArgumentShape;
  args: string[];
}

const NUMBERS = ["0", "1", "2", "3", "100", "255", "256", "-1", "65535", "65536", "2147483647", "2147483648"];
const ODD_NUMBERS = ["4294967296", "1.5", "0x10", "010", "10abc", "+5", "1e3", "-0", "abc", "", "99999999999999999999"];
const TIMERS = ["1", "0", "2", "3.5", "0.5", "1s", "100ms", "5m", "1h", "1d", "-1", "abc", "2147483647", "1000000000"];
const HAPROXY_TIMES = ["5000", "5s", "5 s", "500ms", "1m", "2h", "1d", "0", "-1", "5x", "4294967296", "24d", "25d"];
const SIZES = ["1024", "16k", "1m", "1g", "0", "-1", "1x", "1K", "4294967296", "16kb"];
const BOOLS = ["on", "off", "true", "false", "yes", "no", "1", "0", "enable", "maybe"];
const WORDS = ["abc", "name_1", "A-Z.09", "x".repeat(64), "é", "a,b", "a=b", "*", "-", "--", "@x"];
const JUNK = ["'", '"', "\\", "{", "}", "#", "!", ";", "$", "`x`", "\t"];

/** Bounds of a hint like "<1..255>", "<-253:253>", "<2 or 3>", "<-20 to 19>", "<INTEGER:-253..253>". */
export function rangeOf(hint: string | undefined): [number, number] | undefined {
  if (!hint) return undefined;
  const found = /(-?\d+)\s*(?:\.\.|:|to|or)\s*(-?\d+)/.exec(hint);
  return found ? [Number(found[1]), Number(found[2])] : undefined;
}

/** Members of the first enumeration of a hint: "{MASTER|BACKUP}", "{ on | off }", "rr|wrr|lc", "TCP|UDP". */
export function enumerationOf(hint: string | undefined): string[] | undefined {
  if (!hint) return undefined;
  const braced = /\{([^{}]*\|[^{}]*)\}/.exec(hint);
  const bare = /^\s*([A-Za-z0-9_-]+(?:\s*\|\s*[A-Za-z0-9_-]+)+)/.exec(hint);
  const list = braced?.[1] ?? bare?.[1];
  if (!list) return undefined;
  const members = list
    .split("|")
    .map((m) => m.trim())
    .filter((m) => /^[A-Za-z0-9_.-]+$/.test(m));
  return members.length >= 2 ? members : undefined;
}

function caseChanged(word: string): string {
  const lower = word.toLowerCase();
  return lower !== word ? lower : word.toUpperCase();
}

/** The families of shapes a hint suggests, each with a weight. */
function familiesOf(hint: string | undefined, current: readonly string[]): [ArgumentShape, number][] {
  const text = hint ?? "";
  const families: [ArgumentShape, number][] = [
    ["missing", 2],
    ["extra", 2],
    ["junk", 1],
    ["word", 1],
  ];
  if (current.length > 0) families.push(["current", 1]);
  if (rangeOf(hint)) families.push(["range", 5]);
  if (enumerationOf(hint)) families.push(["enumeration", 5]);
  if (/timeout|<time>|TIMER|SECONDS|SECS|DECIMAL|delay|usecs/i.test(text)) families.push(["timer", 4]);
  if (/number|count|conns|INTEGER|NUM|PORT|size|BYTES|percent|<value>/i.test(text)) families.push(["number", 4]);
  if (/<size>|BYTES/i.test(text)) families.push(["size", 3]);
  if (/BOOL|on \| off|on\|off/i.test(text)) families.push(["bool", 4]);
  if (/IPADDR|IP ADDR|address|<addr>|ipv4|ipv6|network|HOSTNAME/i.test(text)) families.push(["address", 4]);
  if (!hint && current.length === 1 && /^-?\d+(\.\d+)?$/.test(current[0])) families.push(["number", 3], ["timer", 2]);
  return families;
}

/** One argument list for a keyword, of a shape chosen with `random`; `addresses` makes address arguments. */
export function shapeArguments(
  random: SeededRandom,
  hint: string | undefined,
  current: readonly string[],
  addresses: (random: SeededRandom) => string,
  haproxyTimes = false,
): ShapedArguments {
  const shape = random.weighted(familiesOf(hint, current));
  const rest = current.slice(1);
  const one = (value: string): string[] => [value, ...(random.chance(0.3) ? rest : [])];
  switch (shape) {
    case "current":
      return { shape, args: [...current] };
    case "missing":
      return { shape, args: current.length > 1 && random.chance(0.5) ? current.slice(0, -1) : [] };
    case "extra":
      return { shape, args: [...(current.length ? current : ["1"]), random.pick(["extra", "1", "x y", "{"])] };
    case "range": {
      const [low, high] = rangeOf(hint)!;
      const values = [low - 1, low, low + 1, Math.trunc((low + high) / 2), high - 1, high, high + 1, high * 10];
      return { shape, args: one(String(random.pick(values))) };
    }
    case "enumeration": {
      const members = enumerationOf(hint)!;
      const member = random.pick(members);
      const value = random.weighted<string>([
        [member, 4],
        [caseChanged(member), 2],
        [`${member}x`, 1],
        [member.slice(0, -1), 1],
        [members.join("|"), 1],
      ]);
      return { shape, args: one(value) };
    }
    case "number":
      return { shape, args: one(random.chance(0.7) ? random.pick(NUMBERS) : random.pick(ODD_NUMBERS)) };
    case "timer":
      return { shape, args: one(random.pick(haproxyTimes ? HAPROXY_TIMES : TIMERS)) };
    case "size":
      return { shape, args: one(random.pick(SIZES)) };
    case "bool":
      return { shape, args: one(random.pick(BOOLS)) };
    case "address":
      return { shape, args: one(addresses(random)) };
    case "word":
      return { shape, args: one(random.pick(WORDS)) };
    case "junk":
      return { shape, args: [...current.slice(0, 1), random.pick(JUNK)] };
  }
}
