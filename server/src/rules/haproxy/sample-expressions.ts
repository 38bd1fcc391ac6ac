/**
 * The sample expressions of a haproxy.cfg line (`fetch(args),converter(args),...`, configuration manual 7.3) with
 * their argument lists, where HAProxy's parsers call sample_parse_expr() on them: `%[...]` blocks of log-format
 * strings, ACL criteria and anonymous `{ ... }` ACLs, set-var expressions, track-sc keys, stick rules, captures,
 * `balance hash`, and the actions that take an expression.
 */
import { logFormatExpressions } from "../../syntax/haproxy/sample-expression.js";
import type { HpLine, HpWord } from "../../syntax/haproxy/tree.js";
import type { HaproxyKeywords } from "../../schema/haproxy-keywords.js";
import { argMaskOf, type ArgMask } from "../../schema/haproxy-sample-arguments.js";

export interface ExpressionPlace {
  word: HpWord;
  /** Offsets of the expression in the word's value. */
  start: number;
  end: number;
}

export interface SampleTerm {
  name: string;
  kind: "fetch" | "converter";
  /** Offset of the name in the word's value. */
  offset: number;
  /** Offset just after the name: the argument list starts there when the next character is `(`. */
  argsAt: number;
}

/** is_idchar() of include/haproxy/tools.h: the characters of a fetch or converter name. */
const ID_CHAR = /[A-Za-z0-9._+:-]/;

/** Actions whose first argument after the action word is a sample expression. */
const EXPRESSION_ACTIONS = new Set([
  "set-src",
  "set-src-port",
  "set-dst",
  "set-dst-port",
  "set-priority-class",
  "set-priority-offset",
  "capture",
]);

/** Where the sample expressions of a line are. */
export function expressionPlaces(line: HpLine): ExpressionPlace[] {
  const out: ExpressionPlace[] = [];
  const whole = (word: HpWord | undefined): void => {
    if (word && !word.value.includes("%[")) out.push({ word, start: 0, end: word.value.length });
  };
  for (const w of line.args)
    for (const block of logFormatExpressions(w.value)) out.push({ word: w, start: block.offset, end: block.end });
  const kw = line.keyword.value;
  const args = line.args;
  if (kw === "acl") whole(args[1]);
  if (kw === "stick" && /^(on|match|store-request|store-response)$/.test(args[0]?.value ?? "")) whole(args[1]);
  if (kw === "balance" && args[0]?.value === "hash") whole(args[1]);
  const ruleSet = /^(http-request|http-response|http-after-response|tcp-request|tcp-response)$/.test(kw);
  if (ruleSet) {
    const actionIndex = kw.startsWith("tcp-") ? 1 : 0;
    const action = args[actionIndex]?.value ?? "";
    if (/^track-sc\d+$/.test(action) || /^(set-var|sc-set-gpt0?)\(/.test(action) || EXPRESSION_ACTIONS.has(action))
      whole(args[actionIndex + 1]);
  }
  // Anonymous ACLs: `{ fetch ... }` after if/unless.
  const words = [line.keyword, ...args];
  let inCondition = false;
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    if (v === "if" || v === "unless") inCondition = true;
    // `!{ ... }` negates an anonymous ACL (parse_acl_cond() strips the exclamation marks first)
    else if (inCondition && v.replace(/^!+/, "") === "{") whole(words[i + 1]);
  }
  return out;
}

/**
 * The fetch and converters of an expression, stopping at the first thing that is not a name followed by an optional
 * argument list and a comma. `skipArgs` finds the end of an argument list (parentheses, quotes, escapes).
 */
export function termsOf(text: string, start: number, end: number): SampleTerm[] {
  const out: SampleTerm[] = [];
  let i = start;
  let kind: SampleTerm["kind"] = "fetch";
  while (i < end) {
    const nameStart = i;
    while (i < end && ID_CHAR.test(text[i])) i++;
    if (i === nameStart) break;
    out.push({ name: text.slice(nameStart, i), kind, offset: nameStart, argsAt: i });
    if (text[i] === "(") i = skipArgs(text, i, end);
    if (text[i] !== ",") break;
    while (text[i] === ",") i++;
    kind = "converter";
  }
  return out;
}

/** Offset after the argument list opened at `open` (quotes and backslashes as make_arg_list() reads them). */
export function skipArgs(text: string, open: number, end: number): number {
  let squote = false;
  let dquote = false;
  for (let i = open + 1; i < end; i++) {
    const c = text[i];
    if (c === "\\" && !squote) i++;
    else if (c === '"' && !squote) dquote = !dquote;
    else if (c === "'" && !dquote) squote = !squote;
    else if (c === ")" && !squote && !dquote) return i + 1;
  }
  return end;
}

/** A fetch or converter of an expression whose arguments the keyword table describes for the target version. */
export interface DescribedTerm {
  term: SampleTerm;
  mask: ArgMask;
}

/** A sample expression HAProxy can be followed on (no unknown environment variable in its word), and its terms. */
export interface JudgedExpression {
  word: HpWord;
  /** The word's value up to the end of the expression. */
  text: string;
  terms: DescribedTerm[];
}

/** The expressions of a line that can be judged, each with the terms whose argument shapes are known. */
export function* judgedExpressions(line: HpLine, hk: HaproxyKeywords): Generator<JudgedExpression> {
  for (const place of expressionPlaces(line)) {
    const { word } = place;
    // An expression built from an unknown environment variable cannot be judged.
    if (word.env.some((e) => e.resolved === undefined)) continue;
    const text = word.value.slice(0, place.end);
    const terms: DescribedTerm[] = [];
    for (const term of termsOf(text, place.start, place.end)) {
      const spec = term.kind === "fetch" ? hk.fetch(term.name) : hk.converter(term.name);
      const mask = spec ? argMaskOf(spec, hk.version) : undefined;
      if (mask) terms.push({ term, mask }); // unknown names are HP017's
    }
    yield { word, text, terms };
  }
}
