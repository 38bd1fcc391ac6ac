/**
 * The words of global keywords that cfg_parse_global() and its keyword parsers (src/cfgparse-global.c,
 * src/http_client.c) read themselves, read at v2.6.0, v3.0.0 and v3.2.0 and checked with haproxy -c 2.6.12, 3.0.11
 * and 3.2.26. Each problem below is a fatal alert there: HAProxy refuses the configuration. HP031 reports them.
 */
import type { HpWord } from "../../syntax/haproxy/tree.js";
import type { WordProblem } from "./proxy-keyword-words.js";

const missing = (word: HpWord | undefined): boolean => !word || word.value === "";

/** atoi()/atol(): the leading digits (with blanks and a sign), 0 when there are none. */
const atoi = (text: string): number => Number.parseInt(/^\s*[+-]?\d+/.exec(text)?.[0] ?? "0", 10);

/** Global keywords refused without their first word. */
const NEEDS_FIRST: Record<string, string> = {
  chroot: "needs a directory",
  pidfile: "needs a file name",
  "server-state-base": "needs a directory path",
  "server-state-file": "needs a file path",
  "stats-file": "needs a file path",
  unsetenv: "needs at least one variable name",
  description: "needs a text",
};

/** Keywords that take one word of a fixed set, or nothing. */
const ONLY_WORD: Record<string, string> = {
  "master-worker": "no-exit-on-failure",
  "external-check": "preserve-env",
};

/** Integer keywords read with atoi()/atol() and refused out of a range (an empty word is 0). */
const RANGES: Record<string, [number, number, boolean]> = {
  // name: [min, max, judged when the word is missing]
  "tune.http.maxhdr": [1, 32767, false],
  "tune.comp.maxlevel": [1, 9, true],
  "tune.bufsize": [1, Number.MAX_SAFE_INTEGER, false],
  "tune.maxrewrite": [0, Number.MAX_SAFE_INTEGER, false],
};

export function globalWordProblem(name: string, args: HpWord[]): WordProblem | undefined {
  if (name in NEEDS_FIRST && missing(args[0])) return { word: args[0], problem: NEEDS_FIRST[name] };
  if ((name === "setenv" || name === "presetenv") && missing(args[1]))
    return { word: args[0], problem: "needs a variable name and a value" };
  const only = ONLY_WORD[name];
  if (only && !missing(args[0]) && args[0].value !== only)
    return { word: args[0], problem: `takes only '${only}', not '${args[0].value}'` };
  if (name === "httpclient.ssl.verify" && args[0]?.value !== "none" && args[0]?.value !== "required")
    return { word: args[0], problem: `expects 'none' or 'required', not '${args[0]?.value ?? ""}'` };
  const range = RANGES[name];
  if (range && (range[2] || !missing(args[0]))) {
    const value = atoi(args[0]?.value ?? "");
    if (value < range[0] || value > range[1]) {
      const bounds = range[1] === Number.MAX_SAFE_INTEGER ? `${range[0]} or more` : `${range[0]} to ${range[1]}`;
      return { word: args[0], problem: `expects a number from ${bounds}, not '${args[0]?.value ?? ""}'` };
    }
  }
  return undefined;
}
