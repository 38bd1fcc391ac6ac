/**
 * The words of proxy keywords that cfg_parse_listen() (src/cfgparse-listen.c) reads itself, read at v2.6.0, v3.0.0
 * and v3.2.0 and checked with haproxy -c 2.6.12, 3.0.11 and 3.2.26. Each problem below is an alert with ERR_FATAL
 * there: HAProxy refuses the configuration. HP031 (keyword-arguments) reports them.
 */
import { parseTime } from "../../schema/haproxy-values.js";
import type { HpWord } from "../../syntax/haproxy/tree.js";
import { compareVersions } from "../../syntax/haproxy/condition.js";

export interface WordProblem {
  word?: HpWord;
  problem: string;
}

const missing = (word: HpWord | undefined): boolean => !word || word.value === "";

/** Keywords refused without their first word: the text says what it must be. */
const NEEDS_FIRST: Record<string, string> = {
  bind: "needs an address or a path to listen on",
  default_backend: "needs the name of a backend",
  use_backend: "needs the name of a backend",
  description: "needs a text",
  "use-server": "needs the name of a server",
  source: "needs an address (<addr>[:<port>]) to connect from",
  "max-session-srv-conns": "needs a number",
};

/** cookie <name> [option ...]: the options of the loop over args[2..] (the same at v2.6.0, v3.0.0 and v3.2.0). */
const COOKIE_FLAGS = [
  "rewrite",
  "indirect",
  "insert",
  "nocache",
  "postonly",
  "preserve",
  "prefix",
  "httponly",
  "secure",
];
const COOKIE_VALUED = ["domain", "maxidle", "maxlife", "attr"];

function cookieProblem(args: HpWord[]): WordProblem | undefined {
  for (let i = 1; i < args.length && args[i].value !== ""; i++) {
    const w = args[i].value;
    if (COOKIE_FLAGS.includes(w) || w === "dynamic") continue;
    if (!COOKIE_VALUED.includes(w))
      return {
        word: args[i],
        problem: `has no option '${w}' (it takes ${[...COOKIE_FLAGS, "dynamic", ...COOKIE_VALUED].join(", ")})`,
      };
    const value = args[i + 1];
    if (missing(value)) return { word: args[i], problem: `'${w}' needs a value` };
    // maxidle and maxlife: parse_time_err() in seconds, below 2^31 s
    if ((w === "maxidle" || w === "maxlife") && value && !parseTime(value.value, "s").ok)
      return {
        word: value,
        problem: `'${w}' expects a delay in seconds (digits with an optional unit), not '${value.value}'`,
      };
    i++;
  }
  return undefined;
}

/** get_log_level() of src/log.c: the names of log_levels[]. */
const LOG_LEVELS = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];

/** `option originalto [except <net>] [header <name>]`: cfg_parse_listen() in 2.6, http_ext.c from 3.0. */
function originaltoProblem(args: HpWord[]): WordProblem | undefined {
  for (let i = 0; i < args.length && args[i].value !== ""; i += 2) {
    const w = args[i].value;
    if (w !== "except" && w !== "header")
      return { word: args[i], problem: `takes only 'except' and 'header', not '${w}'` };
    if (missing(args[i + 1])) return { word: args[i], problem: `'${w}' needs a value` };
  }
  return undefined;
}

/** The keywords whose first word must be `if` or `unless` (a condition is required). */
const CONDITION_REQUIRED = new Set(["use-server", "force-persist", "ignore-persist", "stats admin", "monitor fail"]);

/** Log-format keywords: one argument ("expects only one argument, don't forget to escape spaces!"). */
const ONE_FORMAT = new Set(["log-format", "log-format-sd", "error-log-format", "unique-id-format"]);

/** Keywords cfg_parse_listen() refuses in a defaults section before it reads their words (HP016 reports that). */
const NOT_IN_DEFAULTS = new Set([
  "bind",
  "use-server",
  "force-persist",
  "ignore-persist",
  "stats admin",
  "monitor fail",
]);

export function proxyWordProblem(name: string, args: HpWord[], version: string, kind: string): WordProblem | undefined {
  if (kind === "defaults" && NOT_IN_DEFAULTS.has(name)) return undefined;
  if (name in NEEDS_FIRST && missing(args[0])) return { word: args[0], problem: NEEDS_FIRST[name] };
  if (CONDITION_REQUIRED.has(name)) {
    const at = name === "use-server" ? 1 : 0;
    const cond = args[at];
    if (!cond || (cond.value !== "if" && cond.value !== "unless"))
      return { word: cond ?? args[at - 1], problem: "needs 'if' or 'unless' followed by a condition" };
  }
  if (ONE_FORMAT.has(name) && args[0]?.value && args[1] && args[1].value !== "")
    return { word: args[1], problem: "takes one format: quote it or escape its spaces" };
  if (name === "cookie" && args[0]?.value) return cookieProblem(args);
  if (name === "email-alert level") {
    const level = args[0]?.value ?? "";
    if (!LOG_LEVELS.includes(level) && (level !== "" || compareVersions(version, "3.2") < 0))
      return { word: args[0], problem: `expects a log level (${LOG_LEVELS.join(", ")}), not '${level}'` };
  }
  if (name === "option originalto") return originaltoProblem(args);
  // `option httplog [clf]`, from 3.2 `option tcplog [clf]` too: another word is refused
  const clf = name === "option httplog" || (name === "option tcplog" && compareVersions(version, "3.2") >= 0);
  if (clf && args[0] && args[0].value !== "" && args[0].value !== "clf")
    return { word: args[0], problem: `takes only 'clf', not '${args[0].value}'` };
  // stats refresh <delay>: parse_time_err() in seconds, below 2^31 s
  const refresh = name === "stats refresh" && args[0]?.value ? parseTime(args[0].value, "s") : undefined;
  if (refresh && !refresh.ok && refresh.reason === "overflow")
    return { word: args[0], problem: `'${args[0].value}' is too long a refresh interval (at most 2147483647 s)` };
  return undefined;
}
