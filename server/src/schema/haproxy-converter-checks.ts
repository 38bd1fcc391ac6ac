/**
 * The checks some converters run on their arguments once make_arg_list() has read them (the `val_args` function of
 * their keyword-list entry), with the refusal each prints after "invalid args in converter '<name>' : ". Only the
 * checks read in the sources of each version are here; a converter without one accepts what its mask accepts.
 */
import type { ParsedArg } from "./haproxy-sample-arguments.js";
import { atLeast } from "./versions.js";
import { isInt64 } from "./haproxy-values.js";

/** vars_hash_name() (3.0.11 src/vars.c): a scope, then a non-empty name of letters, digits, '_' and '.'. */
function isVariableName(text: string): boolean {
  return /^(proc|sess|txn|req|res|check)\.[A-Za-z0-9_.]+$/.test(text);
}

/**
 * check_operator() (3.0.11 src/sample.c): a variable name, else an integer (read_int64(), the whole text); the integer
 * it reads, or "variable", or the refusal.
 */
function operator(arg: ParsedArg): bigint | "variable" | { refusal: string } {
  if (isVariableName(arg.value)) return "variable";
  if (!isInt64(arg.value)) return { refusal: "expects an integer or a variable name" };
  return BigInt(arg.value);
}

/** sample_conv_bytes_check() (v3.0.0 to 3.2.26 src/sample.c): offset >= 0, length > 0, each an integer or variable. */
function bytesCheck(args: readonly ParsedArg[]): string | undefined {
  const offset = args[0] ? operator(args[0]) : "variable";
  if (typeof offset === "object") return offset.refusal;
  if (typeof offset === "bigint" && offset < 0n) return "expects a non-negative integer";
  if (!args[1]) return undefined;
  const length = operator(args[1]);
  if (typeof length === "object") return length.refusal;
  if (typeof length === "bigint" && length <= 0n) return "expects a positive integer";
  return undefined;
}

/** sample_conv_param_check() (v2.8.0 to 3.2.26 src/sample.c): a delimiter, when given, of exactly one character. */
function paramCheck(args: readonly ParsedArg[]): string | undefined {
  const delimiter = args[1];
  return delimiter && delimiter.value.length !== 1 ? "Delimiter must be exactly 1 character." : undefined;
}

/** strtoll(text, &end, 0) of the C library: the value (clamped to 64 bits) and the offset where reading stopped. */
function strtoll(text: string): { value: bigint; end: number } {
  let i = 0;
  while (i < text.length && " \t\n\v\f\r".includes(text[i])) i++;
  const negative = text[i] === "-";
  if (text[i] === "-" || text[i] === "+") i++;
  let base = 10;
  if (text[i] === "0" && /[xX]/.test(text[i + 1] ?? "") && /[0-9a-fA-F]/.test(text[i + 2] ?? "")) {
    base = 16;
    i += 2;
  } else if (text[i] === "0") base = 8;
  const digits = base === 16 ? /[0-9a-fA-F]/ : base === 8 ? /[0-7]/ : /[0-9]/;
  const start = i;
  let value = 0n;
  while (i < text.length && digits.test(text[i])) value = value * BigInt(base) + BigInt(parseInt(text[i++], base));
  if (i === start) return { value: 0n, end: 0 };
  const max = (1n << 63n) - 1n;
  const signed = negative ? -value : value;
  return { value: signed > max ? max : signed < -max - 1n ? -max - 1n : signed, end: i };
}

/** sample_conv_hasctl_check() (3.2.26; upstream commit 33374957d): empty, any, http, or a mask of 33 bits. */
function hasCtlCheck(args: readonly ParsedArg[]): string | undefined {
  const text = args[0]?.value ?? "";
  if (text === "" || text === "any" || text === "http") return undefined;
  const { value, end } = strtoll(text);
  if (end !== text.length)
    return (
      `cannot parse value '${text}', problem at position ${end}; expecting an integer value (decimal or hex with ` +
      `'0x' prefix).`
    );
  const excess = BigInt.asUintN(64, value) & ~0x1ffffffffn;
  return excess !== 0n ? `unsupported excess bits 0x${excess.toString(16)} in argument value ${text}` : undefined;
}

interface ConverterCheck {
  /** The first table version whose sources run the check (2.6 has no check for bytes: its mask takes integers). */
  since: string;
  check: (args: readonly ParsedArg[]) => string | undefined;
}

const CHECKS: Readonly<Record<string, ConverterCheck>> = {
  bytes: { since: "3.0", check: bytesCheck },
  param: { since: "2.8", check: paramCheck },
  // in the 3.2 table from the 3.2.26 binary; the v3.2.0 tag has no has_ctl
  has_ctl: { since: "3.2", check: hasCtlCheck },
};

/** What HAProxy `version` says of these arguments of converter `name`, or undefined when it accepts them. */
export function converterArgumentRefusal(
  name: string,
  version: string,
  args: readonly ParsedArg[],
): string | undefined {
  const entry = CHECKS[name];
  if (!entry || !atLeast("haproxy", version, entry.since)) return undefined;
  return entry.check(args);
}
