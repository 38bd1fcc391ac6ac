/**
 * HAProxy sample expressions: `fetch(args),converter(args),converter` (configuration manual 7.3), as they appear in
 * `%[...]` blocks of log-format strings, in ACL criteria, anonymous ACLs `{ ... }` and set-var expressions.
 * Only the names and their offsets are extracted: enough to check them against the keyword tables.
 */

export interface SampleName {
  name: string;
  kind: "fetch" | "converter";
  /** Offset of the name within the string it was found in. */
  offset: number;
}

export interface SampleExpression {
  names: SampleName[];
  error?: { message: string; offset: number };
}

/** Parse `fetch(args),conv(args),...` starting at `offset`; stops at the end or at an unbalanced `]`. */
export function parseSampleExpression(text: string, offset = 0, end = text.length): SampleExpression {
  const names: SampleName[] = [];
  let i = offset;
  let kind: SampleName["kind"] = "fetch";
  while (i < end) {
    const start = i;
    while (i < end && /[A-Za-z0-9_.+-]/.test(text[i])) i++;
    const name = text.slice(start, i);
    if (name.length === 0) {
      return {
        names,
        error: {
          message: kind === "fetch" ? "missing fetch method" : "missing converter name after ','",
          offset: start,
        },
      };
    }
    names.push({ name, kind, offset: start });
    if (text[i] === "(") {
      let depth = 0;
      for (; i < end; i++) {
        if (text[i] === "\\") {
          i++;
          continue;
        }
        if (text[i] === "(") depth++;
        else if (text[i] === ")" && --depth === 0) break;
      }
      if (depth !== 0)
        return { names, error: { message: `missing ')' after the arguments of '${name}'`, offset: start } };
      i++;
    }
    if (i >= end) break;
    if (text[i] !== ",")
      return { names, error: { message: `unexpected '${text[i]}' after '${name}' in sample expression`, offset: i } };
    i++;
    kind = "converter";
  }
  return { names };
}

/** Every `%[expr]` block of a log-format string, with the offset of its expression. */
export function logFormatExpressions(text: string): { offset: number; end: number }[] {
  const out: { offset: number; end: number }[] = [];
  let i = 0;
  while ((i = text.indexOf("%[", i)) >= 0) {
    // `%%[` is an escaped percent sign.
    if (i > 0 && text[i - 1] === "%") {
      i += 2;
      continue;
    }
    const start = i + 2;
    let depth = 0;
    let j = start;
    for (; j < text.length; j++) {
      const c = text[j];
      if (c === "\\") {
        j++;
        continue;
      }
      if (c === "(") depth++;
      else if (c === ")") depth--;
      else if (c === "]" && depth <= 0) break;
    }
    if (j >= text.length) break;
    out.push({ offset: start, end: j });
    i = j + 1;
  }
  return out;
}
