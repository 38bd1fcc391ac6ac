/**
 * Which words of a haproxy.cfg line are keywords of their own: the options of `bind` and `server` lines, and the
 * sample-fetch and converter names of expressions (`%[...]` in log formats, ACL criteria, `{ ... }` anonymous ACLs,
 * set-var expressions).
 */
import type { HaproxyKeywords } from "../../schema/haproxy-keywords.js";
import {
  logFormatExpressions,
  parseSampleExpression,
  type SampleName,
} from "../../syntax/haproxy/sample-expression.js";
import type { HpLine, HpWord } from "../../syntax/haproxy/tree.js";

/** Number of words an option takes, from its argument shape ("<delay>" = 1, none = 0), or "variable". */
export function optionArity(args: string | null | undefined): number | "variable" {
  if (!args || !args.trim()) return 0;
  const tokens: string[] = [];
  let depth = 0;
  let cur = "";
  for (const c of args.trim()) {
    if ("<{[(".includes(c)) depth++;
    if (">}])".includes(c)) depth--;
    if (depth === 0 && /\s/.test(c)) {
      if (cur) tokens.push(cur);
      cur = "";
    } else cur += c;
  }
  if (cur) tokens.push(cur);
  if (tokens.length > 1 && tokens.some((t) => t.startsWith("["))) return "variable";
  return tokens.length;
}

export interface OptionWord {
  word: HpWord;
  kind: "bind" | "server";
}

/** Words standing where a bind or server option must stand, up to the first option of variable length. */
export function optionWords(line: HpLine, sectionKind: string, hk: HaproxyKeywords): OptionWord[] {
  const kw = line.keyword.value;
  let kind: "bind" | "server";
  let first: number;
  if (kw === "bind") {
    kind = "bind";
    first = 1;
  } else if (kw === "server") {
    kind = "server";
    // `server <name> <address>`; in peers and rings the address may be absent.
    first = 2;
    const second = line.args[1]?.value;
    if ((sectionKind === "peers" || sectionKind === "ring") && second !== undefined && hk.serverOption(second))
      first = 1;
  } else if (kw === "default-server") {
    kind = "server";
    first = 0;
  } else if (kw === "server-template") {
    kind = "server";
    first = 3;
  } else return [];
  const out: OptionWord[] = [];
  for (let i = first; i < line.args.length; i++) {
    const word = line.args[i];
    // srv_find_kw() (2.6.12, 3.0.11 src/server.c) compares a server option up to its '(': set-proxy-v2-tlv-fmt(0xE1)
    const name = kind === "server" ? word.value.split("(")[0] : word.value;
    const spec = kind === "bind" ? hk.bindOption(name) : hk.serverOption(name);
    if (!spec) {
      out.push({ word, kind });
      continue;
    }
    const arity = optionArity(spec.args);
    if (arity === "variable") break;
    i += arity;
  }
  return out;
}

export interface SampleNameAt {
  name: SampleName;
  word: HpWord;
  /** Offset of the name inside the word's decoded value. */
  offset: number;
  error?: string;
}

const SET_VAR = /^(set-var|set-var-fmt)\(/;

/** Fetch and converter names of every sample expression on the line. */
export function sampleNames(line: HpLine): SampleNameAt[] {
  const out: SampleNameAt[] = [];
  const words = [line.keyword, ...line.args];
  const push = (word: HpWord, start: number, end?: number): void => {
    const expr = parseSampleExpression(word.value, start, end ?? word.value.length);
    for (const name of expr.names) out.push({ name, word, offset: name.offset });
    if (expr.error)
      out.push({
        name: { name: "", kind: "fetch", offset: expr.error.offset },
        word,
        offset: expr.error.offset,
        error: expr.error.message,
      });
  };
  // %[...] in any argument (log-format strings).
  for (const w of line.args) for (const block of logFormatExpressions(w.value)) push(w, block.offset, block.end);
  const kw = line.keyword.value;
  // acl <name> <criterion> ...
  if (kw === "acl" && line.args[1]) push(line.args[1], 0);
  // set-var(<name>) <expr> in any rule set (set-var-fmt takes a log format, handled above).
  for (let i = 0; i < words.length - 1; i++) {
    const m = SET_VAR.exec(words[i].value);
    if (m && m[1] === "set-var" && !words[i + 1].value.includes("%[")) push(words[i + 1], 0);
  }
  // Anonymous ACLs: `{ fetch ... }` after if/unless.
  let inCondition = false;
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    if (v === "if" || v === "unless") inCondition = true;
    else if (inCondition && v.replace(/^!+/, "") === "{" && words[i + 1]) push(words[i + 1], 0);
  }
  return out;
}
