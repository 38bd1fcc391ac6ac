// The extract of one keepalived source tree: every message keepalived can print about its configuration
// (report_config_error() and file_config_error() anywhere, log_message() in the parsers and in the code -t runs),
// with its format as a pattern, place, level, whether -t reaches it and whether it is fatal; and the value table
// (keepalived-values.mjs). The extract is what scripts/messages/keepalived.mjs caches. Node builtins only.

import { callsIn, text, unquote } from "./keepalived-c-reader.mjs";
import { loadSources } from "./keepalived-sources.mjs";
import { neverReturns, reachability, stoppingFunctions, walkFunction } from "./keepalived-paths.mjs";
import { extractValues } from "./keepalived-values.mjs";

const PRINTERS = new Set(["report_config_error", "file_config_error", "log_message"]);
/** Levels of config_err_t (lib/parser.h) that make config_test_exit() (core/main.c) exit with code 4. */
const EXIT_4_LEVELS = new Set(["CONFIG_FILE_NOT_FOUND", "CONFIG_BAD_IF", "CONFIG_FATAL"]);
/** <inttypes.h> macros the formats use, as their glibc x86-64 text. */
const INTTYPES = {
  PRIu64: "lu",
  PRId64: "ld",
  PRIx64: "lx",
  PRIu32: "u",
  PRId32: "d",
  PRIx32: "x",
  PRIu16: "u",
  PRIu8: "u",
};

/** The format argument as text: literals joined, string macros expanded; undefined when it is not a literal. */
function formatText(tokens, defines, depth = 0) {
  let out = "";
  for (const token of tokens) {
    if (token.type === "str") out += unquote(token.value);
    else if (token.type === "id" && INTTYPES[token.value]) out += INTTYPES[token.value];
    else if (token.type === "id" && depth < 4 && /^"/.test(defines.get(token.value) ?? "")) {
      const inner = defines.get(token.value).match(/"(?:[^"\\]|\\.)*"|\w+/g) ?? [];
      const expanded = formatText(
        inner.map((value) => ({ type: value.startsWith('"') ? "str" : "id", value })),
        defines,
        depth + 1,
      );
      if (expanded === undefined) return undefined;
      out += expanded;
    } else return undefined;
  }
  return out;
}

const CONVERSION = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?(hh|h|ll|l|z|j|t|L)?([diouxXcsfgeEGpm%])/g;

/** A printf format as a regular expression matching the printed text. */
export function formatPattern(format) {
  let out = "";
  let last = 0;
  for (const match of format.matchAll(CONVERSION)) {
    out += escapeRegex(format.slice(last, match.index));
    last = match.index + match[0].length;
    const conversion = match[5];
    if (conversion === "%") out += "%";
    else if (conversion === "d" || conversion === "i") out += "-?\\d+";
    else if (conversion === "u") out += "\\d+";
    else if (conversion === "x" || conversion === "X") out += "[0-9a-fA-F]+";
    else if (conversion === "o") out += "[0-7]+";
    else if (conversion === "c") out += ".";
    else if ("fgeEG".includes(conversion)) out += "[-+0-9.eEinfa]+";
    else if (conversion === "p") out += "\\S+";
    else out += ".*";
  }
  out += escapeRegex(format.slice(last));
  return out;
}

function escapeRegex(literal) {
  return literal
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\n/g, "\\n")
    .replace(/\t/g, "\\t");
}

/**
 * Whether the code after a message makes keepalived stop: `exit()` (the process ends), or `return <failure>` in a
 * function whose failure stops the VRRP or checker process. Looks at the statements after the message, going out of
 * `if` branches and blocks, never out of a loop.
 */
function consequence(fn, path, failing, functions) {
  const fail = failing.get(fn);
  // `had_error = true; ... return had_error;`: the variable the function returns at its end
  const tail = fn.body.slice(-4).map((t) => t.value);
  const returned = tail[1] === "return" && tail[3] === ";" && /^[a-z_]\w*$/.test(tail[2]) ? tail[2] : undefined;
  const forks = fn.body.some((t) => t.value === "fork");
  for (let level = path.length - 1; level >= 0; level--) {
    const { list, index } = path[level];
    for (let next = index + 1; next < list.length; next++) {
      const statement = list[next];
      if (statement.kind === "return") {
        if (fail !== undefined && text(statement.tokens.slice(1, -1)) === fail) return "stop";
        return undefined;
      }
      if (statement.kind === "jump") return undefined;
      if (statement.kind === "expr") {
        const head = statement.tokens[0];
        if (!forks && (head?.value === "exit" || (head && neverReturns(functions, head.value)))) return "exit";
        if (fail !== undefined && returned && text(statement.tokens) === `${returned} = ${fail};`) return "stop";
      }
    }
    // leaving a loop body would repeat it: stop looking
    const container = path[level - 1];
    if (container && container.list[container.index].kind === "loop") return undefined;
  }
  return undefined;
}

/** Extracts the messages and the value table of a source tree. */
export function extract(dir) {
  const sources = loadSources(dir);
  const underTest = reachability(sources);
  const failing = stoppingFunctions(sources);
  const rows = new Map();
  for (const defs of sources.functions.values()) {
    for (const fn of defs) {
      const file = sources.files.get(fn.file);
      const parserFile = /(^lib\/parser\.c|_parser\.c)$/.test(fn.file);
      walkFunction(
        fn,
        (tokens, skipped, path) => {
          for (const call of callsIn(tokens)) {
            if (!PRINTERS.has(call.name)) continue;
            if (call.name === "log_message" && !parserFile && !underTest.has(fn)) continue;
            const format = formatText(call.args[1] ?? [], sources.defines);
            const level = call.name === "file_config_error" ? "include" : text(call.args[0] ?? []);
            const reached = underTest.has(fn) && !skipped;
            const notReached = reached ? undefined : (skipped ?? `${fn.name}() is not run by keepalived -t`);
            const inBuild = file.inBuild(call.line);
            const how = EXIT_4_LEVELS.has(level) ? "code4" : consequence(fn, path, failing, sources.functions);
            const key = `${fn.file}\t${fn.name}\t${format ?? text(call.args[1] ?? [])}`;
            const row = rows.get(key) ?? {
              printer: call.name,
              file: fn.file,
              function: fn.name,
              format: format ?? null,
              formatExpression: format === undefined ? text(call.args[1] ?? []) : undefined,
              pattern: format === undefined ? ".*" : formatPattern(format),
              level,
              lines: [],
              fatal: "no",
              reached: false,
              notReached,
              inBuild: false,
              guard: inBuild ? undefined : file.guardOf(call.line),
            };
            row.lines.push(call.line);
            if (how && (row.fatal === "no" || how === "exit")) row.fatal = how;
            if (reached) {
              row.reached = true;
              row.notReached = undefined;
            }
            if (inBuild) {
              row.inBuild = true;
              row.guard = undefined;
            }
            rows.set(key, row);
          }
        },
        sources.functions,
      );
    }
  }
  const messages = [...rows.values()].sort(
    (a, b) => a.file.localeCompare(b.file) || a.lines[0] - b.lines[0] || a.pattern.localeCompare(b.pattern),
  );
  for (const m of messages) if (m.formatExpression === undefined) delete m.formatExpression;
  return { version: sources.version, messages, values: extractValues(sources) };
}
