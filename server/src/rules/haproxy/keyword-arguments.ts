import { parseSize, parseTime, isInt64 } from "../../schema/haproxy-values.js";
import type { KeywordShape, ShapeArgument } from "../../schema/types.js";
import type { HaproxyKeywords } from "../../schema/haproxy-keywords.js";
import type { HpLine, HpSection, HpWord } from "../../syntax/haproxy/tree.js";
import { compareVersions } from "../../syntax/haproxy/condition.js";
import { defineRule, type RuleContext } from "../rule.js";
import { proxyWordProblem } from "./proxy-keyword-words.js";
import { globalWordProblem } from "./global-keyword-words.js";

/** Sections whose keyword shapes were measured (proxies share the parsers of listen, frontend and backend). */
const MEASURED = new Set(["global", "defaults", "frontend", "backend", "listen"]);

/** A value of a set: `hdr(1)` in the set stands for `hdr(<anything>)`. */
function inSet(value: string, values: string[]): boolean {
  return values.some(
    (v) => v === value || (v.endsWith("(1)") && value.startsWith(v.slice(0, -2)) && value.endsWith(")")),
  );
}

/** What is wrong with one argument for its measured type, in words; undefined when HAProxy accepts it. */
export function argumentProblem(arg: ShapeArgument, value: string): string | undefined {
  if (!("type" in arg)) return undefined;
  switch (arg.type) {
    case "int":
      if (!isInt64(value)) return `expects an integer, not '${value}'`;
      if (!arg.negative && value.startsWith("-")) return `expects a positive integer, not '${value}'`;
      if (!arg.zero && /^[-+]?0+$/.test(value)) return "expects an integer above 0, not 0";
      return undefined;
    case "time": {
      const t = parseTime(value);
      if (t.ok) return undefined;
      if (t.reason === "syntax")
        return `expects a delay (digits with an optional unit us, ms, s, m, h or d), not '${value}'`;
      if (t.reason === "overflow" && arg.overflowMs)
        return `'${value}' is too long a delay (at most 2147483647 ms, about 24.8 days)`;
      return undefined;
    }
    case "size":
      return parseSize(value) === undefined
        ? `expects a size (digits with an optional k, m or g), not '${value}'`
        : undefined;
    case "enum":
      return inSet(value, arg.values)
        ? undefined
        : `expects one of ${arg.values.map((v) => `'${v.replace(/\(1\)$/, "(...)")}'`).join(", ")}, not '${value}'`;
    default:
      return undefined;
  }
}

/**
 * Keywords whose measured literal word the parser compares with strcmp(): 'len' of `capture request|response header`
 * (cfg_parse_listen() "expects 'header' <header_name> 'len' <len>"; `capture cookie` does not compare it), 'user'
 * of `option pgsql-check` ("only supports optional values: 'user'").
 */
const COMPARED_LITERALS = new Set(["capture request header", "capture response header", "option pgsql-check"]);

/** The first problem of a keyword's arguments against its measured shape: the word it is about, and what. */
function shapeProblem(
  shape: KeywordShape,
  args: HpWord[],
  keyword: HpWord,
  name = "",
): { word: HpWord; problem: string } | undefined {
  if (args.length < shape.min)
    return {
      word: args[args.length - 1] ?? keyword,
      problem: `takes at least ${shape.min} argument${shape.min > 1 ? "s" : ""}, it has ${args.length}`,
    };
  for (let i = 0; i < Math.min(args.length, shape.args.length); i++) {
    const arg = shape.args[i];
    if ("literal" in arg && COMPARED_LITERALS.has(name) && args[i].value !== arg.literal)
      return { word: args[i], problem: `expects '${arg.literal}', not '${args[i].value}'` };
    const problem = argumentProblem(arg, args[i].value);
    if (problem) return { word: args[i], problem };
  }
  const last = shape.args[shape.args.length - 1];
  const closedAfter =
    last &&
    "type" in last &&
    last.type === "enum" &&
    args.length >= shape.args.length &&
    last.closed?.includes(args[shape.args.length - 1].value)
      ? shape.args.length
      : null;
  const max = shape.max ?? closedAfter;
  if (max !== null && args.length > max)
    return {
      word: args[max],
      problem:
        max === 0
          ? `takes no argument, not '${args[max].value}'`
          : `takes at most ${max} argument${max > 1 ? "s" : ""}: '${args[max].value}' is one too many`,
    };
  return undefined;
}

/**
 * Global keywords whose shapes the probes cannot measure, because what the binary says depends on this machine:
 * `user` and `group` (cfg_parse_global() in src/cfgparse-global.c, v2.6.0 to v3.2.0) take one word
 * (alertif_too_many_args(1)) and look it up with getpwnam()/getgrnam(); without a word that is the empty name, which
 * no machine has ('cannot find user id for', ERR_FATAL). A name this machine lacks is not judged. Only the first
 * line counts: a second one after a user was found is 'already specified', an alert that is not fatal.
 */
const NAME_KEYWORDS: Record<string, string> = { user: "a user name", group: "a group name" };

function nameProblem(args: HpWord[], keyword: string): { word?: HpWord; problem: string } | undefined {
  if (args.length === 0 || args[0].value === "")
    return { word: args[0], problem: `needs ${NAME_KEYWORDS[keyword]} (HAProxy looks up the empty name and fails)` };
  if (args.length > 1) return { word: args[1], problem: `takes one argument: '${args[1].value}' is one too many` };
  return undefined;
}

const messages = {
  arguments: (data: { keyword: string; problem: string; version: string }) =>
    `'${data.keyword}' ${data.problem}; HAProxy ${data.version} refuses the configuration`,
};

type Ctx = RuleContext<typeof messages>;

const PROXY_KINDS = ["listen", "backend", "frontend", "defaults"];

/**
 * The keyword of a line in its section's table, else (for a proxy) in another proxy section's: cfg_parse_listen()
 * counts a keyword's arguments (alertif_too_many_args()) before it looks at the proxy's capabilities, so 'option
 * allbackups x' in a frontend is refused for the 'x' before the warning that it is ignored there.
 */
function matchKeyword(
  hk: HaproxyKeywords,
  kind: string,
  words: string[],
): { found: NonNullable<ReturnType<HaproxyKeywords["match"]>>; elsewhere: boolean } | undefined {
  const own = hk.match(kind, words);
  if (own) return { found: own, elsewhere: false };
  if (!PROXY_KINDS.includes(kind)) return undefined;
  for (const other of PROXY_KINDS) {
    const found = other === kind ? undefined : hk.match(other, words);
    if (found?.spec.shapes?.[hk.version]) return { found, elsewhere: true };
  }
  return undefined;
}

/** atoi(): the leading digits (with blanks and a sign), 0 when there are none. */
const atoi = (text: string): number => Number.parseInt(/^\s*[+-]?\d+/.exec(text)?.[0] ?? "0", 10);

const UNIX_BIND = ["prefix", "mode", "uid", "gid", "user", "group"];

/**
 * Keywords whose parser reads its words itself, the shapes left unmeasured (v2.6.0, v3.0.0, v3.2.0):
 * cfg_parse_listen() `option forwardfor` (except <net>, header <name>, if-none), backend_parse_balance()
 * `balance url_param <name>`, cfg_parse_global() `unix-bind` (prefix, mode, uid, gid, user, group, each with a
 * value), h2_parse_max_frame_size() (src/mux_h2.c: atoi() within 16384..16777215).
 */
/** http_err_codes[] of src/http.c: v2.6.0 and v3.0.0; v3.2.0 adds 414 and 431. */
const ERROR_CODES = [200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 421, 422, 425, 429, 500, 501, 502, 503, 504];
const ERROR_CODES_32 = [...ERROR_CODES, 414, 431];

/**
 * `errorfile` and `errorloc*` read their status with atol() and refuse one http_err_codes[] does not hold
 * (src/http_htx.c proxy_parse_errorloc(), proxy_parse_errorfile(): "status code '%d' not handled.").
 */
function statusProblem(name: string, args: HpWord[], version: string): { word?: HpWord; problem: string } | undefined {
  if (!["errorfile", "errorloc", "errorloc302", "errorloc303"].includes(name) || !args[0] || !args[1]) return undefined;
  const status = atoi(args[0].value);
  const codes = compareVersions(version, "3.2") >= 0 ? ERROR_CODES_32 : ERROR_CODES;
  return codes.includes(status)
    ? undefined
    : { word: args[0], problem: `has no error page for status code ${status} (it handles ${codes.join(", ")})` };
}

/**
 * _srv_parse_init() (src/server.c at v2.6.0, v3.2.0): invalid_char() allows letters, digits, '.', ':', '_' and '-'
 * in a server name ("character '%c' is not permitted in server name"). The line parser expands no variable outside
 * double quotes, so a `$` written there is a character of the name.
 */
function serverNameProblem(args: HpWord[]): { word?: HpWord; problem: string } | undefined {
  const nameWord = args[0];
  if (!nameWord || !args[1] || nameWord.env.some((e) => e.inQuotes)) return undefined;
  const bad = /[^A-Za-z0-9.:_-]/.exec(nameWord.value);
  return bad
    ? { word: nameWord, problem: `may not have '${bad[0]}' in a server name ('${nameWord.value}')` }
    : undefined;
}

function curatedProblem(name: string, args: HpWord[], version: string): { word?: HpWord; problem: string } | undefined {
  // cli.c stats_parse_global(): 'stats socket' in global section expects an address or a path to a UNIX socket.
  if (name === "stats socket" && (!args[0] || args[0].value === ""))
    return { word: args[0], problem: "needs an address or the path of a UNIX socket" };
  // cfg_parse_listen() 3.2: 'email-alert from|to|mailers|myhostname|level' without a value ('missing argument after').
  const emailSetting = name.startsWith("email-alert ") && name.split(" ")[1];
  if (emailSetting && args.length === 0 && compareVersions(version, "3.2") >= 0)
    return { problem: `needs a value after '${emailSetting}' (HAProxy ${version} refuses it without one)` };
  // _srv_parse_init() (src/server.c): invalid_char() allows letters, digits, '.', ':', '_' and '-' in a server name.
  const bad = name === "server" && args[1] ? /[^A-Za-z0-9.:_-]/.exec(args[0].value) : null;
  if (bad && args[0])
    return { word: args[0], problem: `may not have '${bad[0]}' in a server name ('${args[0].value}')` };
  if (name === "option forwardfor") {
    for (let i = 0; i < args.length; i++) {
      const w = args[i].value;
      if (w === "if-none") continue;
      if (w === "except" || w === "header") {
        if (!args[i + 1]) return { word: args[i], problem: `'${w}' needs a value` };
        i++;
        continue;
      }
      return { word: args[i], problem: `takes only 'except', 'header' and 'if-none', not '${w}'` };
    }
  }
  if (name === "balance" && args[0]?.value === "url_param" && !args[1])
    return { word: args[0], problem: "url_param needs the name of a URL parameter" };
  if (name === "unix-bind")
    for (let i = 0; i < args.length; i += 2)
      if (!UNIX_BIND.includes(args[i].value) || !args[i + 1])
        return { word: args[i], problem: `takes only ${UNIX_BIND.map((o) => `'${o}'`).join(", ")}, each with a value` };
  if (name === "tune.h2.max-frame-size" && args[0]) {
    const size = atoi(args[0].value);
    if (size < 16384 || size > 16777215)
      return { word: args[0], problem: `expects a number between 16384 and 16777215, not '${args[0].value}'` };
  }
  return undefined;
}

function checkLine(ctx: Ctx, file: string, kind: string, line: HpLine): void {
  const hk = ctx.haproxyKeywords;
  const all = [line.keyword, ...line.args];
  // `no option X` / `default option X`: the option's own words come after the prefix.
  const prefixed = line.keyword.value === "no" || line.keyword.value === "default";
  if (prefixed && line.args[0]?.value !== "option") return;
  const words = prefixed ? all.slice(1) : all;
  const matched = matchKeyword(
    hk,
    kind,
    words.map((w) => w.value),
  );
  const shape = matched?.found.spec.shapes?.[hk.version];
  if (!matched) return;
  const badName =
    matched.found.spec.name === "server" && !prefixed && !matched.elsewhere ? serverNameProblem(line.args) : undefined;
  if (badName) {
    const data = { keyword: "server", problem: badName.problem, version: hk.version };
    ctx.report({ file, range: (badName.word ?? line.keyword).range, messageId: "arguments", data });
    return;
  }
  // a word built from an unknown environment variable cannot be judged
  if (all.some((w) => w.env.some((e) => e.resolved === undefined))) return;
  const curated =
    prefixed || matched.elsewhere
      ? undefined
      : (curatedProblem(matched.found.spec.name, words.slice(matched.found.length), hk.version) ??
        statusProblem(matched.found.spec.name, words.slice(matched.found.length), hk.version) ??
        (PROXY_KINDS.includes(kind)
          ? proxyWordProblem(matched.found.spec.name, words.slice(matched.found.length), hk.version, kind)
          : globalWordProblem(matched.found.spec.name, words.slice(matched.found.length))));
  if (curated) {
    const data = { keyword: matched.found.spec.name, problem: curated.problem, version: hk.version };
    ctx.report({ file, range: (curated.word ?? line.keyword).range, messageId: "arguments", data });
    return;
  }
  if (!shape) return;
  const { found, elsewhere } = matched;
  // HAProxy's argument list ends at the first empty argument (parse_line(); 3.2 warns about the words after it).
  const written = words.slice(found.length);
  const firstEmpty = written.findIndex((w) => w.value === "");
  const args = firstEmpty < 0 ? written : written.slice(0, firstEmpty);
  // With a prefix or out of its section only the count is judged (the option is negated or ignored there).
  if ((prefixed || elsewhere) && (shape.max === null || args.length <= shape.max)) return;
  const problem = shapeProblem(shape, args, words[found.length - 1], found.spec.name);
  if (!problem) return;
  const data = { keyword: found.spec.name, problem: problem.problem, version: hk.version };
  ctx.report({ file, range: problem.word.range, messageId: "arguments", data });
}

function checkSection(ctx: Ctx, file: string, section: HpSection): void {
  const hk = ctx.haproxyKeywords;
  // cfg_parse_global(): 'global' takes no argument (alertif_too_many_args(0)).
  const extra = section.kind === "global" ? section.header.args[0] : undefined;
  if (extra) {
    const data = { keyword: "global", problem: `takes no argument, not '${extra.value}'`, version: hk.version };
    ctx.report({ file, range: extra.range, messageId: "arguments", data });
  }
  const seen = new Set<string>();
  for (const line of section.lines) {
    const name = line.keyword.value;
    if (section.kind === "global" && name in NAME_KEYWORDS && !seen.has(name)) {
      seen.add(name);
      const found = nameProblem(line.args, name);
      if (found) {
        const data = { keyword: name, problem: found.problem, version: hk.version };
        ctx.report({ file, range: (found.word ?? line.keyword).range, messageId: "arguments", data });
      }
      continue;
    }
    checkLine(ctx, file, section.kind, line);
  }
}

export default defineRule({
  id: "HP031",
  name: "keyword-arguments",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "A keyword given arguments HAProxy refuses: too few, too many, or of the wrong kind.",
    description:
      "Checks the arguments of global and proxy keywords against their shapes in the keyword table, measured with " +
      "the binary of each version (`haproxy -c` on probes of every keyword, " +
      "scripts/schema/haproxy-probe-shapes.mjs): how many words each keyword takes, and which of them must be an " +
      "integer (positive, above zero), a delay (digits with a unit us, ms, s, m, h or d, within 2147483647 ms where " +
      "HAProxy counts in milliseconds), a size (with k, m or g), or a word of a set its parser compares with " +
      "(`balance`, `mode`, `http-reuse`, `hash-type`, `load-server-state-from-file`, on/off tunables). Keywords " +
      "HAProxy reads with `atoi()` (such as `maxconn` in 2.6) are not checked for digits, as HAProxy accepts " +
      "anything there. Versions without a binary (2.8, 3.4) are not checked. The list ends at the first empty " +
      "argument, as in HAProxy; the count is judged after `no option X` and for an option written in a proxy that " +
      "ignores it, and `global` takes no word. Keywords whose parser reads its words itself are checked by hand: " +
      "`user`/`group` need a name, capture header `len`, `option forwardfor`, `balance url_param <name>`, " +
      "`unix-bind`, `tune.h2.max-frame-size`, the status codes of `errorfile`/`errorloc*`, the characters of a " +
      "server name, `stats socket` without address and, in 3.2, `email-alert` settings without value. The words " +
      "cfg_parse_listen() reads itself are checked as it reads them (proxy-keyword-words.ts): `bind`, " +
      "`default_backend`, `use_backend`, `use-server`, `source` and `max-session-srv-conns` without their first " +
      "word; `use-server`, `force-persist`, `ignore-persist`, `stats admin` and `monitor fail` without `if`/`unless`; " +
      "the options of `cookie`; `email-alert level`; `option originalto`; `option httplog` (and from 3.2 `option " +
      "tcplog`) with a word other than `clf`; a log format in more than one word; a `stats refresh` of 2^31 s or more. " +
      "The global words cfg_parse_global() reads itself (global-keyword-words.ts): `chroot`, `pidfile`, " +
      "`server-state-base`, `server-state-file`, `stats-file`, `unsetenv`, `description` without their word, " +
      "`setenv`/`presetenv` without a value, `master-worker` and `external-check` with another word than their one " +
      "option, `httpclient.ssl.verify`, and the ranges of `tune.http.maxhdr`, `tune.comp.maxlevel`, `tune.bufsize` " +
      "and `tune.maxrewrite` (read with atoi()). HAProxy 3.2 reads `pidfile`, `setenv`, `unsetenv` and " +
      "`master-worker` in a first pass and stops there when one is wrong, so it prints no message about the other " +
      "lines of that file; ha-lint reports them all.",
    why:
      "HAProxy refuses the whole configuration on such a line: `option httpchk` with a fourth word, `timeout client " +
      "30x`, `balance sourcexyzzy`, `nbthread 0`. A reload keeps the old configuration, a fresh start brings up " +
      "nothing.",
    sources: [
      "HAProxy 2.6.12 src/cfgparse-listen.c cfg_parse_listen() and alertif_too_many_args*() of src/cfgparse.c " +
        "('cannot handle unexpected argument'), src/cfgparse-global.c cfg_parse_global(), the keyword parsers of " +
        "src/proxy.c (proxy_parse_timeout(): 'timer overflow', 'unexpected character') and src/backend.c " +
        "backend_parse_balance()",
      "HAProxy src/tools.c parse_time_err(), parse_size_err()",
      "HAProxy src/cfgparse-global.c cfg_parse_global() ('user', 'group', 'unix-bind'), src/cfgparse-listen.c " +
        "cfg_parse_listen() ('capture', 'option forwardfor', 'email-alert'), src/backend.c backend_parse_balance(), " +
        "src/mux_h2.c h2_parse_max_frame_size(), src/http_htx.c proxy_parse_errorloc() and http_err_codes[] of " +
        "src/http.c, src/server.c _srv_parse_init() (invalid_char()), src/cli.c stats_parse_global(), at v2.6.0, " +
        "v3.0.0 and v3.2.0",
      "HAProxy src/cfgparse-listen.c cfg_parse_listen() ('expects a backend name', 'expects a server name', 'requires " +
        "either 'if' or 'unless' followed by a condition', the cookie options, 'unknown log level', 'only supports " +
        "option 'clf'', 'expects only one argument', 'timer overflow ... to stats refresh interval'), src/http_ext.c " +
        "proxy_http_parse_xot() from 3.0, src/log.c get_log_level(), at v2.6.0, v3.0.0 and v3.2.0; checked with " +
        "haproxy -c 2.6.12, 3.0.11 and 3.2.26",
      "HAProxy src/cfgparse-global.c cfg_parse_global() (from 3.2 also cfg_parse_global_chroot(), " +
        "cfg_parse_global_pidfile(), cfg_parse_global_master_worker(), cfg_parse_global_env_opts(), " +
        "cfg_parse_global_tune_opts()), src/http_client.c httpclient_parse_global_verify(), at v2.6.0, v3.0.0 and " +
        "v3.2.0; checked with haproxy -c 2.6.12, 3.0.11 and 3.2.26",
      "the shapes measured with haproxy 2.6.12, 3.0.11 and 3.2.26 (scripts/schema/haproxy-shapes.json, merged into " +
        "haproxy.json)",
    ],
    bad: "backend web\n    balance sourcexyzzy\n    option httpchk GET /health HTTP/1.1 www.example.net\n",
    good:
      "backend web\n    balance source\n    option httpchk GET /health HTTP/1.1\n" +
      "    http-check send hdr Host www.example.net\n",
    realTool:
      "haproxy -c reports \"'option httpchk' cannot handle unexpected argument 'www.example.net'\", \"balance only " +
      "supports 'roundrobin', ...\" and the like as fatal errors (rc 1).",
    reportedBy: "haproxy -c",
    versions: "Shapes measured for 2.6, 3.0 and 3.2; other target versions are not checked.",
  },
  messages,

  check(ctx) {
    for (const doc of ctx.haproxy) {
      for (const section of doc.sections) {
        if (!MEASURED.has(section.kind)) continue;
        checkSection(ctx, doc.file, section);
      }
    }
  },
});
