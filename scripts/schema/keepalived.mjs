#!/usr/bin/env node
// Generates server/src/schema/keepalived.json (shape: KeepalivedSchema in server/src/schema/types.ts).
//
//   node scripts/schema/keepalived.mjs
//
// Facts come from the keepalived sources (keyword registrations in the parser files, the man page
// synopsis for argument shapes). When the upstream git mirror is available (env KEEPALIVED_REPO, default
// /work/.mirror/acassen+keepalived/repo) they are extracted from it and the compact extract
// scripts/schema/keepalived-extract.json is refreshed; otherwise the committed extract is used, so the
// output is identical either way. Descriptions are our own words, in keepalived-descriptions.tsv.
// Node builtins only.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const EXTRACT_FILE = join(HERE, "keepalived-extract.json");
const DESC_FILE = join(HERE, "keepalived-descriptions.tsv");
const OVERRIDES_FILE = join(HERE, "keepalived-overrides.tsv");
const OUT_FILE = join(ROOT, "server", "src", "schema", "keepalived.json");
const REPO = process.env.KEEPALIVED_REPO || "/work/.mirror/acassen+keepalived/repo";

/** Target versions, oldest first, and how to pick the tag of each. */
const VERSION_SERIES = ["2.2", "2.3", "2.4"];
const PREFERRED_TAG = { 2.2: "v2.2.8" };
const MAN_PAGE = "doc/man/man5/keepalived.conf.5";

/** Parser sources that register keywords (those present in a tag are used). */
const PARSER_FILES = [
  "lib/parser.c",
  "keepalived/core/global_parser.c",
  "keepalived/vrrp/vrrp_parser.c",
  "keepalived/check/check_parser.c",
  "keepalived/check/check_api.c",
  "keepalived/check/check_http.c",
  "keepalived/check/check_ssl.c",
  "keepalived/check/check_tcp.c",
  "keepalived/check/check_misc.c",
  "keepalived/check/check_smtp.c",
  "keepalived/check/check_dns.c",
  "keepalived/check/check_bfd.c",
  "keepalived/check/check_ping.c",
  "keepalived/check/check_file.c",
  "keepalived/check/check_udp.c",
  "keepalived/bfd/bfd_parser.c",
  "keepalived/trackers/track_file.c",
  "keepalived/trackers/track_process.c",
];
/** Files holding the per-line parsers of value ("list") blocks; scanned for the option words of list lines. */
const DATA_FILES = [
  "keepalived/vrrp/vrrp_data.c",
  "keepalived/vrrp/vrrp_ipaddress.c",
  "keepalived/vrrp/vrrp_iproute.c",
  "keepalived/vrrp/vrrp_iprule.c",
  "keepalived/vrrp/vrrp_track.c",
  "keepalived/vrrp/vrrp_static_track.c",
  "keepalived/check/check_data.c",
];
/** Entry points: the functions that build the keyword tree of the processes (union of all of them). */
const ENTRY_POINTS = [
  "init_global_keywords",
  "init_vrrp_keywords",
  "init_check_keywords",
  "init_bfd_keywords",
  "add_track_file_keywords",
];
/** Registration primitives of lib/parser.c. */
const PRIM_ROOT = new Set(["install_keyword_root"]);
const PRIM_KW = new Set(["install_keyword", "install_keyword_quoted", "install_keyword_conditional"]);
const PRIM_SUB = new Set(["install_sublevel"]);
const PRIM_SUB_END = new Set(["install_sublevel_end"]);
const PRIM_IGNORE = new Set(["install_level_end_handler", "install_sublevel_end_handler", "install_root_end_handler"]);

// ---------------------------------------------------------------------------------------------
// git access

function git(args, opts = {}) {
  return execFileSync("git", ["-C", REPO, ...args], { encoding: "utf8", maxBuffer: 256 << 20, ...opts });
}
function gitShow(ref, path) {
  try {
    return git(["show", `${ref}:${path}`], { stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}
function cmpVer(a, b) {
  const pa = a.replace(/^v/, "").split(".").map(Number);
  const pb = b.replace(/^v/, "").split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}
function pickTags() {
  const tags = git(["tag"])
    .split("\n")
    .filter((t) => /^v\d+\.\d+\.\d+$/.test(t));
  const out = {};
  for (const v of VERSION_SERIES) {
    const series = tags.filter((t) => t.startsWith(`v${v}.`)).sort(cmpVer);
    if (PREFERRED_TAG[v] && series.includes(PREFERRED_TAG[v])) out[v] = PREFERRED_TAG[v];
    else if (series.length) out[v] = series[series.length - 1];
    else out[v] = "HEAD";
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A tiny C reader: enough to follow the keyword registration code.

/** Strip comments and preprocessor lines; keep line numbers. Returns {code, comments: Map(line -> text)}. */
function stripC(src) {
  let out = "";
  const comments = new Map();
  let i = 0;
  let line = 1;
  const n = src.length;
  let atLineStart = true;
  while (i < n) {
    const c = src[i];
    if (c === "\n") {
      out += c;
      line++;
      i++;
      atLineStart = true;
      continue;
    }
    if (atLineStart && /[ \t]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    if (atLineStart && c === "#") {
      // preprocessor directive (with continuations): drop it, all #if branches are kept
      while (i < n && src[i] !== "\n") {
        if (src[i] === "\\" && src[i + 1] === "\n") {
          out += "\n";
          line++;
          i += 2;
          continue;
        }
        if (src[i] === "/" && src[i + 1] === "*") {
          const e = src.indexOf("*/", i + 2);
          const body = src.slice(i, e + 2);
          for (const ch of body)
            if (ch === "\n") {
              out += "\n";
              line++;
            }
          i = e + 2;
          continue;
        }
        i++;
      }
      continue;
    }
    atLineStart = false;
    if (c === "/" && src[i + 1] === "/") {
      const e = src.indexOf("\n", i);
      const end = e < 0 ? n : e;
      comments.set(line, (comments.get(line) || "") + src.slice(i + 2, end));
      i = end;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      const e = src.indexOf("*/", i + 2);
      const body = src.slice(i + 2, e);
      comments.set(line, (comments.get(line) || "") + body);
      for (const ch of body)
        if (ch === "\n") {
          out += "\n";
          line++;
        }
      out += " ";
      i = e + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== c) {
        if (src[j] === "\\") j++;
        j++;
      }
      out += src.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    out += c;
    i++;
  }
  return { code: out, comments };
}

function tokenize(code) {
  const toks = [];
  const re =
    /\s+|([A-Za-z_]\w*)|("(?:[^"\\\n]|\\.)*")|('(?:[^'\\\n]|\\.)*')|(\d[\w.]*)|(->|==|!=|&&|\|\||<=|>=|<<|>>|\+\+|--|.)/gs;
  let m;
  let line = 1;
  while ((m = re.exec(code))) {
    const s = m[0];
    if (/^\s+$/.test(s)) {
      for (const ch of s) if (ch === "\n") line++;
      continue;
    }
    let type = "p";
    if (m[1]) type = "id";
    else if (m[2]) type = "str";
    else if (m[3]) type = "chr";
    else if (m[4]) type = "num";
    toks.push({ t: type, v: s, line });
  }
  return toks;
}

function unquote(s) {
  // C string literal -> JS string (only simple escapes are needed here)
  return s.slice(1, -1).replace(/\\(.)/g, (_, c) => ({ n: "\n", t: "\t" })[c] ?? c);
}

/** Find top-level function definitions: name -> {params, body: tokens, file, line}. */
function findFunctions(toks, file, into) {
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const tk = toks[i];
    if (tk.v === "{") {
      if (depth === 0) {
        // look back for  name ( ... ) {
        const j = i - 1;
        // skip trailing attributes / qualifiers like WARN_UNUSED_RESULT (rare in definitions)
        if (toks[j] && toks[j].v === ")") {
          let pd = 0;
          let k = j;
          for (; k >= 0; k--) {
            if (toks[k].v === ")") pd++;
            else if (toks[k].v === "(") {
              pd--;
              if (pd === 0) break;
            }
          }
          const nameTok = toks[k - 1];
          if (
            nameTok &&
            nameTok.t === "id" &&
            !["if", "while", "for", "switch", "sizeof", "__attribute__"].includes(nameTok.v)
          ) {
            // body
            let d = 0;
            let e = i;
            for (; e < toks.length; e++) {
              if (toks[e].v === "{") d++;
              else if (toks[e].v === "}") {
                d--;
                if (d === 0) break;
              }
            }
            const paramToks = toks.slice(k + 1, j);
            const params = [];
            let cur = [];
            let pdd = 0;
            for (const p of paramToks) {
              if (p.v === "(") pdd++;
              if (p.v === ")") pdd--;
              if (p.v === "," && pdd === 0) {
                params.push(cur);
                cur = [];
                continue;
              }
              cur.push(p);
            }
            params.push(cur);
            const pnames = params.map((ps) => {
              // the parameter name is the last identifier outside parentheses, or inside (*name)
              const ids = ps.filter((p) => p.t === "id");
              const fp = ps.findIndex((p, x) => p.v === "(" && ps[x + 1] && ps[x + 1].v === "*");
              if (fp >= 0 && ps[fp + 2] && ps[fp + 2].t === "id") return ps[fp + 2].v;
              return ids.length ? ids[ids.length - 1].v : null;
            });
            if (!into.has(nameTok.v)) into.set(nameTok.v, []);
            into
              .get(nameTok.v)
              .push({ name: nameTok.v, params: pnames, body: toks.slice(i + 1, e), file, line: nameTok.line });
            i = e;
            continue;
          }
        }
      }
      depth++;
    } else if (tk.v === "}") depth--;
  }
}

/** The definition of a function, preferring the one in `file` (static functions share names across files). */
function lookup(funcs, name, file) {
  const defs = funcs.get(name);
  if (!defs) return null;
  return defs.find((d) => d.file === file) || defs[0];
}

/** Split a token range into top-level comma-separated argument lists. */
function splitArgs(toks) {
  const args = [];
  let cur = [];
  let d = 0;
  for (const t of toks) {
    if (t.v === "(" || t.v === "[" || t.v === "{") d++;
    if (t.v === ")" || t.v === "]" || t.v === "}") d--;
    if (t.v === "," && d === 0) {
      args.push(cur);
      cur = [];
      continue;
    }
    cur.push(t);
  }
  if (cur.length) args.push(cur);
  return args;
}

function matchClose(toks, i, open = "(", close = ")") {
  let d = 0;
  for (let k = i; k < toks.length; k++) {
    if (toks[k].v === open) d++;
    else if (toks[k].v === close) {
      d--;
      if (d === 0) return k;
    }
  }
  return toks.length - 1;
}

/** All calls appearing in a token range: [{name, args: tokens[][], line}] in source order (outer first). */
function callsIn(toks) {
  const calls = [];
  for (let i = 0; i < toks.length - 1; i++) {
    if (toks[i].t === "id" && toks[i + 1].v === "(") {
      const e = matchClose(toks, i + 1);
      calls.push({ name: toks[i].v, args: splitArgs(toks.slice(i + 2, e)), line: toks[i].line });
    }
  }
  return calls;
}

// ---------------------------------------------------------------------------------------------
// Keyword tree construction, mirroring lib/parser.c: install_keyword_root() starts a new root keyword,
// install_keyword() adds to the last keyword at depth `sublevel` under the last root, install_sublevel()
// goes one level deeper (below the last keyword added). Unlike keepalived we merge duplicates, since we
// walk every #ifdef branch and every process's variant of a registration.

function newNode(name) {
  return { name, handlers: [], children: [], last: null, lines: [] };
}

class TreeBuilder {
  constructor() {
    this.root = newNode("");
    this.sublevel = 0;
    this.lastRoot = null;
  }
  addTo(parent, name, handler, where) {
    let node = parent.children.find((c) => c.name === name);
    if (!node) {
      node = newNode(name);
      parent.children.push(node);
    }
    if (handler && !node.handlers.includes(handler)) node.handlers.push(handler);
    node.lines.push(where);
    parent.last = node;
    return node;
  }
  installRoot(name, handler, where) {
    this.lastRoot = this.addTo(this.root, name, handler, where);
    this.sublevel = 0;
  }
  install(name, handler, where) {
    if (!this.lastRoot) throw new Error(`install_keyword(${name}) before any root keyword`);
    let node = this.lastRoot;
    for (let i = 0; i < this.sublevel; i++) {
      if (!node.last) throw new Error(`sublevel ${this.sublevel} without a keyword for ${name}`);
      node = node.last;
    }
    this.addTo(node, name, handler, where);
  }
}

class Walker {
  constructor(funcs, comments) {
    this.funcs = funcs;
    this.comments = comments; // file -> Map(line -> comment)
    this.tree = new TreeBuilder();
    this.stack = [];
    this.unknownCalls = new Set();
  }
  registers(fname, file, seen = new Set()) {
    // does this function (transitively) call a registration primitive?
    const f = lookup(this.funcs, fname, file);
    if (!f || seen.has(f)) return false;
    seen.add(f);
    for (const c of callsIn(f.body)) {
      if (PRIM_ROOT.has(c.name) || PRIM_KW.has(c.name) || PRIM_SUB.has(c.name)) return true;
      if (this.funcs.has(c.name) && this.registers(c.name, f.file, seen)) return true;
    }
    return false;
  }
  callFunction(fname, argVals, file) {
    const f = lookup(this.funcs, fname, file);
    if (this.stack.includes(fname)) return;
    const env = {};
    f.params.forEach((p, i) => {
      if (p && argVals[i] !== undefined) env[p] = argVals[i];
    });
    this.stack.push(fname);
    this.execRange(f.body, 0, f.body.length, env, f.file);
    this.stack.pop();
  }
  argValue(toks, env) {
    const ts = toks.filter((t) => t.v !== "&" && !(t.t === "id" && t.v === "VPP"));
    if (ts.length === 1 && ts[0].t === "str") return { str: unquote(ts[0].v) };
    if (ts.length === 1 && ts[0].t === "id") {
      if (Object.prototype.hasOwnProperty.call(env, ts[0].v)) return env[ts[0].v];
      return { id: ts[0].v };
    }
    return { expr: toks.map((t) => t.v).join(" ") };
  }
  evalCond(toks, env) {
    // Only `[!]strcmp(param, "literal")` and `[!]param` on a parameter bound to a literal are evaluated;
    // anything else is "both branches".
    const s = toks.map((t) => t.v);
    let neg = false;
    let k = 0;
    if (s[k] === "!") {
      neg = true;
      k++;
    }
    if (s.length === k + 1 && toks[k].t === "id" && Object.prototype.hasOwnProperty.call(env, s[k])) {
      const val = env[s[k]];
      if (val.id === "true" || val.id === "false") return (val.id === "true") !== neg;
      return undefined;
    }
    if (s[k] === "strcmp" && s[k + 1] === "(" && s[s.length - 1] === ")") {
      const args = splitArgs(toks.slice(k + 2, -1));
      if (args.length === 2) {
        const a = this.argValue(args[0], env);
        const b = this.argValue(args[1], env);
        if (a.str !== undefined && b.str !== undefined) {
          const equal = a.str === b.str;
          return neg ? equal : !equal;
        }
      }
    }
    return undefined;
  }
  /** Execute statements in toks[i..end). */
  execRange(toks, i, end, env, file) {
    while (i < end) i = this.execStmt(toks, i, end, env, file);
  }
  execStmt(toks, i, end, env, file) {
    const tk = toks[i];
    if (tk.v === ";") return i + 1;
    if (tk.v === "{") {
      const e = matchClose(toks, i, "{", "}");
      this.execRange(toks, i + 1, e, env, file);
      return e + 1;
    }
    if (tk.v === "if") {
      const ce = matchClose(toks, i + 1);
      const cond = this.evalCond(toks.slice(i + 2, ce), env);
      // then-branch
      const thenStart = ce + 1;
      const thenEnd = this.stmtEnd(toks, thenStart, end);
      let next = thenEnd;
      let elseStart = -1;
      let elseEnd = -1;
      if (toks[thenEnd] && toks[thenEnd].v === "else") {
        elseStart = thenEnd + 1;
        elseEnd = this.stmtEnd(toks, elseStart, end);
        next = elseEnd;
      }
      if (cond !== false) this.execRange(toks, thenStart, thenEnd, env, file);
      if (elseStart >= 0 && cond !== true) this.execRange(toks, elseStart, elseEnd, env, file);
      return next;
    }
    if (tk.v === "for" || tk.v === "while" || tk.v === "switch") {
      const ce = matchClose(toks, i + 1);
      const bodyEnd = this.stmtEnd(toks, ce + 1, end);
      this.execRange(toks, ce + 1, bodyEnd, env, file);
      return bodyEnd;
    }
    if (tk.v === "do") {
      const bodyEnd = this.stmtEnd(toks, i + 1, end);
      this.execRange(toks, i + 1, bodyEnd, env, file);
      // while (...) ;
      let k = bodyEnd;
      if (toks[k] && toks[k].v === "while") k = matchClose(toks, k + 1) + 1;
      if (toks[k] && toks[k].v === ";") k++;
      return k;
    }
    if (tk.v === "return" || tk.v === "break" || tk.v === "continue" || tk.v === "goto") {
      // Registration code only returns early in branches we want to walk anyway: ignore.
      let k = i;
      while (k < end && toks[k].v !== ";") k++;
      return k + 1;
    }
    if (tk.v === "case" || tk.v === "default") {
      let k = i;
      while (k < end && toks[k].v !== ":") k++;
      return k + 1;
    }
    // expression or declaration statement up to ';' at depth 0
    let k = i;
    let d = 0;
    for (; k < end; k++) {
      const v = toks[k].v;
      if (v === "(" || v === "{" || v === "[") d++;
      else if (v === ")" || v === "}" || v === "]") d--;
      else if (v === ";" && d === 0) break;
    }
    this.execExpr(toks.slice(i, k), env, file);
    return k + 1;
  }
  stmtEnd(toks, i, end) {
    // end (exclusive) of the statement starting at i
    if (i >= end) return end;
    const v = toks[i].v;
    if (v === "{") return matchClose(toks, i, "{", "}") + 1;
    if (v === "if") {
      const ce = matchClose(toks, i + 1);
      let e = this.stmtEnd(toks, ce + 1, end);
      if (toks[e] && toks[e].v === "else") e = this.stmtEnd(toks, e + 1, end);
      return e;
    }
    if (v === "for" || v === "while" || v === "switch") {
      const ce = matchClose(toks, i + 1);
      return this.stmtEnd(toks, ce + 1, end);
    }
    if (v === "do") {
      let e = this.stmtEnd(toks, i + 1, end);
      if (toks[e] && toks[e].v === "while") e = matchClose(toks, e + 1) + 1;
      if (toks[e] && toks[e].v === ";") e++;
      return e;
    }
    let k = i;
    let d = 0;
    for (; k < end; k++) {
      const x = toks[k].v;
      if (x === "(" || x === "{" || x === "[") d++;
      else if (x === ")" || x === "}" || x === "]") d--;
      else if (x === ";" && d === 0) return k + 1;
    }
    return end;
  }
  execExpr(toks, env, file) {
    // only top-level calls matter: walk them in order, skipping nested argument calls
    for (let i = 0; i < toks.length - 1; i++) {
      if (!(toks[i].t === "id" && toks[i + 1].v === "(")) continue;
      const e = matchClose(toks, i + 1);
      const name = toks[i].v;
      const args = splitArgs(toks.slice(i + 2, e));
      const line = toks[i].line;
      const where = { file, line, comment: (this.comments.get(file) || new Map()).get(line) || "" };
      const handled = this.doCall(name, args, env, where);
      if (handled) i = e;
    }
  }
  doCall(name, args, env, where) {
    if (PRIM_ROOT.has(name) || PRIM_KW.has(name)) {
      const kw = this.argValue(args[0], env);
      if (kw.str === undefined)
        throw new Error(`cannot resolve keyword name in ${name}(${JSON.stringify(kw)}) at ${where.file}:${where.line}`);
      const h = args[1] ? this.argValue(args[1], env) : {};
      const handler = h.id && h.id !== "NULL" ? `${h.id}@${where.file}` : null;
      if (PRIM_ROOT.has(name)) this.tree.installRoot(kw.str, handler, where);
      else this.tree.install(kw.str, handler, where);
      return true;
    }
    if (PRIM_SUB.has(name)) {
      this.tree.sublevel++;
      return true;
    }
    if (PRIM_SUB_END.has(name)) {
      this.tree.sublevel--;
      return true;
    }
    if (PRIM_IGNORE.has(name)) return true;
    if (this.funcs.has(name) && this.registers(name, where.file)) {
      this.callFunction(
        name,
        args.map((a) => this.argValue(a, env)),
        where.file,
      );
      return true;
    }
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Extraction from one tag

function loadSources(tag, files) {
  const funcs = new Map();
  const comments = new Map();
  const present = [];
  for (const f of files) {
    const src = gitShow(tag, f);
    if (src == null) continue;
    present.push(f);
    const { code, comments: cm } = stripC(src);
    comments.set(f, cm);
    findFunctions(tokenize(code), f, funcs);
  }
  return { funcs, comments, present };
}

/** String literals compared with strcmp & co. in a function and the functions it calls (same file set). */
function comparedWords(funcs, fname, file, depth, seen = new Set()) {
  const out = new Set();
  const f = lookup(funcs, fname, file);
  if (depth < 0 || !f || seen.has(f)) return out;
  seen.add(f);
  const b = f.body;
  for (let i = 0; i < b.length - 1; i++) {
    if (!(b[i].t === "id" && b[i + 1].v === "(")) continue;
    const e = matchClose(b, i + 1);
    const c = { name: b[i].v, args: splitArgs(b.slice(i + 2, e)) };
    if (/^(str(n)?(case)?cmp|strcmp_skip_space|match_keyword)$/.test(c.name)) {
      // `static_addr && !strcmp(str, "x")` / `allow_track_group && ...`: only on static_* lines;
      // `!static_addr && ...`: only on lines of vrrp instances
      const pre = b
        .slice(Math.max(0, i - 4), i)
        .map((t) => t.v)
        .join(" ");
      let tag = "";
      if (/!\s*static_addr\s*&&\s*!?$/.test(pre)) tag = "!static:";
      else if (/(static_addr|allow_track_group)\s*&&\s*!?$/.test(pre)) tag = "static:";
      for (const a of c.args) {
        if (a.length !== 1 || a[0].t !== "str") continue;
        const w = unquote(a[0].v);
        if (/^-?[A-Za-z][\w-]*$/.test(w)) out.add(tag + w);
      }
    } else if (funcs.has(c.name)) {
      for (const w of comparedWords(funcs, c.name, f.file, depth - 1, seen)) out.add(w);
    }
  }
  return out;
}

function callsValueBlock(funcs, handler) {
  const [fname, file] = handler.split("@");
  const f = lookup(funcs, fname, file);
  if (!f) return null;
  for (const c of callsIn(f.body)) {
    if (c.name === "alloc_value_block") {
      const a = c.args[0] || [];
      const id = a.filter((t) => t.t === "id").map((t) => t.v)[0];
      return { alloc: id || null, file: f.file };
    }
    if (c.name === "read_value_block") return { alloc: null };
  }
  return null;
}

/**
 * Is a keyword marked deprecated by the source? Either the install line carries a "Deprecated" comment,
 * or the handler prints a message naming the keyword before the word "deprecated" (when the handler is
 * not shared, a message naming nothing in particular also counts). The replacement is the word after
 * "use" in the message, when there is one.
 */
function deprecationOf(funcs, handlers, keyword, comment, sharedHandler) {
  const dep = { is: false, replacement: undefined };
  if (/deprecat/i.test(comment)) dep.is = true;
  for (const h of handlers) {
    const [fname, file] = h.split("@");
    const f = lookup(funcs, fname, file);
    if (!f) continue;
    for (const t of f.body) {
      if (t.t !== "str") continue;
      const s = unquote(t.v);
      const at = s.search(/deprecat/i);
      if (at < 0) continue;
      const before = s.slice(0, at);
      const named = new RegExp(`(^|[^\\w])${keyword.replace(/[-]/g, "\\-")}([^\\w]|$)`).test(before);
      const namesOther = /['"][\w-]+['"]/.test(before) || /^\w+ is $/.test(before);
      if (!named && (sharedHandler || namesOther)) continue;
      dep.is = true;
      const m = s.slice(at).match(/use ['"]?([A-Za-z_][\w-]*)['"]?/i);
      if (m && m[1] !== keyword) dep.replacement = m[1];
    }
  }
  return dep;
}

function blockIdOf(path) {
  return path.length ? path.join("/") : "root";
}

/** Marks where the man page switches fonts (\fB, \fR ...): a private-use character no man page text contains. */
const FONT_MARK = "\uE000";
const FONT_MARKS = /\uE000/g;

/** Parse the man page synopsis: "\fBkeyword \fRargs" lines inside nested { } examples. */
function manArgs(man) {
  const res = {}; // "path|keyword" -> args ; "*|keyword" -> [args...]
  if (!man) return res;
  const stack = [];
  const lines = man.split("\n");
  let inNf = false;
  for (const raw of lines) {
    if (/^\.nf\b/.test(raw)) {
      inNf = true;
      stack.length = 0;
      continue;
    }
    if (/^\.fi\b/.test(raw)) {
      inNf = false;
      stack.length = 0;
      continue;
    }
    if (!inNf) continue;
    const line = raw
      .replace(/#.*$/, "")
      .replace(/\\f[BRIP]/g, FONT_MARK)
      .replace(/\\-/g, "-")
      .replace(/\\\\/g, "\\");
    const plain = line.replace(FONT_MARKS, "").trim();
    if (plain === "}") {
      stack.pop();
      continue;
    }
    const m = line.match(/^\s*\uE000([A-Za-z_][\w-]*|[A-Z_]+_CHECK)\s*\uE000?(.*)$/);
    if (!m) continue;
    const kw = m[1];
    let args = m[2]
      .replace(FONT_MARKS, "")
      .trim()
      .replace(/\s*\|$/, "");
    const opens = /\{\s*$/.test(args) && !/\{[^}]*\|[^}]*\{\s*$/.test(args);
    if (opens) args = args.replace(/\{\s*$/, "").trim();
    const path = stack.join("/");
    const key = `${path}|${kw}`;
    if (args && res[key] === undefined) res[key] = args;
    if (args) {
      const seen = (res[`*|${kw}`] ||= []);
      if (!seen.includes(args)) seen.push(args);
    }
    if (opens) stack.push(kw);
  }
  return res;
}

function extractVersion(tag) {
  const { funcs, comments, present } = loadSources(tag, PARSER_FILES);
  const data = loadSources(tag, DATA_FILES);
  for (const [k, v] of data.funcs) funcs.set(k, [...(funcs.get(k) || []), ...v]);

  const w = new Walker(funcs, comments);
  for (const ep of ENTRY_POINTS) {
    if (!funcs.has(ep)) throw new Error(`${tag}: entry point ${ep} not found`);
    w.callFunction(ep, [], null);
  }
  if (w.tree.sublevel !== 0) throw new Error(`${tag}: unbalanced sublevels`);

  const blocks = {};
  const walk = (node, path) => {
    const id = blockIdOf(path);
    const kws = [];
    const handlerUse = new Map();
    for (const c of node.children) for (const h of c.handlers) handlerUse.set(h, (handlerUse.get(h) || 0) + 1);
    for (const c of node.children) {
      const e = { name: c.name };
      const comment = c.lines.map((l) => l.comment).join(" ");
      const shared = c.handlers.some((h) => handlerUse.get(h) > 1);
      const dep = deprecationOf(funcs, c.handlers, c.name, comment, shared);
      if (dep.is) e.deprecated = dep.replacement ? { replacement: dep.replacement } : {};
      if (c.children.length) {
        e.block = blockIdOf([...path, c.name]);
        walk(c, [...path, c.name]);
      } else {
        let vb = null;
        for (const h of c.handlers) vb = vb || callsValueBlock(funcs, h);
        if (vb) {
          e.block = blockIdOf([...path, c.name]);
          const isStatic = path.length === 0 && /^static_/.test(c.name);
          const words = new Set();
          if (vb.alloc) {
            for (const w of comparedWords(funcs, vb.alloc, vb.file, 3)) {
              if (w.startsWith("static:")) {
                if (isStatic) words.add(w.slice(7));
              } else if (w.startsWith("!static:")) {
                if (!isStatic) words.add(w.slice(8));
              } else words.add(w);
            }
          }
          blocks[e.block] = { kind: "list", keywords: [...words].sort().map((name) => ({ name })) };
        }
      }
      kws.push(e);
    }
    blocks[id] = { kind: "keywords", keywords: kws };
  };
  walk(w.tree.root, []);

  let man = gitShow(tag, MAN_PAGE);
  let manFile = MAN_PAGE;
  if (man == null) {
    man = gitShow(tag, MAN_PAGE + ".in");
    manFile = MAN_PAGE + ".in";
  }
  return {
    ref: tag,
    files: [...present, manFile],
    blocks,
    manArgs: Object.fromEntries(
      Object.entries(manArgs(man))
        .map(([k, v]) => [k, Array.isArray(v) ? v.filter(isShape) : v])
        .filter(([, v]) => (Array.isArray(v) ? v.length : isShape(v))),
    ),
  };
}

function extractAll() {
  const tags = pickTags();
  const out = { versions: {} };
  for (const v of VERSION_SERIES) out.versions[v] = extractVersion(tags[v]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Building the schema

function readTsv(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => l.split("\t"));
}

function build(extract) {
  const versions = VERSION_SERIES.filter((v) => extract.versions[v]);
  // descriptions: block-id (may hold * wildcards), keyword ("" = the block itself, "*" = any word of a
  // list block), description. Exact ids win over patterns; among patterns the first row wins.
  const exact = new Map();
  const patterns = [];
  for (const [block, kw, d] of readTsv(DESC_FILE)) {
    if (d === undefined) throw new Error(`bad description row: ${block} ${kw}`);
    if (d.length > 110) throw new Error(`description too long (${d.length}): ${block} ${kw}`);
    if (block.includes("*")) {
      const re = new RegExp(
        "^" +
          block
            .split("*")
            .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
            .join(".*") +
          "$",
      );
      patterns.push({ re, kw, d });
    } else exact.set(`${block}\t${kw}`, d);
  }
  const descs = {
    get(key) {
      if (exact.has(key)) return exact.get(key);
      const [block, kw] = key.split("\t");
      const p = patterns.find((x) => x.kw === kw && x.re.test(block));
      return p ? p.d : undefined;
    },
  };
  // overrides: block, keyword, field, value   (field: args | deprecated | block-kind | extra)
  const overrides = readTsv(OVERRIDES_FILE);
  const ov = new Map();
  for (const [block, kw, field, value] of overrides) ov.set(`${block}\t${kw}\t${field}`, value ?? "");

  // merge the per-version trees
  const blocks = new Map(); // id -> {kind, kinds:Set, versions:Set, keywords: Map(name -> {versions, block, deprecated...})}
  for (const v of versions) {
    for (const [id, b] of Object.entries(extract.versions[v].blocks)) {
      if (!blocks.has(id)) blocks.set(id, { kinds: new Set(), versions: new Set(), keywords: new Map() });
      const B = blocks.get(id);
      B.kinds.add(b.kind);
      B.versions.add(v);
      for (const k of b.keywords) {
        if (!B.keywords.has(k.name))
          B.keywords.set(k.name, { name: k.name, versions: [], deprecated: null, block: null });
        const K = B.keywords.get(k.name);
        K.versions.push(v);
        if (k.block) K.block = k.block;
        if (k.deprecated && !K.deprecated)
          K.deprecated = { since: v, ...(k.deprecated.replacement ? { replacement: k.deprecated.replacement } : {}) };
        if (k.deprecated && k.deprecated.replacement && K.deprecated && !K.deprecated.replacement)
          K.deprecated.replacement = k.deprecated.replacement;
      }
    }
  }

  // built-in directive handled by the config reader itself (lib/parser.c), valid at any level
  for (const B of blocks.values()) {
    if ([...B.kinds].includes("list")) continue;
    if (!B.keywords.has("include")) {
      B.keywords.set("include", {
        name: "include",
        versions: versions.filter((v) => B.versions.has(v)),
        deprecated: null,
        block: null,
        builtin: true,
      });
    }
  }

  const argsFor = (id, kwName) => {
    const o = ov.get(`${id}\t${kwName}\targs`);
    if (o !== undefined) return o || undefined;
    // man page synopsis: same block path first, then an unambiguous keyword-only match; newest version first
    const path = id === "root" ? "" : id;
    for (const v of [...versions].reverse()) {
      const m = extract.versions[v].manArgs;
      const a = m[`${path}|${kwName}`];
      if (a && isShape(a)) return a;
    }
    for (const v of [...versions].reverse()) {
      const all = (extract.versions[v].manArgs[`*|${kwName}`] || []).filter(isShape);
      if (all.length === 1) return all[0];
      if (all.length > 1) return undefined;
    }
    return undefined;
  };

  const out = {
    language: "keepalived",
    generatedBy: "scripts/schema/keepalived.mjs",
    versions,
    sources: versions.map((v) => ({ version: v, ref: extract.versions[v].ref, files: extract.versions[v].files })),
    blocks: {},
  };
  const ids = [...blocks.keys()].sort((a, b) => (a === "root" ? -1 : b === "root" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const missingDesc = [];
  for (const id of ids) {
    const B = blocks.get(id);
    const kind = B.kinds.has("list") ? "list" : "keywords";
    const parentKw = id === "root" ? null : id.split("/").pop();
    const bdesc = descs.get(`${id}\t`) || "";
    if (!bdesc) missingDesc.push(`${id}\t`);
    const kws = [];
    for (const K of [...B.keywords.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      let d = descs.get(`${id}\t${K.name}`);
      if (d === undefined && kind === "list") d = descs.get(`${id}\t*`);
      if (d === undefined) {
        missingDesc.push(`${id}\t${K.name}`);
        d = "";
      }
      const spec = { name: K.name, versions: K.versions, description: d };
      const args = K.builtin ? "<file-glob>" : argsFor(id, K.name);
      if (args) spec.args = args;
      if (K.block) spec.block = K.block;
      const depOv = ov.get(`${id}\t${K.name}\tdeprecated`);
      let dep = K.deprecated;
      if (depOv !== undefined) {
        if (depOv === "-") dep = null;
        else {
          const [since, replacement] = depOv.split("|");
          dep = { since: since || versions[0], ...(replacement ? { replacement } : {}) };
        }
      }
      if (dep) spec.deprecated = dep;
      kws.push(spec);
    }
    out.blocks[id] = { kind, description: bdesc, keywords: kws };
    void parentKw;
  }
  return { out, missingDesc };
}

/** Is a man page argument text a shape (placeholders / alternatives), not just an example value? */
function isShape(a) {
  if (!a) return false;
  if (/\\e|\$\{|^\||^[/"{]/.test(a)) return false;
  if (/[<[{|]/.test(a)) return true;
  if (/^[A-Z][A-Z_-]*(\s+[A-Z][A-Z_-]*)*$/.test(a) && !/^(MASTER|BACKUP|PASS|AH|NAT|DR|TUN|TCP|UDP|SCTP)$/.test(a))
    return true;
  return false;
}

// ---------------------------------------------------------------------------------------------

/** The extract, one line per block / man page entry (small and diff-friendly). */
function compactJson(extract) {
  const out = ["{", ' "versions": {'];
  const vs = Object.keys(extract.versions);
  vs.forEach((v, vi) => {
    const e = extract.versions[v];
    out.push(`  ${JSON.stringify(v)}: {`);
    out.push(`   "ref": ${JSON.stringify(e.ref)},`);
    out.push(`   "files": ${JSON.stringify(e.files)},`);
    out.push('   "blocks": {');
    const ids = Object.keys(e.blocks);
    ids.forEach((id, i) =>
      out.push(`    ${JSON.stringify(id)}: ${JSON.stringify(e.blocks[id])}${i < ids.length - 1 ? "," : ""}`),
    );
    out.push("   },");
    out.push('   "manArgs": {');
    const keys = Object.keys(e.manArgs);
    keys.forEach((k, i) =>
      out.push(`    ${JSON.stringify(k)}: ${JSON.stringify(e.manArgs[k])}${i < keys.length - 1 ? "," : ""}`),
    );
    out.push("   }");
    out.push(`  }${vi < vs.length - 1 ? "," : ""}`);
  });
  out.push(" }", "}");
  return out.join("\n") + "\n";
}

function stable(obj) {
  return JSON.stringify(obj, null, 2) + "\n";
}

function main() {
  let extract;
  if (existsSync(REPO)) {
    extract = extractAll();
    writeFileSync(EXTRACT_FILE, compactJson(extract));
    console.error(`extracted from ${REPO} -> ${EXTRACT_FILE}`);
  } else {
    extract = JSON.parse(readFileSync(EXTRACT_FILE, "utf8"));
    console.error(`mirror ${REPO} not found; using ${EXTRACT_FILE}`);
  }
  const { out, missingDesc } = build(extract);
  writeFileSync(OUT_FILE, stable(out));
  for (const v of out.versions) {
    // a block exists in v when it is the root or a keyword of v opens it; keywords are counted per block
    // (list-block option words and the per-block `include` included)
    const opened = new Set(["root"]);
    for (const b of Object.values(out.blocks))
      for (const k of b.keywords) if (k.block && k.versions.includes(v)) opened.add(k.block);
    let nk = 0;
    let nkw = 0;
    for (const id of opened) {
      const b = out.blocks[id];
      const ks = b.keywords.filter((k) => k.versions.includes(v));
      nk += ks.length;
      if (b.kind === "keywords") nkw += ks.filter((k) => k.name !== "include").length;
    }
    console.log(
      `${v}: ${opened.size} blocks, ${nk} keyword entries (${nkw} in keyword blocks without include) (${out.sources.find((s) => s.version === v).ref})`,
    );
  }
  if (missingDesc.length)
    console.error(`${missingDesc.length} entries without description (first: ${missingDesc.slice(0, 8).join(", ")})`);
  console.log(`wrote ${OUT_FILE} (${readFileSync(OUT_FILE).length} bytes)`);
}

export { extractVersion, pickTags, VERSION_SERIES };

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
