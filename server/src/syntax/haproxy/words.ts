/**
 * Decoding of one haproxy.cfg argument as HAProxy's `parse_line()` does it: backslash escapes, "weak" quotes
 * (escapes and environment variables expanded) and 'strong' quotes (nothing interpreted).
 */

export interface EnvReference {
  name: string;
  /** `${NAME-default}`: the default text. */
  defaultValue?: string;
  /** `"${NAME[*]}"`: the value is split into several arguments. */
  wordExpand: boolean;
  /** Offsets of the reference within the raw word. */
  start: number;
  end: number;
  /** Inside double quotes (HAProxy expands it) or not (kept literally, except in addresses). */
  inQuotes: boolean;
  /** Known value, from the environment given to the analysis or a pseudo-variable. */
  resolved?: string;
  /**
   * One of HAProxy's own variables (HAPROXY_*) with no value from the analysis: "set" when the target version sets
   * it before reading the configuration, "unset" when that version sets it nowhere (it expands to nothing).
   */
  haproxyOwn?: "set" | "unset";
}

export interface DecodedWord {
  value: string;
  /** Some part of the word was quoted. */
  quoted: boolean;
  env: EnvReference[];
  /**
   * What HAProxy's line parser gives when the variables inside double quotes that the analysis has no value for are
   * unset (they expand to nothing); only when it differs from `value`, which keeps their `${NAME}` text.
   */
  unsetValue?: string;
  /** What makes HAProxy reject the word, with the offset of the offending character in the raw word. */
  error?: WordError;
  /**
   * The word ends with an unset variable (one of HAProxy's own, set nowhere by the target version) right before its
   * closing double quote, on a version whose parse_line() then skips that quote and the blanks after it: the next
   * word continues this one (`"${UNSET}" 5` reads as `5`).
   */
  gluesNext?: boolean;
}

/** Why HAProxy rejects a word: `code` names the problem (the syntax issue's code), `message` says it. */
export interface WordError {
  code:
    "hex-escape" | "unmatched-quote" | "dollar-without-name" | "brace-suffix" | "unmatched-brace" | "pseudo-variable";
  message: string;
  offset: number;
  length: number;
}

function wordError(code: WordError["code"], message: string, offset: number, length: number): WordError {
  return { code, message, offset, length };
}

export interface DecodeContext {
  /** Environment variables known to the analysis. Unknown ones keep their `${NAME}` text in the value. */
  env?: Readonly<Record<string, string>>;
  /** Values of `.FILE`, `.LINE`, `.SECTION`. */
  pseudo?: Readonly<Record<string, string>>;
  /** Whether the target version sets one of HAProxy's own variables (schema/haproxy-own-variable-state.ts). */
  haproxyOwn?: (name: string) => "set" | "unset" | undefined;
  /**
   * parse_line() skips the closing double quote after a variable getenv() does not find, and the blanks after it
   * (src/tools.c, from 2.9.0 and in 3.0.11; not in 2.6.12): the raw text may then span several words.
   */
  skipQuoteAfterUnset?: boolean;
}

const HEX = /^[0-9a-fA-F]{2}$/;

export function decodeWord(raw: string, ctx: DecodeContext = {}): DecodedWord {
  let value = "";
  /** The value when every variable unknown to the analysis is unset: parse_line() expands those to nothing. */
  let unsetValue = "";
  const add = (text: string, whenUnset = text): void => {
    value += text;
    unsetValue += whenUnset;
  };
  let quoted = false;
  const env: EnvReference[] = [];
  let squote = -1;
  let dquote = -1;
  let error: DecodedWord["error"];
  /** Where the last unset variable of HAProxy's own ended (its closing quote is skipped with the blanks after it). */
  let unsetEnd = -1;
  let gluesNext = false;
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c === '"' && squote < 0 && dquote >= 0 && i === unsetEnd && ctx.skipQuoteAfterUnset) {
      quoted = true;
      dquote = -1;
      i++;
      gluesNext = i === raw.length;
      while (i < raw.length && (raw[i] === " " || raw[i] === "\t")) i++;
      continue;
    }
    if (c === '"' && squote < 0) {
      quoted = true;
      dquote = dquote < 0 ? i : -1;
      i++;
      continue;
    }
    if (c === "'" && dquote < 0) {
      quoted = true;
      squote = squote < 0 ? i : -1;
      i++;
      continue;
    }
    if (c === "\\" && squote < 0) {
      const escape = readEscape(raw, i, dquote >= 0);
      if (escape.error) error ??= escape.error;
      add(escape.text);
      i += escape.length;
      continue;
    }
    if (c === "$" && dquote >= 0) {
      const ref = readEnvReference(raw, i, ctx);
      if ("message" in ref) {
        error ??= ref;
        add(raw.slice(i, i + ref.length));
        i += ref.length;
        continue;
      }
      env.push(ref);
      const written = raw.slice(ref.start, ref.end);
      if (ref.resolved !== undefined) add(ref.resolved);
      else if (ref.defaultValue !== undefined) add(ref.defaultValue);
      else if (ref.haproxyOwn === "unset") {
        add("");
        unsetEnd = ref.end;
      } else if (ref.haproxyOwn === "set") add(written, written);
      else add(written, "");
      i = ref.end;
      continue;
    }
    if (c === "$" && squote < 0) {
      // Outside double quotes parse_line() keeps `$NAME` as written; str2sa_range() expands it later in addresses
      // (see model/address-expansion.ts), quoted in single quotes or not.
      const ref = readEnvReference(raw, i, ctx);
      if (!("message" in ref)) env.push({ ...ref, inQuotes: false });
    }
    add(c);
    i++;
  }
  const open = squote >= 0 ? squote : dquote;
  if (open >= 0)
    error ??= wordError(
      "unmatched-quote",
      `unmatched ${squote >= 0 ? "single" : "double"} quote`,
      open,
      raw.length - open,
    );
  const out: DecodedWord = { value, quoted, env };
  if (gluesNext) out.gluesNext = true;
  if (unsetValue !== value) out.unsetValue = unsetValue;
  if (error) out.error = error;
  return out;
}

/** A backslash outside single quotes: the text it stands for and how many characters it takes. */
function readEscape(
  raw: string,
  at: number,
  inDoubleQuotes: boolean,
): { text: string; length: number; error?: WordError } {
  const next = raw[at + 1];
  switch (next) {
    case " ":
    case "\\":
    case "#":
    case "'":
    case '"':
      return { text: next, length: 2 };
    case "t":
      return { text: "\t", length: 2 };
    case "n":
      return { text: "\n", length: 2 };
    case "r":
      return { text: "\r", length: 2 };
    case "$":
      // `\$` is a literal dollar only inside double quotes; elsewhere the backslash stays.
      return inDoubleQuotes ? { text: "$", length: 2 } : { text: "\\", length: 1 };
    case "x": {
      const hex = raw.slice(at + 2, at + 4);
      if (HEX.test(hex)) return { text: String.fromCharCode(Number.parseInt(hex, 16)), length: 4 };
      const message = "invalid or incomplete \\x escape (two hexadecimal digits expected)";
      return { text: "\\", length: 1, error: wordError("hex-escape", message, at, Math.min(4, raw.length - at)) };
    }
    default:
      return { text: "\\", length: 1 };
  }
}

function readEnvReference(raw: string, dollar: number, ctx: DecodeContext): EnvReference | WordError {
  let p = dollar + 1;
  const brace = raw[p] === "{";
  if (brace) p++;
  const nameStart = p;
  if (!/[A-Za-z_.]/.test(raw[p] ?? "")) {
    const message = "'$' must be followed by a variable name (write '\\$' for a literal dollar inside double quotes)";
    return wordError("dollar-without-name", message, dollar, 1);
  }
  if (raw[p] === ".") p++;
  while (p < raw.length && /[A-Za-z0-9_]/.test(raw[p])) p++;
  const name = raw.slice(nameStart, p);
  let wordExpand = false;
  let defaultValue: string | undefined;
  if (brace) {
    if (raw.startsWith("[*]", p)) {
      wordExpand = true;
      p += 3;
    } else if (raw[p] === "[") {
      return wordError("brace-suffix", "only '[*]' may follow a variable name inside braces", p, 1);
    }
    if (raw[p] === "-") {
      const close = raw.indexOf("}", p);
      if (close < 0) return wordError("unmatched-brace", `unmatched '{' in '\${${name}'`, dollar, raw.length - dollar);
      defaultValue = raw.slice(p + 1, close);
      p = close;
    }
    if (raw[p] !== "}") return wordError("unmatched-brace", `unmatched '{' in '\${${name}'`, dollar, p - dollar);
    p++;
  }
  let resolved: string | undefined;
  if (name.startsWith(".")) {
    if (name !== ".LINE" && name !== ".FILE" && name !== ".SECTION") {
      const message = `unknown pseudo-variable '${name}' (HAProxy knows .FILE, .LINE and .SECTION)`;
      return wordError("pseudo-variable", message, dollar, p - dollar);
    }
    resolved = ctx.pseudo?.[name];
  } else if (ctx.env && Object.prototype.hasOwnProperty.call(ctx.env, name)) {
    resolved = ctx.env[name];
  }
  const ref: EnvReference = { name, wordExpand, start: dollar, end: p, inQuotes: true };
  if (defaultValue !== undefined) ref.defaultValue = defaultValue;
  if (resolved !== undefined) ref.resolved = resolved;
  const own = resolved === undefined && !name.startsWith(".") ? ctx.haproxyOwn?.(name) : undefined;
  if (own) ref.haproxyOwn = own;
  return ref;
}
