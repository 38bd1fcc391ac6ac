/**
 * The arguments of a sample fetch or converter as HAProxy's make_arg_list() (src/arg.c, 2.6.12, 3.0.11, 3.2.0) reads
 * them against the keyword's argument mask: quotes and backslashes inside the parentheses, one value per comma, each
 * parsed as its type; too few mandatory arguments, an empty or unparsable value, and more arguments than the mask
 * allows are refused. References (backend, server, table, ...) are kept as names, resolved after parsing.
 */
import type { KeywordSpec } from "./types.js";
import { isInt64, isIpv4, isIpv4Mask, isIpv6, isIpv6Mask, parseSize, parseTime } from "./haproxy-values.js";

/** arg_type_names[] of src/arg.c. */
export const ARG_TYPE_NAMES: Record<string, string> = {
  SINT: "integer",
  STR: "string",
  ID: "identifier",
  IPV4: "IPv4 address",
  MSK4: "IPv4 mask",
  IPV6: "IPv6 address",
  MSK6: "IPv6 mask",
  TIME: "delay",
  SIZE: "size",
  FE: "frontend",
  BE: "backend",
  TAB: "table",
  SRV: "server",
  USR: "user list",
  MAP: "map",
  REG: "regex",
  VAR: "variable",
  PBUF_FNUM: "Protocol buffers field number",
};

/** Types kept as a name while parsing and resolved against the configuration afterwards. */
export const REFERENCE_TYPES = new Set(["FE", "BE", "TAB", "SRV", "USR", "REG"]);

export interface ArgMask {
  mandatory: number;
  types: string[];
}

export function argMaskOf(spec: KeywordSpec, version: string): ArgMask | undefined {
  const group = spec.argMasks?.find((g) => g.versions.includes(version));
  return group ? { mandatory: group.mandatory, types: group.types } : undefined;
}

export interface ParsedArg {
  type: string;
  value: string;
  /** Offset of the value in the text (of its first character, quotes included). */
  offset: number;
}

export type ArgProblem =
  | { kind: "missing"; got: number; mandatory: number; type: string }
  | { kind: "empty"; position: number; type: string }
  | { kind: "unparsable"; position: number; type: string; value: string }
  | { kind: "extra"; rest: string };

export interface ArgList {
  args: ParsedArg[];
  /** Offset just after the list (after the closing parenthesis, or `start` when there is none). */
  end: number;
  problem?: ArgProblem;
  /** Offset in the text the problem is about. */
  problemAt?: number;
}

function parses(type: string, value: string): boolean {
  switch (type) {
    case "SINT":
      return isInt64(value);
    case "IPV4":
      return isIpv4(value);
    case "MSK4":
      return isIpv4Mask(value);
    case "IPV6":
      return isIpv6(value);
    case "MSK6":
      return isIpv6Mask(value);
    case "TIME":
      return parseTime(value).ok;
    case "SIZE":
      return parseSize(value) !== undefined;
    case "PBUF_FNUM":
      return /^\d+(\.\d+)*$/.test(value);
    default:
      return true;
  }
}

/** Types whose empty value is refused (strings and names may be empty). */
const NEEDS_VALUE = new Set(["SINT", "IPV4", "MSK4", "IPV6", "MSK6", "TIME", "SIZE", "PBUF_FNUM"]);

/** Reads the argument list at `start` of `text` (a `(` there, or no list at all) against the mask. */
export function readArgList(text: string, start: number, mask: ArgMask): ArgList {
  const args: ParsedArg[] = [];
  const hasList = text[start] === "(";
  let i = hasList ? start + 1 : start;
  const nbarg = mask.types.length;
  if (nbarg === 0) {
    // No argument in the mask: only an empty pair of parentheses is accepted.
    if (!hasList) return { args, end: start };
    if (text[i] === ")") return { args, end: i + 1 };
    return { args, end: i, problem: { kind: "extra", rest: text.slice(i) }, problemAt: i };
  }
  if (!hasList && mask.mandatory === 0) return { args, end: start };
  let pos = 0;
  while (pos < nbarg) {
    let value = "";
    let squote = false;
    let dquote = false;
    const valueStart = i;
    while (hasList && i < text.length) {
      const c = text[i];
      if (c === '"' && !squote) dquote = !dquote;
      else if (c === "'" && !dquote) squote = !squote;
      else if (c === "\\" && !squote && i + 1 < text.length) {
        const n = text[i + 1];
        value += n === "r" ? "\r" : n === "n" ? "\n" : n === "t" ? "\t" : "\\ \"'".includes(n) ? n : `\\${n}`;
        i += 2;
        continue;
      } else if (!squote && !dquote && (c === "," || c === ")")) break;
      else value += c;
      i++;
    }
    const type = mask.types[pos];
    if (value === "" && NEEDS_VALUE.has(type)) {
      if (pos >= mask.mandatory) break;
      return { args, end: i, problem: { kind: "empty", position: pos + 1, type }, problemAt: valueStart };
    }
    if (!parses(type, value))
      return { args, end: i, problem: { kind: "unparsable", position: pos + 1, type, value }, problemAt: valueStart };
    args.push({ type, value, offset: valueStart });
    pos++;
    if (!hasList || i >= text.length || text[i] === ")" || pos >= nbarg) break;
    i++; // the comma
  }
  if (pos < mask.mandatory)
    return {
      args,
      end: i,
      problem: { kind: "missing", got: pos, mandatory: mask.mandatory, type: mask.types[pos] },
      problemAt: start,
    };
  if (!hasList) return { args, end: start };
  if (text[i] === ")") return { args, end: i + 1 };
  return { args, end: i, problem: { kind: "extra", rest: text.slice(i) }, problemAt: i };
}

/** HAProxy's words for a problem of an argument list (make_arg_list()'s messages). */
export function describeArgProblem(problem: ArgProblem): string {
  switch (problem.kind) {
    case "missing":
      return (
        `missing arguments (got ${problem.got}/${problem.mandatory}), type ` +
        `'${ARG_TYPE_NAMES[problem.type] ?? problem.type}' expected`
      );
    case "empty":
      return (
        `expected type '${ARG_TYPE_NAMES[problem.type] ?? problem.type}' at position ${problem.position}, but got ` +
        `nothing`
      );
    case "unparsable":
      return (
        `failed to parse '${problem.value}' as type '${ARG_TYPE_NAMES[problem.type] ?? problem.type}' at position ` +
        `${problem.position}`
      );
    case "extra":
      return problem.rest ? `expected ')' before '${problem.rest}'` : "expected ')'";
  }
}
