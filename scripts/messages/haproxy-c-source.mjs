// Reading HAProxy's C sources for the message table (scripts/messages/haproxy.mjs): comments and untaken
// preprocessor branches blanked, functions and their blocks located, message calls and their format strings
// read, and what the code does right after each call (error flags, return values, goto targets).
// Only node builtins; no C is compiled or run.

/** Message-printing calls and the index of their format argument. */
export const MESSAGE_CALLS = {
  ha_alert: 0,
  ha_warning: 0,
  ha_diag_warning: 0,
  ha_notice: 0,
  memprintf: 1,
};

const CALL_RE = new RegExp(`\\b(${Object.keys(MESSAGE_CALLS).join("|")})\\s*\\(`, "g");

/**
 * The text with comments replaced by blanks (newlines kept, so offsets and line numbers stay), and a mask of the
 * characters that are inside string or character literals.
 */
export function blankComments(text) {
  const out = text.split("");
  const inLiteral = new Uint8Array(text.length);
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (let k = i; k < stop; k++) if (out[k] !== "\n") out[k] = " ";
      i = stop;
    } else if (c === "/" && next === "/") {
      let k = i;
      while (k < text.length && text[k] !== "\n") out[k++] = " ";
      i = k;
    } else if (c === '"' || c === "'") {
      let k = i + 1;
      while (k < text.length && text[k] !== c && text[k] !== "\n") k += text[k] === "\\" ? 2 : 1;
      for (let m = i; m <= k && m < text.length; m++) inLiteral[m] = 1;
      i = k + 1;
    } else i++;
  }
  return { code: out.join(""), inLiteral };
}

/**
 * Blanks the `#else`/`#elif` branches of preprocessor conditionals (the first branch is kept), so that braces
 * balance for locating functions. Messages are still read from the full text.
 */
export function firstBranches(code) {
  const lines = code.split("\n");
  const stack = []; // per open conditional: true while inside a branch after the first
  for (let n = 0; n < lines.length; n++) {
    const directive = /^\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b/.exec(lines[n]);
    const hidden = stack.some(Boolean);
    if (directive) {
      const d = directive[1];
      if (d.startsWith("if")) stack.push(false);
      else if (d === "elif" || d === "else") {
        if (stack.length) stack[stack.length - 1] = true;
      } else stack.pop();
      lines[n] = " ".repeat(lines[n].length);
      continue;
    }
    if (hidden || /^\s*#/.test(lines[n])) {
      // a macro definition goes on over its continuation lines
      let last = n;
      while (/^\s*#/.test(lines[n]) && /\\\s*$/.test(lines[last]) && last + 1 < lines.length) last++;
      for (let k = n; k <= last; k++) lines[k] = " ".repeat(lines[k].length);
      n = last;
    }
  }
  return lines.join("\n");
}

/**
 * The calling convention of a function, from its parameters: a keyword parser of a configuration section
 * (returns -1 on error, 1 on a warning), of a bind or server line (returns ERR_* flags), or anything else.
 */
function conventionOf(parameters) {
  const p = parameters.replace(/\s+/g, " ");
  if (
    /char \*\*args, int section_type, struct proxy \*\w+, const struct proxy \*\w+, const char \*\w+, int \w+, char \*\*err/.test(
      p,
    )
  )
    return "section-keyword";
  if (/char \*\*args, int \*?cur_arg, struct proxy \*\w+, struct bind_conf \*\w+, char \*\*err/.test(p))
    return "bind-keyword";
  if (/char \*\*args, int \*?cur_arg, struct proxy \*\w+, struct server \*\w+, char \*\*err/.test(p))
    return "server-keyword";
  return "other";
}

/** Functions of a file: name and the offsets of their body braces. */
export function functionsOf(structure, inLiteral) {
  const out = [];
  let depth = 0;
  let boundary = 0;
  let current;
  for (let i = 0; i < structure.length; i++) {
    if (inLiteral[i]) continue;
    const c = structure[i];
    if (c === "{") {
      if (depth === 0) {
        const header = structure.slice(boundary, i);
        const m = /([A-Za-z_]\w*)\s*\(((?:[^()]|\([^()]*\))*)\)\s*(?:__attribute__\s*\(\([^)]*\)\)\s*)?$/s.exec(header);
        if (m && !/=\s*$/.test(header) && !/^(if|for|while|switch|return|sizeof)$/.test(m[1]))
          current = { name: m[1], start: i, convention: conventionOf(m[2]) };
      }
      depth++;
    } else if (c === "}") {
      depth--;
      if (depth === 0) {
        if (current) out.push({ ...current, end: i, callees: calleesOf(structure, inLiteral, current.start, i) });
        current = undefined;
        boundary = i + 1;
      }
    } else if (c === ";" && depth === 0) boundary = i + 1;
  }
  return out;
}

/** Names a function body calls directly (`name(`), keywords of C left out. */
function calleesOf(structure, inLiteral, start, end) {
  const names = new Set();
  const body = structure.slice(start, end);
  for (const m of body.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)) {
    if (inLiteral[start + m.index]) continue;
    if (!/^(if|for|while|switch|return|sizeof|defined|typeof|__typeof__|offsetof)$/.test(m[1])) names.add(m[1]);
  }
  return [...names].sort();
}

/** Keyword-list types whose entries HAProxy calls while it reads the configuration. */
const CONFIG_TABLES =
  /\bstruct\s+(cfg_kw_list|bind_kw_list|srv_kw_list|sample_fetch_kw_list|sample_conv_kw_list|acl_kw_list|action_kw_list|flt_kw_list|ssl_bind_kw|ssl_crtlist_kw)\b[^=;{]*=\s*\{/g;
/** Registrations of functions run while the configuration is read and checked (haproxy -c runs them). */
const CONFIG_REGISTRATIONS =
  /\b(REGISTER_CONFIG_SECTION|REGISTER_CONFIG_POSTPARSER|REGISTER_PRE_CHECK|REGISTER_POST_PROXY_CHECK|REGISTER_POST_SERVER_CHECK|cfg_register_section|hap_register_pre_check|hap_register_post_proxy_check|hap_register_post_server_check|cfg_register_postparser)\s*\(/g;
/** Registrations of functions run at start-up after the point where haproxy -c stops (haproxy.c init()). */
const STARTUP_REGISTRATIONS =
  /\b(REGISTER_POST_CHECK|REGISTER_PER_THREAD_ALLOC|REGISTER_PER_THREAD_INIT|hap_register_post_check|hap_register_per_thread_alloc|hap_register_per_thread_init)\s*\(/g;

/**
 * Functions HAProxy calls through a pointer while it checks the configuration: a rule's check function, a
 * filter's init and check callbacks, the SSL transport's preparation of bind and server contexts.
 */
const CONFIG_CALLBACKS = /(?:->check_ptr|\.(?:check|init|prepare_bind_conf|prepare_srv))\s*=\s*([A-Za-z_]\w*)\s*[;,}]/g;

/** Identifiers inside the braces or parentheses opened at `open`. */
function identifiersFrom(code, inLiteral, open) {
  const { end } = readArguments(code, inLiteral, open);
  const out = [];
  for (const m of code.slice(open, end).matchAll(/\b[A-Za-z_]\w*\b/g)) if (!inLiteral[open + m.index]) out.push(m[0]);
  return out;
}

/** The functions a file hands to HAProxy's configuration reader (keyword tables, registrations), and to start-up. */
export function rootsOf(text) {
  const { code, inLiteral } = blankComments(text);
  const config = new Set();
  const startup = new Set();
  for (const m of code.matchAll(CONFIG_TABLES))
    for (const id of identifiersFrom(code, inLiteral, m.index + m[0].length - 1)) config.add(id);
  for (const m of code.matchAll(CONFIG_REGISTRATIONS))
    for (const id of identifiersFrom(code, inLiteral, m.index + m[0].length - 1)) config.add(id);
  for (const m of code.matchAll(CONFIG_CALLBACKS)) if (!inLiteral[m.index]) config.add(m[1]);
  for (const m of code.matchAll(STARTUP_REGISTRATIONS))
    for (const id of identifiersFrom(code, inLiteral, m.index + m[0].length - 1)) startup.add(id);
  return { config: [...config].sort(), startup: [...startup].sort() };
}

/** Every function of a file with the functions it calls. */
export function callGraphOf(text) {
  const { code, inLiteral } = blankComments(text);
  return functionsOf(firstBranches(code), inLiteral).map((f) => ({ name: f.name, callees: f.callees }));
}

/** Offset just past the `)` closing the parenthesis opened at `open`, and the top-level arguments. */
export function readArguments(code, inLiteral, open) {
  const args = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < code.length; i++) {
    if (inLiteral[i]) continue;
    const c = code[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      depth--;
      if (depth === 0) {
        args.push(code.slice(start, i));
        return { end: i + 1, args };
      }
    } else if (c === "," && depth === 1) {
      args.push(code.slice(start, i));
      start = i + 1;
    }
  }
  return { end: code.length, args };
}

/** printf length macros of <inttypes.h>, as the conversion they stand for. */
const INTTYPES = /^PRI([diouxX])(8|16|32|64|PTR|MAX|LEAST\d+|FAST\d+)$/;

/**
 * The format string of a call argument: adjacent literals joined and decoded; an inttypes macro between them
 * becomes its conversion, another identifier `%s` (a macro or variable holding text). Undefined when the argument
 * holds no literal at all (the format is a variable).
 */
export function formatOf(argument) {
  const tokens = argument.match(/"(?:[^"\\\n]|\\.)*"|[A-Za-z_]\w*|\S/g) ?? [];
  let format = "";
  let literals = 0;
  for (const t of tokens) {
    if (t.startsWith('"')) {
      format += decodeLiteral(t.slice(1, -1));
      literals++;
    } else if (INTTYPES.test(t)) format += `l${INTTYPES.exec(t)[1]}`;
    else if (/^[A-Za-z_]\w*$/.test(t) && literals > 0) format += "%s";
    else if (literals > 0) break; // an operator after the literals: a computed format, keep what was read
  }
  return literals > 0 ? format : undefined;
}

function decodeLiteral(text) {
  return text.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_m, e) => {
    if (e[0] === "x") return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', "'": "'" }[e] ?? e;
  });
}

/** The innermost block (offsets of its braces) around `offset`, inside the function span. */
function enclosingBlockEnd(structure, inLiteral, fn, offset) {
  let depth = 0;
  for (let i = offset; i <= fn.end; i++) {
    if (inLiteral[i]) continue;
    if (structure[i] === "{") depth++;
    else if (structure[i] === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return fn.end;
}

/** What the statements at `text` do, as tokens: error flags set, the value returned, the label jumped to. */
function effectTokens(text) {
  const tokens = [];
  for (const flag of ["ERR_ALERT", "ERR_FATAL", "ERR_ABORT", "ERR_WARN"]) if (text.includes(flag)) tokens.push(flag);
  const assigned = /\b(retval|ret|rc|err_code|result)\s*=\s*(-?\d+)\s*;/.exec(text);
  if (assigned) tokens.push(`set ${assigned[2]}`);
  if (/\b(cfgerr|errs|err_count|nberr)\s*(\+\+|\+=)|\+\+\s*(cfgerr|errs)\b/.test(text)) tokens.push("count-error");
  const ret = /\breturn\b\s*([^;]*);/.exec(text);
  const jump = /\bgoto\s+([A-Za-z_]\w*)\s*;/.exec(text);
  const first = [ret, jump].filter(Boolean).sort((a, b) => a.index - b.index)[0];
  if (first === ret && ret) tokens.push(`return ${ret[1].replace(/\s+/g, " ").trim()}`);
  else if (first === jump && jump) tokens.push(`goto ${jump[1]}`);
  else if (/\b(break|continue)\s*;/.test(text)) tokens.push(/\bbreak\s*;/.test(text) ? "break" : "continue");
  return tokens;
}

/** Up to the first statement that leaves (return, goto, break, continue), at most `limit` characters. */
function untilLeaving(text, limit) {
  const m = /\b(return\b[^;]*;|goto\s+\w+\s*;|break\s*;|continue\s*;)/.exec(text);
  return m ? text.slice(0, Math.min(limit, m.index + m[0].length)) : text.slice(0, limit);
}

/**
 * Every message call of one file: function, 1-based line, call name, format, and the effect tokens of the code
 * after it (a goto is followed to its label, and what that label does is added).
 */
export function messageCallsOf(text) {
  const { code, inLiteral } = blankComments(text);
  const structure = firstBranches(code);
  const functions = functionsOf(structure, inLiteral);
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === "\n") lineStarts.push(i + 1);
  const lineOf = (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const calls = [];
  for (const m of code.matchAll(CALL_RE)) {
    if (inLiteral[m.index]) continue;
    const fn = functions.find((f) => f.start < m.index && m.index < f.end);
    if (!fn) continue; // a prototype or a macro definition
    const open = m.index + m[0].length - 1;
    const { end, args } = readArguments(code, inLiteral, open);
    const formatArg = args[MESSAGE_CALLS[m[1]]];
    if (formatArg === undefined) continue;
    const format = formatOf(formatArg);
    const blockEnd = enclosingBlockEnd(structure, inLiteral, fn, end);
    const after = untilLeaving(code.slice(end, blockEnd), 600);
    const effect = effectTokens(after);
    const jump = effect.find((t) => t.startsWith("goto "));
    if (jump) {
      const label = jump.slice(5);
      const at = new RegExp(`(^|[;{}\\s])${label}\\s*:(?!:)`).exec(code.slice(fn.start, fn.end));
      if (at) {
        const target = untilLeaving(code.slice(fn.start + at.index + at[0].length, fn.end), 600);
        for (const t of effectTokens(target)) effect.push(`${label}: ${t}`);
      }
    }
    calls.push({
      function: fn.name,
      convention: fn.convention,
      line: lineOf(m.index),
      call: m[1],
      format: format ?? null,
      effect,
    });
  }
  return calls;
}
