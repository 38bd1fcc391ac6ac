// A small reader of keepalived's C sources for the message-table generator (scripts/messages/keepalived.mjs):
// comments removed, preprocessor lines dropped (every #if branch kept, with the condition that guards each line),
// tokens with their line, function definitions with their bodies, `#define` values, and a statement reader
// precise enough to follow `if`/`else`, blocks and returns. Node builtins only.

/** Reads one C file: code without comments (same lines), the #if conditions guarding each line, its #defines. */
export function preprocess(src) {
  const lines = src.split("\n");
  const out = [];
  const guards = []; // per line (0-based): array of condition strings (each "X" is to hold)
  const defines = []; // { name, value, guard: conditions }
  const macros = []; // function-like: { name, params, body, guard }
  const stack = []; // { previous: conditions of the earlier branches, current: condition of this one }
  let inComment = false;
  let pending = ""; // a directive continued with a backslash
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    // strip comments, keeping string literals
    let code = "";
    for (let i = 0; i < line.length; i++) {
      if (inComment) {
        if (line[i] === "*" && line[i + 1] === "/") {
          inComment = false;
          i++;
          code += " ";
        }
        continue;
      }
      const ch = line[i];
      if (ch === "/" && line[i + 1] === "*") {
        inComment = true;
        i++;
        continue;
      }
      if (ch === "/" && line[i + 1] === "/") break;
      if (ch === '"' || ch === "'") {
        let j = i + 1;
        while (j < line.length && line[j] !== ch) j += line[j] === "\\" ? 2 : 1;
        code += line.slice(i, j + 1);
        i = j;
        continue;
      }
      code += ch;
    }
    guards.push(stack.map((frame) => frame.current));
    if (pending || /^\s*#/.test(code)) {
      const directive = (pending + " " + code).trim();
      if (directive.endsWith("\\")) {
        pending = directive.slice(0, -1);
        out.push("");
        continue;
      }
      pending = "";
      readDirective(directive, stack, defines, macros);
      out.push("");
      continue;
    }
    out.push(code);
  }
  return { code: out.join("\n"), guards, defines, macros };
}

function readDirective(directive, stack, defines, macros) {
  const match = /^#\s*(\w+)\s*(.*)$/.exec(directive);
  if (!match) return;
  const [, word, rest] = match;
  const body = rest.trim();
  if (word === "if") stack.push({ previous: [], current: body });
  else if (word === "ifdef") stack.push({ previous: [], current: `defined ${body}` });
  else if (word === "ifndef") stack.push({ previous: [], current: `!defined ${body}` });
  else if (word === "elif" && stack.length) {
    const frame = stack[stack.length - 1];
    frame.previous.push(frame.current);
    frame.current = `${frame.previous.map((c) => `!(${c})`).join(" && ")} && (${body})`;
  } else if (word === "else" && stack.length) {
    const frame = stack[stack.length - 1];
    frame.previous.push(frame.current);
    frame.current = frame.previous.map((c) => `!(${c})`).join(" && ");
  } else if (word === "endif") stack.pop();
  else if (word === "define") {
    const def = /^(\w+)(\([^)]*\))?\s*(.*)$/.exec(body);
    const guard = stack.map((frame) => frame.current);
    if (def && !def[2]) defines.push({ name: def[1], value: def[3].trim(), guard });
    if (def && def[2])
      macros.push({
        name: def[1],
        params: def[2]
          .slice(1, -1)
          .split(",")
          .map((p) => p.trim()),
        body: def[3].trim(),
        guard,
      });
  }
}

/** Evaluates a preprocessor condition for a build: `defined` names the build defines, other names are 0 or their value. */
export function evalCondition(condition, build) {
  const tokens = condition.match(/defined\s*\(\s*\w+\s*\)|defined\s+\w+|\w+|&&|\|\||==|!=|>=|<=|[()!<>+\-*]/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const primary = () => {
    const token = next();
    if (token === undefined) return 0;
    if (token === "(") {
      const value = orExpr();
      next();
      return value;
    }
    if (token === "!") return primary() ? 0 : 1;
    if (token === "-") return -primary();
    if (token.startsWith("defined")) return build.defined(/(\w+)\s*\)?$/.exec(token)[1]) ? 1 : 0;
    if (/^\d/.test(token)) return Number.parseInt(token, token.startsWith("0x") ? 16 : 10);
    return build.value(token);
  };
  const compare = () => {
    let left = primary();
    while ([">", "<", ">=", "<=", "==", "!="].includes(peek())) {
      const op = next();
      const right = primary();
      left = { ">": left > right, "<": left < right, ">=": left >= right, "<=": left <= right }[op] ?? left;
      if (op === "==") left = left === right;
      if (op === "!=") left = left !== right;
      left = left ? 1 : 0;
    }
    return left;
  };
  const andExpr = () => {
    let left = compare();
    while (peek() === "&&") {
      next();
      const right = compare();
      left = left && right ? 1 : 0;
    }
    return left;
  };
  const orExpr = () => {
    let left = andExpr();
    while (peek() === "||") {
      next();
      const right = andExpr();
      left = left || right ? 1 : 0;
    }
    return left;
  };
  return orExpr() !== 0;
}

const TOKEN =
  /\s+|([A-Za-z_]\w*)|("(?:[^"\\\n]|\\.)*")|('(?:[^'\\\n]|\\.)*')|(\d[\w.]*)|(->|==|!=|&&|\|\||<=|>=|<<|>>|\+\+|--|\.\.\.|.)/gs;

/** Tokens of a comment-free text: { type: id|str|chr|num|p, value, line } (lines 1-based). */
export function tokenize(code) {
  const tokens = [];
  let line = 1;
  let match;
  TOKEN.lastIndex = 0;
  while ((match = TOKEN.exec(code))) {
    const text = match[0];
    if (/^\s+$/.test(text)) {
      for (const ch of text) if (ch === "\n") line++;
      continue;
    }
    const type = match[1] ? "id" : match[2] ? "str" : match[3] ? "chr" : match[4] ? "num" : "p";
    tokens.push({ type, value: text, line });
  }
  return tokens;
}

/** C string literal body to its text (the escapes keepalived's messages use). */
export function unquote(literal) {
  return literal.slice(1, -1).replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, esc) => {
    if (esc[0] === "x") return String.fromCharCode(Number.parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(Number.parseInt(esc, 8));
    return { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', "'": "'" }[esc] ?? esc;
  });
}

/** Index of the token closing the bracket opened at `start`. */
export function closing(tokens, start) {
  const open = tokens[start].value;
  const close = { "(": ")", "{": "}", "[": "]" }[open];
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    if (tokens[i].value === open) depth++;
    else if (tokens[i].value === close && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/** Top-level comma-separated pieces of a token range. */
export function splitArguments(tokens) {
  const args = [];
  let current = [];
  let depth = 0;
  for (const token of tokens) {
    if ("([{".includes(token.value)) depth++;
    if (")]}".includes(token.value)) depth--;
    if (token.value === "," && depth === 0) {
      args.push(current);
      current = [];
      continue;
    }
    current.push(token);
  }
  if (current.length) args.push(current);
  return args;
}

/** The name a parameter declaration introduces (`const vector_t *strvec` -> strvec, `void (*handler)(...)` -> handler). */
function parameterName(declaration) {
  const pointer = declaration.findIndex((t, i) => t.value === "(" && declaration[i + 1]?.value === "*");
  if (pointer >= 0 && declaration[pointer + 2]?.type === "id") return declaration[pointer + 2].value;
  const ids = declaration.filter((t) => t.type === "id" && t.value !== "__attribute__" && t.value !== "unused");
  return ids.length ? ids[ids.length - 1].value : undefined;
}

const NOT_FUNCTIONS = new Set(["if", "while", "for", "switch", "sizeof", "__attribute__", "return", "defined"]);

/** Function definitions of a token list: { name, file, line, body: tokens (between the braces) }. */
export function findFunctions(tokens, file) {
  const found = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.value === "{" && depth === 0 && tokens[i - 1]?.value === ")") {
      let paren = 0;
      let open = i - 1;
      for (; open >= 0; open--) {
        if (tokens[open].value === ")") paren++;
        else if (tokens[open].value === "(" && --paren === 0) break;
      }
      const name = tokens[open - 1];
      if (name && name.type === "id" && !NOT_FUNCTIONS.has(name.value) && tokens[open - 2]?.value !== "=") {
        const end = closing(tokens, i);
        const params = splitArguments(tokens.slice(open + 1, i - 1)).map(parameterName);
        found.push({ name: name.value, file, line: name.line, params, body: tokens.slice(i + 1, end) });
        i = end;
        continue;
      }
    }
    if (token.value === "{") depth++;
    else if (token.value === "}") depth--;
  }
  return found;
}

/**
 * The statements of a token range, as a tree: { kind: "if"|"loop"|"block"|"return"|"jump"|"expr"|"label",
 * tokens (the whole statement), cond (if/loop condition tokens), then/else/body (statement lists), start, end }.
 */
export function statements(tokens, start = 0, end = tokens.length) {
  const list = [];
  let i = start;
  while (i < end) {
    const statement = readStatement(tokens, i, end);
    if (statement.end <= i) break;
    list.push(statement);
    i = statement.end;
  }
  return list;
}

function readStatement(tokens, i, end) {
  const token = tokens[i];
  const value = token.value;
  if (value === ";") return { kind: "empty", start: i, end: i + 1, tokens: [token] };
  if (value === "{") {
    const close = closing(tokens, i);
    return {
      kind: "block",
      start: i,
      end: close + 1,
      body: statements(tokens, i + 1, close),
      tokens: tokens.slice(i, close + 1),
    };
  }
  if (value === "if") {
    const condEnd = closing(tokens, i + 1);
    const thenStatement = readStatement(tokens, condEnd + 1, end);
    let stop = thenStatement.end;
    let elseStatement;
    if (tokens[stop]?.value === "else") {
      elseStatement = readStatement(tokens, stop + 1, end);
      stop = elseStatement.end;
    }
    return {
      kind: "if",
      start: i,
      end: stop,
      cond: tokens.slice(i + 2, condEnd),
      then: [thenStatement],
      else: elseStatement ? [elseStatement] : undefined,
      tokens: tokens.slice(i, stop),
    };
  }
  if (value === "for" || value === "while" || value === "switch" || /^list_for_each/.test(value)) {
    if (tokens[i + 1]?.value === "(") {
      const condEnd = closing(tokens, i + 1);
      const body = readStatement(tokens, condEnd + 1, end);
      return {
        kind: "loop",
        start: i,
        end: body.end,
        cond: tokens.slice(i + 2, condEnd),
        body: [body],
        tokens: tokens.slice(i, body.end),
      };
    }
  }
  if (value === "do") {
    const body = readStatement(tokens, i + 1, end);
    let stop = body.end;
    if (tokens[stop]?.value === "while") stop = closing(tokens, stop + 1) + 1;
    if (tokens[stop]?.value === ";") stop++;
    return { kind: "loop", start: i, end: stop, cond: [], body: [body], tokens: tokens.slice(i, stop) };
  }
  if ((value === "case" || value === "default") && token.type === "id") {
    let k = i;
    while (k < end && tokens[k].value !== ":") k++;
    return { kind: "label", start: i, end: k + 1, tokens: tokens.slice(i, k + 1) };
  }
  if (token.type === "id" && tokens[i + 1]?.value === ":" && tokens[i + 2]?.value !== ":") {
    return { kind: "label", start: i, end: i + 2, tokens: tokens.slice(i, i + 2) };
  }
  let k = i;
  let depth = 0;
  for (; k < end; k++) {
    const v = tokens[k].value;
    if ("([{".includes(v)) depth++;
    else if (")]}".includes(v)) depth--;
    else if (v === ";" && depth === 0) break;
    if (depth < 0) break;
  }
  const kind = value === "return" ? "return" : ["break", "continue", "goto"].includes(value) ? "jump" : "expr";
  return { kind, start: i, end: Math.min(k + 1, end), tokens: tokens.slice(i, k + 1) };
}

/** Calls in a token range: { name, args: token lists, line, index, end } in source order (outer calls first). */
export function callsIn(tokens) {
  const calls = [];
  for (let i = 0; i < tokens.length - 1; i++) {
    if (tokens[i].type === "id" && tokens[i + 1].value === "(") {
      const close = closing(tokens, i + 1);
      calls.push({
        name: tokens[i].value,
        args: splitArguments(tokens.slice(i + 2, close)),
        line: tokens[i].line,
        index: i,
        end: close,
      });
    }
  }
  return calls;
}

/** Joins tokens back into compact C text (for conditions and expressions shown in the extract). */
export function text(tokens) {
  let out = "";
  for (const token of tokens) {
    const glue = out === "" || /[([!~.]$|->$/.test(out) || /^[)\],;.[]|^->$/.test(token.value) || token.value === "(";
    out += (glue && !(token.value === "(" && /\b(if|while|for|return)$/.test(out)) ? "" : " ") + token.value;
  }
  return out.replace(/ \(/g, "(").replace(/\( /g, "(");
}
