// What `keepalived -t` runs, read from the sources: each function's statements walked with the config-test bit
// set (a branch taken only without -t is skipped, the code after an `if (__test_bit(CONFIG_TEST_BIT, &debug))
// return` is not reached), the calls and function references that remain, and from the roots of the -t path the
// set of functions it can reach. Also which functions make keepalived stop when they fail (their failing return
// value), for the fatal column. Node builtins only.

import { callsIn, statements, text } from "./keepalived-c-reader.mjs";
import { lookup } from "./keepalived-sources.mjs";

/**
 * The roots of `keepalived -t` (core/main.c keepalived_main(): read_config_file() parses global_defs, then
 * validate_config() starts the checker, VRRP and BFD parsers and their completion; start/shutdown script checks).
 */
export const TEST_ROOTS = ["keepalived_main", "read_config_file", "validate_config"];

/** Entered by keepalived_main() only in other modes than -t (the genhash program). */
const OTHER_MODES = new Set(["check_genhash"]);

/** Functions whose references are callbacks for later (threads, timers, signals): not followed. */
const DEFERRED_CALLS = /^(thread_add_\w+|signal_set|timer_thread\w*|register_\w*thread\w*|atexit)$/;

/**
 * How an if-condition depends on -t: "test" when it holds under -t whatever the rest (`__test_bit(CONFIG_TEST_BIT,
 * &debug)` alone, or `!reload`), "not-test" when it cannot hold under -t (an operand of a top-level && chain is
 * `!__test_bit(CONFIG_TEST_BIT, &debug)` or `reload`: -t never reloads).
 */
function testDependence(cond) {
  const operands = [];
  let depth = 0;
  let current = [];
  for (const t of cond) {
    if (t.value === "(") depth++;
    if (t.value === ")") depth--;
    if (depth === 0 && (t.value === "||" || t.value === "?")) return undefined;
    if (depth === 0 && t.value === "&&") {
      operands.push(current);
      current = [];
    } else current.push(t);
  }
  operands.push(current);
  const shape = (op) => {
    const v = op.map((t) => t.value).join(" ");
    if (v === "__test_bit ( CONFIG_TEST_BIT , & debug )") return "test";
    if (v === "! __test_bit ( CONFIG_TEST_BIT , & debug )" || v === "reload") return "never";
    if (v === "! reload") return "test";
    return "other";
  };
  const shapes = operands.map(shape);
  if (shapes.includes("never")) return "not-test";
  if (shapes.length === 1 && shapes[0] === "test") return "test";
  return undefined;
}

/** A function that never returns: it calls exit() and has no return statement (config_test_exit(), null_strvec()). */
export function neverReturns(functions, name) {
  const defs = functions.get(name);
  if (!defs?.length) return false;
  const body = defs[0].body;
  return (
    body.some((t, i) => t.value === "exit" && body[i + 1]?.value === "(") && !body.some((t) => t.value === "return")
  );
}

/** A statement list ends by leaving the function (its last statement returns or exits). */
function alwaysLeaves(list, functions) {
  const last = list[list.length - 1];
  if (!last) return false;
  if (last.kind === "return") return true;
  if (last.kind === "block") return alwaysLeaves(last.body, functions);
  const head = last.tokens[0]?.value;
  if (last.kind === "expr" && (head === "exit" || (functions && neverReturns(functions, head)))) return true;
  return false;
}

/**
 * Walks a function with -t semantics. Calls `visit(token index range, skipped reason | undefined, path)` for
 * every expression-level piece, where `path` is the chain of statement lists down to it (for the fatal analysis).
 */
export function walkFunction(fn, visit, functions) {
  const walkList = (list, skipped, path) => {
    let after;
    for (let index = 0; index < list.length; index++) {
      const statement = list[index];
      const here = skipped ?? after;
      const level = [...path, { list, index }];
      if (statement.kind === "if") {
        visit(statement.cond, here, level, statement);
        const dependence = testDependence(statement.cond);
        const line = statement.cond[0]?.line;
        walkList(
          statement.then,
          here ?? (dependence === "not-test" ? `skipped under -t (${fn.name}() line ${line})` : undefined),
          level,
        );
        if (statement.else)
          walkList(
            statement.else,
            here ?? (dependence === "test" ? `skipped under -t (${fn.name}() line ${line})` : undefined),
            level,
          );
        if (dependence === "test" && !here && alwaysLeaves(statement.then, functions))
          after = `after the -t return of ${fn.name}() (line ${line})`;
      } else if (statement.kind === "loop") {
        visit(statement.cond, here, level, statement);
        walkList(statement.body, here, level);
      } else if (statement.kind === "block") {
        walkList(statement.body, here, level);
      } else {
        visit(statement.tokens, here, level, statement);
      }
    }
  };
  walkList(statements(fn.body), undefined, []);
}

/** Function names a token range calls or refers to (a handler passed to install_keyword() is a reference). */
export function referencesIn(tokens, functions) {
  const out = [];
  const deferred = new Set();
  for (const call of callsIn(tokens)) {
    if (DEFERRED_CALLS.test(call.name)) for (const arg of call.args) for (const t of arg) deferred.add(t);
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type !== "id" || deferred.has(token) || !functions.has(token.value)) continue;
    if (tokens[i - 1]?.value === "." || tokens[i - 1]?.value === "->") continue;
    out.push(token.value);
  }
  return out;
}

/**
 * The functions `keepalived -t` can run: reachable from TEST_ROOTS through calls and references outside skipped
 * code. Returns Map(def -> first caller chain) and the call graph (def -> Set(def)) without -t pruning.
 */
export function reachability(sources) {
  const { functions } = sources;
  const inBuild = (fn, line) => sources.files.get(fn.file).inBuild(line);
  const underTest = new Map();
  const queue = [];
  for (const name of TEST_ROOTS) {
    const fn = lookup(functions, name, undefined);
    if (fn) {
      underTest.set(fn, [name]);
      queue.push(fn);
    }
  }
  while (queue.length) {
    const fn = queue.shift();
    const chain = underTest.get(fn);
    walkFunction(
      fn,
      (tokens, skipped) => {
        if (skipped) return;
        for (const name of referencesIn(tokens, functions)) {
          if (OTHER_MODES.has(name)) continue;
          const line = tokens.find((t) => t.value === name)?.line;
          if (line !== undefined && !inBuild(fn, line)) continue;
          const target = lookup(functions, name, fn.file);
          if (target && !underTest.has(target)) {
            underTest.set(target, [...chain, name].slice(-6));
            queue.push(target);
          }
        }
      },
      functions,
    );
  }
  return underTest;
}

/**
 * Functions whose failure stops keepalived, with the return value that means failure: those whose result, when it
 * fails, makes start_vrrp()/start_check() call stop_*(KEEPALIVED_EXIT_CONFIG) (the VRRP or checker process exits
 * and the parent terminates, lib/scheduler.c report_child_status()), and, transitively, the functions a stopping
 * function returns failure for (`if (!f(...)) return false;`).
 */
export function stoppingFunctions(sources) {
  const { functions } = sources;
  const failing = new Map(); // def -> "false" | "true"
  const queue = [];
  const mark = (fn, value) => {
    if (fn && !failing.has(fn)) {
      failing.set(fn, value);
      queue.push(fn);
    }
  };
  const condCall = (cond) => {
    // `!f(...)` or `f(...)`, possibly followed by `|| ...`: the call and whether it is negated
    const negated = cond[0]?.value === "!";
    const at = negated ? 1 : 0;
    if (cond[at]?.type === "id" && cond[at + 1]?.value === "(") return { name: cond[at].value, negated };
    return undefined;
  };
  for (const root of ["start_vrrp", "start_check", "start_bfd"]) {
    const fn = lookup(functions, root, undefined);
    if (!fn) continue;
    walkFunction(fn, (tokens, skipped, path, statement) => {
      if (statement?.kind !== "if" || tokens !== statement.cond) return;
      const stops = callsIn(statement.then[0].tokens).some(
        (c) => /^stop_/.test(c.name) && c.args[0]?.some((t) => /^KEEPALIVED_EXIT_(CONFIG|FATAL)$/.test(t.value)),
      );
      const call = condCall(statement.cond);
      if (stops && call) mark(lookup(functions, call.name, fn.file), call.negated ? "false" : "true");
    });
  }
  while (queue.length) {
    const fn = queue.shift();
    const fail = failing.get(fn);
    walkFunction(fn, (tokens, skipped, path, statement) => {
      if (statement?.kind !== "if" || tokens !== statement.cond) return;
      const then = statement.then[0];
      const returned =
        then.kind === "return" ? then : then.kind === "block" ? then.body[then.body.length - 1] : undefined;
      if (returned?.kind !== "return" || text(returned.tokens.slice(1, -1)) !== fail) return;
      const call = condCall(statement.cond);
      if (call) mark(lookup(functions, call.name, fn.file), call.negated ? "false" : "true");
    });
  }
  return failing;
}
