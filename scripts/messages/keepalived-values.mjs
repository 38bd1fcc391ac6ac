// The per-keyword value table: which handler keepalived installs for each keyword of each block (the registration
// calls of the *_init_keywords() functions, followed as lib/parser.c builds its keyword tree), and what each handler
// reads from its words: numbers with their range (read_unsigned_strvec() & co. of lib/parser.c), on/off words
// (check_true_false()), and the highest word it takes without checking that it is there (strvec_slot() ends
// keepalived with "missing a parameter" when it is not). Node builtins only.

import { callsIn, statements, text, unquote } from "./keepalived-c-reader.mjs";
import { evaluate } from "./keepalived-constants.mjs";
import { lookup } from "./keepalived-sources.mjs";

/** The keyword tree builders keepalived's processes call through init_data() (one per process). */
const INIT_FUNCTIONS = ["global_init_keywords", "vrrp_init_keywords", "check_init_keywords", "bfd_init_keywords"];

/** lib/parser.c readers: argument positions of index, min, max, shift and ignore_error; the kind of number. */
const READERS = {
  read_unsigned_strvec: { kind: "unsigned", index: 1, min: 3, max: 4, ignore: 5 },
  read_int_strvec: { kind: "int", index: 1, min: 3, max: 4, ignore: 5 },
  read_unsigned64_strvec: { kind: "unsigned64", index: 1, min: 3, max: 4, ignore: 5 },
  read_unsigned_base_strvec: { kind: "unsigned", index: 1, base: 2, min: 4, max: 5, ignore: 6 },
  read_decimal_unsigned_strvec: { kind: "decimal", index: 1, min: 3, max: 4, shift: 5, ignore: 6 },
  read_timer: { kind: "timer", index: 1, min: 3, max: 4, ignore: 5 },
};
/** Readers of a string: the word is `strvec_slot(strvec, N)` in their first argument. */
const STRING_READERS = {
  read_unsigned: { kind: "unsigned", min: 2, max: 3, ignore: 4 },
  read_int: { kind: "int", min: 2, max: 3, ignore: 4 },
  read_unsigned64: { kind: "unsigned64", min: 2, max: 3, ignore: 4 },
  read_decimal_unsigned: { kind: "decimal", min: 2, max: 3, shift: 4, ignore: 5 },
};

function registers(functions, name, file, seen = new Set()) {
  const fn = lookup(functions, name, file);
  if (!fn || seen.has(fn)) return false;
  seen.add(fn);
  return callsIn(fn.body).some(
    (c) =>
      /^install_(keyword|sublevel)/.test(c.name) ||
      (functions.has(c.name) && registers(functions, c.name, fn.file, seen)),
  );
}

/** Builds the keyword tree: Map(block id -> Map(keyword -> { handlers:Set, end:Set, opens:bool })). */
function keywordTree(sources) {
  const { functions } = sources;
  const root = { name: "", children: new Map(), last: undefined };
  let lastRoot;
  let sublevel = 0;
  const add = (parent, name, handler) => {
    let node = parent.children.get(name);
    if (!node) {
      node = { name, children: new Map(), last: undefined, handlers: new Set(), end: new Set() };
      parent.children.set(name, node);
    }
    if (handler) node.handlers.add(handler);
    parent.last = node;
    return node;
  };
  const current = () => {
    let node = lastRoot;
    for (let i = 0; i < sublevel && node; i++) node = node.last;
    return node;
  };
  const value = (tokens, env) => {
    // a string literal, a function name, a parameter bound to one, or `c ? a : b` (the first that is a handler)
    const parts = tokens.filter((t) => t.value !== "&");
    if (parts.length === 1 && parts[0].type === "str") return { str: unquote(parts[0].value) };
    const names = parts.filter((t) => t.type === "id").map((t) => env[t.value] ?? { id: t.value });
    const strings = parts.filter((t) => t.type === "str").map((t) => unquote(t.value));
    if (strings.length) return { strs: strings };
    return names.find((n) => n.id && functions.has(n.id) && n.id !== "ignore_handler") ?? names[0] ?? {};
  };
  const stack = [];
  const run = (fn, env) => {
    if (stack.includes(fn)) return;
    stack.push(fn);
    const exec = (list) => {
      for (const s of list) {
        if (s.kind === "if") {
          exec(s.then);
          if (s.else) exec(s.else);
        } else if (s.kind === "loop") exec(s.body);
        else if (s.kind === "block") exec(s.body);
        else if (s.kind === "expr") call(s.tokens, env, fn);
      }
    };
    exec(statements(fn.body));
    stack.pop();
  };
  const call = (tokens, env, fn) => {
    let outerEnd = -1;
    for (const c of callsIn(tokens)) {
      if (c.index < outerEnd) continue;
      const skipInside = () => {
        outerEnd = c.end;
      };
      const names = (arg) => {
        const v = value(arg ?? [], env);
        return v.str !== undefined ? [v.str] : (v.strs ?? []);
      };
      const handlerOf = (arg) => {
        const v = value(arg ?? [], env);
        return v.id && v.id !== "NULL" && functions.has(v.id) ? lookup(functions, v.id, fn.file) : undefined;
      };
      if (c.name === "install_keyword_root") {
        for (const name of names(c.args[0])) lastRoot = add(root, name, handlerOf(c.args[1]));
        sublevel = 0;
        skipInside();
      } else if (c.name === "install_keyword" || c.name === "install_keyword_quoted") {
        for (const name of names(c.args[0])) {
          let parent = lastRoot;
          for (let i = 0; i < sublevel && parent; i++) parent = parent.last;
          if (parent) add(parent, name, handlerOf(c.args[1]));
        }
        skipInside();
      } else if (c.name === "install_sublevel") sublevel++;
      else if (c.name === "install_sublevel_end") sublevel--;
      else if (c.name === "install_sublevel_end_handler") {
        const node = current();
        const handler = handlerOf(c.args[0]);
        if (node && handler) node.end.add(handler);
      } else if (c.name === "install_root_end_handler") {
        const handler = handlerOf(c.args[0]);
        if (lastRoot && handler) lastRoot.end.add(handler);
      } else if (functions.has(c.name) && registers(functions, c.name, fn.file)) {
        const target = lookup(functions, c.name, fn.file);
        const bound = {};
        target.params.forEach((param, i) => {
          if (param && c.args[i]) bound[param] = value(c.args[i], env);
        });
        run(target, bound);
        skipInside();
      }
    }
  };
  for (const name of INIT_FUNCTIONS) {
    const fn = lookup(functions, name, undefined);
    if (fn) {
      lastRoot = undefined;
      sublevel = 0;
      run(fn, {});
    }
  }
  const blocks = new Map();
  const visit = (node, id) => {
    const keywords = new Map();
    for (const child of node.children.values()) {
      keywords.set(child.name, child);
      if (child.children.size) visit(child, id === "root" ? child.name : `${id}/${child.name}`);
    }
    blocks.set(id, keywords);
  };
  visit(root, "root");
  return blocks;
}

/** `strvec_slot(strvec, N)` with a constant N, as N. */
function slotIndex(tokens, defines) {
  const v = tokens.map((t) => t.value);
  if (v[0] === "strvec_slot" && v[1] === "(" && v[2] === "strvec" && v[3] === ",") {
    const index = evaluate(text(tokens.slice(4, -1)), defines);
    return typeof index === "number" ? index : undefined;
  }
  return undefined;
}

/**
 * The guard of a read: `vector_size(strvec) >= N` (or > / ==) as { atLeast: N }, an option word
 * (`!strcmp(strvec_slot(strvec, i), "weight")` before `read_x(strvec, i + 1, ...)`) as { after: "weight" }.
 */
function guardOf(conds, defines) {
  const guard = {};
  for (const { cond, negated } of conds) {
    const t = text(cond);
    // `if (!strvec) return;`: only inactive roots are called without words
    if (t === "!strvec" || t === "strvec") continue;
    const size = /^vector_size\(strvec\)\s*(>=|>|==|<|<=)\s*(\w+)$/.exec(t);
    if (size) {
      const n = evaluate(size[2], defines);
      // the words there are at least: `>= n`, `> n`, `== n`, or the else side of `< n`, `<= n`
      const op = negated
        ? { "<": ">=", "<=": ">" }[size[1]]
        : [">=", ">", "=="].includes(size[1])
          ? size[1]
          : undefined;
      if (typeof n === "number" && op) {
        guard.atLeast = Math.max(guard.atLeast ?? 0, op === ">" ? n + 1 : n);
        continue;
      }
    }
    const word =
      /^!strcmp\(strvec_slot\(strvec,\s*\w+\),\s*"([^"]+)"\)$/.exec(t) ??
      /^!strcmp\("([^"]+)",\s*strvec_slot\(strvec,\s*\w+\)\)$/.exec(t);
    if (word && !negated) {
      guard.after = word[1];
      continue;
    }
    guard.other = true;
  }
  return guard;
}

/** A statement that ends the function (`return;`, or a block ending with it). */
function leaves(statement) {
  if (!statement) return false;
  if (statement.kind === "return") return true;
  return statement.kind === "block" && leaves(statement.body[statement.body.length - 1]);
}

/** What a handler reads from its words (numbers with ranges, on/off words) and the highest word it requires. */
function handlerReads(fn, sources, depth = 0, bound = new Map()) {
  const { functions } = sources;
  // a helper's parameters bound to constants by its caller (`set_script_uid_gid(strvec, 1, ...)`)
  const defines = bound.size ? new Map([...sources.defines, ...bound]) : sources.defines;
  const reads = [];
  const visitList = (list, conds, inLoop) => {
    for (let index = 0; index < list.length; index++) {
      const s = list[index];
      const own = s.kind === "if" || s.kind === "loop" ? s.cond : s.kind === "block" ? [] : s.tokens;
      record(own, conds, inLoop, s, list[index + 1]);
      if (s.kind === "if") {
        visitList(s.then, [...conds, { cond: s.cond, negated: false }], inLoop);
        if (s.else) visitList(s.else, [...conds, { cond: s.cond, negated: true }], inLoop);
      } else if (s.kind === "loop") visitList(s.body, [...conds, { cond: s.cond, negated: false, loop: true }], true);
      else if (s.kind === "block") visitList(s.body, conds, inLoop);
      // a handler that returns early for some words guards everything after it
      if (s.kind === "if" && leaves(s.then[0])) conds = [...conds, { cond: s.cond, negated: true }];
    }
  };
  const record = (tokens, conds, inLoop, statement, next) => {
    for (const c of callsIn(tokens)) {
      const reader = READERS[c.name];
      const stringReader = STRING_READERS[c.name];
      const guard = guardOf(
        conds.filter((x) => !x.loop),
        defines,
      );
      if (
        (reader && text(c.args[0] ?? []) === "strvec") ||
        (stringReader && slotIndex(c.args[0] ?? [], defines) !== undefined)
      ) {
        const spec = reader ?? stringReader;
        const indexText = reader ? text(c.args[reader.index]) : undefined;
        const index = reader ? evaluate(indexText, defines) : slotIndex(c.args[0], defines);
        const read = {
          kind: spec.kind,
          line: c.line,
          index: typeof index === "number" ? index : undefined,
          min: evaluate(text(c.args[spec.min] ?? []), defines),
          max: evaluate(text(c.args[spec.max] ?? []), defines),
          ignoreError: text(c.args[spec.ignore] ?? []) === "true",
        };
        if (spec.shift !== undefined) read.shift = evaluate(text(c.args[spec.shift] ?? []), defines);
        if (spec.kind === "timer") read.shift = evaluate("TIMER_HZ_DIGITS", defines);
        if (spec.base !== undefined) read.base = evaluate(text(c.args[spec.base] ?? []), defines);
        if (read.index === undefined && guard.after !== undefined && /^(\+\+\w+|\w+\s*\+\s*1)$/.test(indexText ?? ""))
          read.after = guard.after;
        if (read.index === undefined && read.after === undefined) read.indexExpression = indexText;
        if (guard.atLeast !== undefined) read.atLeast = guard.atLeast;
        if (guard.other || (inLoop && read.after === undefined)) read.conditional = true;
        const failure = failureMessage(statement, c, next);
        if (failure) read.failure = failure;
        reads.push(read);
      }
      // a helper handed the whole line (`alloc_vrrp_script(strvec)`): what it reads counts for the keyword
      const passed = c.args.findIndex((arg) => arg.length === 1 && arg[0].value === "strvec");
      const callee = passed >= 0 && depth < 2 && !READERS[c.name] ? lookup(functions, c.name, fn.file) : undefined;
      if (callee && callee.params[passed] === "strvec") {
        const constants = new Map();
        callee.params.forEach((param, i) => {
          const value = i !== passed && c.args[i] ? evaluate(text(c.args[i]), defines) : undefined;
          if (param && typeof value === "number") constants.set(param, String(value));
        });
        const inner = handlerReads(callee, sources, depth + 1, constants);
        const guarded = guardOf(conds, defines);
        const unconditional = !guarded.other && guarded.atLeast === undefined && !inLoop;
        for (const read of inner.reads) reads.push(unconditional ? read : { ...read, conditional: true });
      }
      if (c.name === "check_true_false") {
        const index = slotIndex(c.args[0] ?? [], defines);
        if (index !== undefined) {
          const read = { kind: "bool", line: c.line, index };
          if (guard.atLeast !== undefined) read.atLeast = guard.atLeast;
          if (guard.other || inLoop) read.conditional = true;
          const failure = failureMessage(statement, undefined, next);
          if (failure) read.failure = failure;
          reads.push(read);
        }
      }
    }
  };
  const body = statements(fn.body);
  visitList(body, [], false);
  const aliases = wordAliases(fn.body, defines);
  const enums = [];
  const findEnums = (list, inLoop) => {
    for (const s of list) {
      if (s.kind === "if") {
        const found = !inLoop && enumChain(s, aliases, defines);
        if (found) enums.push(found);
        else {
          findEnums(s.then, inLoop);
          if (s.else) findEnums(s.else, inLoop);
        }
      } else if (s.kind === "block") findEnums(s.body, inLoop);
      else if (s.kind === "loop") findEnums(s.body, true);
    }
  };
  findEnums(body, false);
  for (const found of enums) reads.push(found);
  const result = { reads, requires: requiredWords(body, sources, defines, depth) };
  Object.assign(result, earlyChecks(body, defines, aliases));
  return result;
}

/** Local names of a word of the line: `const char *str = strvec_slot(strvec, 1);` -> str: 1. */
function wordAliases(tokens, defines) {
  const out = new Map();
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i].type === "id" && tokens[i + 1].value === "=" && tokens[i + 2]?.value === "strvec_slot") {
      const end = tokens.findIndex((t, k) => k > i + 2 && t.value === ")");
      const index = slotIndex(tokens.slice(i + 2, end + 1), defines);
      if (index !== undefined) out.set(tokens[i].value, index);
    }
  }
  return out;
}

/** The word index a comparison operand names: `strvec_slot(strvec, N)` or an alias of it. */
function operandIndex(tokens, aliases, defines) {
  if (tokens.length === 1 && aliases.has(tokens[0].value)) return aliases.get(tokens[0].value);
  return slotIndex(tokens, defines);
}

/**
 * `if (!strcmp(word, "MASTER")) ... else if (!strcmp(word, "BACKUP")) ... else report_config_error(...)`: the
 * words a keyword accepts, when every other word is reported. Returns { kind: "enum", index, values, failure,
 * caseInsensitive } or undefined.
 */
function enumChain(statement, aliases, defines) {
  const values = [];
  let index;
  let caseInsensitive = false;
  let current = statement;
  for (;;) {
    const alternatives = splitTop(current.cond, "||");
    for (const alternative of alternatives) {
      const v = alternative.map((t) => t.value);
      const negated = v[0] === "!";
      const call = negated ? alternative.slice(1) : alternative;
      if (!negated || !/^str(case)?cmp$/.test(call[0]?.value ?? "") || call[1]?.value !== "(") return undefined;
      const args = callsIn(call)[0]?.args ?? [];
      const literal = args.find((a) => a.length === 1 && a[0].type === "str");
      const word = args.find((a) => a !== literal);
      const at = word && operandIndex(word, aliases, defines);
      if (!literal || at === undefined || (index !== undefined && at !== index)) return undefined;
      index = at;
      if (call[0].value === "strcasecmp") caseInsensitive = true;
      values.push(unquote(literal[0].value));
    }
    const next = current.else?.[0];
    if (next?.kind === "if") {
      current = next;
      continue;
    }
    const failure = next && firstReport(next);
    if (!failure || values.length === 0) return undefined;
    const found = { kind: "enum", index, values, failure };
    if (caseInsensitive) found.caseInsensitive = true;
    return found;
  }
}

function splitTop(tokens, operator) {
  const parts = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.value === "(") depth++;
    if (t.value === ")") depth--;
    if (depth === 0 && t.value === operator) parts.push([]);
    else parts[parts.length - 1].push(t);
  }
  return parts;
}

/** The format of the first report_config_error() of a statement (in a block, its first statements). */
function firstReport(statement) {
  const call = callsIn(statement.tokens).find((c) => c.name === "report_config_error");
  const literal = call?.args[1]?.filter((t) => t.type === "str");
  return literal?.length ? literal.map((t) => unquote(t.value)).join("") : undefined;
}

/**
 * What a handler checks before it reads: `if (vector_size(strvec) < 2) { report; return; }` (the words it needs,
 * with its own message: `needs`), `if (vrrp->script_backup) { report("... already specified ..."); return; }` (a
 * keyword given once: `once`), `if (find_x(strvec_slot(strvec, 1))) { report("... already defined"); ... }` (a name
 * given once: `unique`).
 */
/** The statement calls skip_block(): keepalived does not read the block the keyword opens. */
function skips(statement) {
  return callsIn(statement.tokens).some((c) => c.name === "skip_block");
}

function earlyChecks(body, defines, aliases) {
  const out = {};
  const nameWord = (cond) =>
    /strvec_slot\(strvec,\s*1\)/.test(text(cond)) || cond.some((t) => t.type === "id" && aliases.get(t.value) === 1);
  for (const s of body) {
    // `list_for_each_entry(vrrp, ...) if (!strcmp(iname, vrrp->iname)) { report("... already defined"); ... }`
    if (s.kind === "loop" && !out.unique) {
      const inner = s.body[0]?.kind === "block" ? s.body[0].body : s.body;
      for (const t of inner) {
        const report = t.kind === "if" ? firstReport(t.then[0]) : undefined;
        if (report && /already (defined|configured|exists)/.test(report) && nameWord(t.cond))
          out.unique = { failure: report, ...(skips(t.then[0]) ? { skipsBlock: true } : {}) };
      }
      continue;
    }
    if (s.kind !== "if") continue;
    const report = firstReport(s.then[0]);
    if (!report) continue;
    const cond = text(s.cond);
    const size = /^vector_(?:size|count)\(strvec\)\s*(<|<=|==|!=)\s*(\w+)$/.exec(cond);
    if (size && leaves(s.then[0]) && out.needs === undefined) {
      const n = evaluate(size[2], defines);
      // `< n`: at least n - 1 words after the keyword; `!= n`: exactly n - 1
      const extra = { ...(size[1] === "!=" ? { exact: true } : {}), ...(skips(s.then[0]) ? { skipsBlock: true } : {}) };
      if (typeof n === "number" && size[1] !== "==")
        out.needs = { words: (size[1] === "<=" ? n + 1 : n) - 1, failure: report, ...extra };
      if (typeof n === "number" && size[1] === "==") out.needs = { words: n, failure: report, ...extra };
      continue;
    }
    if (/already/.test(report) && !s.cond.some((t) => t.value === "strvec") && leaves(s.then[0]) && !out.once)
      out.once = report;
    else if (/already (defined|configured|exists|specified)/.test(report) && nameWord(s.cond) && !out.unique)
      out.unique = { failure: report, ...(skips(s.then[0]) ? { skipsBlock: true } : {}) };
  }
  return out;
}

/**
 * The highest word a handler takes on every path through it: `strvec_slot(strvec, N)` and the readers of word N end
 * keepalived when the line has fewer words (lib/vector.c strvec_slot() -> lib/parser.c null_strvec()). A path that
 * returns first, a branch the line's length decides (`if (vector_size(strvec) >= 2)`) or a loop body that may not run
 * takes nothing; helpers handed the line count with their own paths. An early return on what earlier lines set (a
 * value already given) is not the way of the keyword's first occurrence and is left out.
 */
function requiredWords(body, sources, defines, depth) {
  const memo = new Map();
  const accesses = (tokens) => {
    // `vector_size(strvec) >= 3 ? strvec_slot(strvec, 2) : NULL`: what follows a length test's `?` may not run
    const sized = tokens.findIndex((t) => t.value === "vector_size");
    const optional = sized >= 0 ? tokens.findIndex((t, i) => i > sized && t.value === "?") : -1;
    let most = 0;
    for (const c of callsIn(tokens)) {
      if (optional >= 0 && c.index > optional) continue;
      if (c.name === "strvec_slot" && text(c.args[0] ?? []) === "strvec") {
        const index = slotIndex(tokens.slice(c.index, c.end + 1), defines);
        if (index !== undefined) most = Math.max(most, index);
      } else if (READERS[c.name] && text(c.args[0] ?? []) === "strvec") {
        const index = evaluate(text(c.args[READERS[c.name].index] ?? []), defines);
        if (typeof index === "number") most = Math.max(most, index);
      } else if (depth < 2) {
        const passed = c.args.findIndex((arg) => arg.length === 1 && arg[0].value === "strvec");
        const callee = passed >= 0 ? lookup(sources.functions, c.name, undefined) : undefined;
        if (callee && callee.params[passed] === "strvec") {
          const constants = new Map(defines);
          callee.params.forEach((param, i) => {
            const value = i !== passed && c.args[i] ? evaluate(text(c.args[i]), defines) : undefined;
            if (param && typeof value === "number") constants.set(param, String(value));
          });
          most = Math.max(most, requiredWords(statements(callee.body), sources, constants, depth + 1));
        }
      }
    }
    return most;
  };
  const simple = (cond) => !cond.some((t) => ["&&", "||", "?"].includes(t.value));
  // the least, over the paths from list[index] to the end of the function, of the highest word a path takes
  const along = (list, index, rest) => {
    const key = list;
    if (!memo.has(key)) memo.set(key, new Map());
    if (memo.get(key).has(index)) return memo.get(key).get(index);
    let value;
    const s = list[index];
    if (!s) value = rest();
    else {
      const next = () => along(list, index + 1, rest);
      if (s.kind === "return") value = accesses(s.tokens);
      else if (s.kind === "jump") value = 0;
      else if (s.kind === "if" && text(s.cond) === "!strvec") value = s.else ? along(s.else, 0, next) : next();
      // `if (vrrp->script_backup) { ...already specified...; return; }`: a test of what earlier lines set, not of
      // this line; the first occurrence of the keyword takes the other way
      else if (s.kind === "if" && !s.else && leaves(s.then[0]) && !s.cond.some((t) => t.value === "strvec"))
        value = next();
      else if (s.kind === "if") {
        const head = simple(s.cond) ? accesses(s.cond) : 0;
        const then = along(s.then, 0, next);
        const other = s.else ? along(s.else, 0, next) : next();
        value = Math.max(head, Math.min(then, other));
      } else if (s.kind === "loop") value = Math.max(simple(s.cond) ? accesses(s.cond) : 0, next());
      else if (s.kind === "block") value = along(s.body, 0, next);
      else value = Math.max(accesses(s.tokens), next());
    }
    memo.get(key).set(index, value);
    return value;
  };
  return along(body, 0, () => 0);
}

/** The format of the first report_config_error() a failed read leads to (the handler's own message). */
function failureMessage(statement, readCall, next) {
  const branch = (s) => {
    if (!s) return undefined;
    const first = s.kind === "block" ? s.body[0] : s;
    const call = first && callsIn(first.tokens).find((c) => c.name === "report_config_error");
    const literal = call?.args[1]?.filter((t) => t.type === "str");
    return literal?.length ? literal.map((t) => unquote(t.value)).join("") : undefined;
  };
  if (!statement) return undefined;
  if (statement.kind === "if" && readCall) {
    const negated = statement.cond[0]?.value === "!";
    return negated ? branch(statement.then[0]) : statement.else ? branch(statement.else[0]) : undefined;
  }
  if (statement.kind === "if") return branch(statement.then[0]);
  // `res = check_true_false(...); if (res < 0) report(...)` or `if (res >= 0) set(...); else report(...)`
  if (next?.kind === "if" && /\bres\b|\bret\b/.test(text(next.cond)))
    return branch(next.then[0]) ?? (next.else ? branch(next.else[0]) : undefined);
  return undefined;
}

/** The value table of a source tree: one entry per (block, keyword) whose handler reads something. */
export function extractValues(sources) {
  const blocks = keywordTree(sources);
  const entries = [];
  for (const [block, keywords] of [...blocks].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [keyword, node] of [...keywords].sort(([a], [b]) => a.localeCompare(b))) {
      for (const handler of [...node.handlers].sort((a, b) => a.name.localeCompare(b.name))) {
        if (!sources.files.get(handler.file).inBuild(handler.line)) continue;
        const { reads, requires, needs, once, unique } = handlerReads(handler, sources);
        const entry = { block, keyword, handler: handler.name, file: handler.file };
        if (node.children.size) entry.opens = true;
        if (requires) entry.requires = requires;
        if (reads.length) entry.reads = reads;
        if (needs) entry.needs = needs;
        if (once) entry.once = once;
        if (unique) entry.unique = unique;
        entries.push(entry);
      }
    }
  }
  return entries;
}
