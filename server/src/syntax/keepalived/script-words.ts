/**
 * How keepalived splits `script` and `notify*` lines (lib/parser.c `alloc_strvec_quoted_escaped()`, lib/notify.c
 * `notify_script_init()` / `set_script_params_array()`): the raw line is split with shell-like quoting (both
 * quote styles) and escapes (\n \t \xHH \ooo \cC ...); its second word is split again the same way to give the
 * command and its arguments; the third and fourth words, when present, are the user and group to run it as.
 */

export interface ScriptLine {
  /** The command: program (args[0]) and its arguments. */
  args: string[];
  /** `script "cmd" user [group]`: the user and group words. */
  user?: string;
  group?: string;
  /** Why keepalived cannot parse the line, when it cannot. */
  error?: string;
}

/** Split like `alloc_strvec_quoted_escaped()`. */
export function splitQuotedEscaped(src: string): { words: string[]; error?: string } {
  const words: string[] = [];
  let i = 0;
  const WS = /[ \t\n\r\f\v]/;
  while (i < src.length) {
    while (i < src.length && WS.test(src[i])) i++;
    if (i >= src.length) break;
    let quote = "";
    let out = "";
    while (i < src.length) {
      const c = src[i];
      if (c === "\\") {
        i++;
        if (i >= src.length) return { words, error: "missing escaped character at the end of the line" };
        const e = src[i];
        if (e === "x" && /[0-9a-fA-F]/.test(src[i + 1] ?? "")) {
          i++;
          let v = 0;
          while (i < src.length && /[0-9a-fA-F]/.test(src[i])) {
            v = ((v << 4) | Number.parseInt(src[i], 16)) & 0xff;
            i++;
          }
          out += String.fromCharCode(v);
        } else if (e === "c" && i + 1 < src.length) {
          out += String.fromCharCode(src.charCodeAt(i + 1) & 0x1f);
          i += 2;
        } else if (e >= "0" && e <= "7") {
          let v = 0;
          let n = 0;
          while (n < 3 && i < src.length && src[i] >= "0" && src[i] <= "7") {
            v = v * 8 + (src.charCodeAt(i) - 48);
            i++;
            n++;
          }
          out += String.fromCharCode(v & 0xff);
        } else {
          const map: Record<string, string> = {
            a: "\x07",
            b: "\b",
            E: "\x1b",
            f: "\f",
            n: "\n",
            r: "\r",
            t: "\t",
            v: "\v",
          };
          out += map[e] ?? e;
          i++;
        }
        continue;
      }
      if (quote) {
        if (c === quote) {
          quote = "";
          i++;
          continue;
        }
        out += c;
        i++;
        continue;
      }
      if (c === '"' || c === "'") {
        quote = c;
        i++;
        continue;
      }
      if (WS.test(c)) break;
      out += c;
      i++;
    }
    if (quote) return { words, error: `missing terminating ${quote}` };
    words.push(out);
  }
  return { words };
}

/** The command and user of a `script ...` / `notify_master ...` line (the whole line, keyword included). */
export function parseScriptLine(line: string): ScriptLine {
  const outer = splitQuotedEscaped(line);
  if (outer.error) return { args: [], error: outer.error };
  const command = outer.words[1];
  if (command === undefined) return { args: [], error: "no command given" };
  const inner = splitQuotedEscaped(command);
  if (inner.error) return { args: [], error: inner.error };
  const result: ScriptLine = { args: inner.words };
  if (outer.words[2] !== undefined) result.user = outer.words[2];
  if (outer.words[3] !== undefined) result.group = outer.words[3];
  return result;
}
