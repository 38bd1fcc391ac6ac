#!/usr/bin/env node
// Generates server/src/schema/haproxy.json (shape: HaproxySchema in server/src/schema/types.ts).
//
// Two stages:
//   1. extract: keyword names, matrix flags and argument shapes per version, read from the upstream
//      HAProxy git mirror (doc/configuration.txt + keyword tables in src/*.c, including the action
//      lists of the rule sets and the actions the rule parsers compare by hand) and, for 2.6, from
//      the installed binary (`haproxy -dKall`). Written to scripts/schema/haproxy-extract.json (data only,
//      no prose). When the mirror is absent the committed extract is used instead.
//   2. build: merge the extract with our own one-line descriptions (haproxy-descriptions.tsv) and
//      the curated facts in haproxy-curated.mjs into the final table.
//
// Usage: node scripts/schema/haproxy.mjs            (HAPROXY_REPO overrides the mirror path)
//        HAPROXY_BIN=/path/to/haproxy overrides the 2.6 binary (default: `haproxy` in PATH)
// Only node builtins are used.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as curated from "./haproxy-curated.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const EXTRACT_PATH = join(HERE, "haproxy-extract.json");
const DESC_PATH = join(HERE, "haproxy-descriptions.tsv");
const SHAPES_PATH = join(HERE, "haproxy-shapes.json");
const OUT_PATH = join(ROOT, "server", "src", "schema", "haproxy.json");
const REPO = process.env.HAPROXY_REPO ?? "/work/.mirror/haproxy+haproxy/repo";
const HAPROXY_BIN = process.env.HAPROXY_BIN ?? "haproxy";

/** The described versions and the upstream tag each one is read from. */
const VERSIONS = [
  ["2.6", "v2.6.0"],
  ["2.8", "v2.8.0"],
  ["3.0", "v3.0.0"],
  ["3.2", "v3.2.0"],
  ["3.4", "v3.4.0"],
];
const VERSION_IDS = VERSIONS.map(([v]) => v);
const BINARY_VERSION = "2.6"; // the -dKall dump is merged into this version
const PROXY_SECTIONS = ["defaults", "frontend", "listen", "backend"];

// ---------------------------------------------------------------------------------------------
// small helpers

const uniqSorted = (arr) => [...new Set(arr)].sort(cmp);
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
const squash = (s) => s.replace(/\s+/g, " ").trim();

function git(...args) {
  return execFileSync("git", ["-C", REPO, ...args], { encoding: "utf8", maxBuffer: 1 << 29 });
}

function mirrorUsable() {
  if (!existsSync(REPO)) return false;
  try {
    const tags = new Set(git("tag", "--list", "v*").split("\n"));
    return VERSIONS.every(([, t]) => tags.has(t));
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Stage 1a: doc/configuration.txt

/** Split the doc into numbered chapters: a "N.N. Title" line underlined by dashes. */
function chapters(lines) {
  const out = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const m = /^(\d+(?:\.\d+)*)\.?\s+(\S.*?)\s*$/.exec(lines[i]);
    if (m && /^-{3,}\s*$/.test(lines[i + 1])) out.push({ num: m[1], title: m[2], start: i + 2 });
  }
  for (let i = 0; i < out.length; i++) out[i].end = i + 1 < out.length ? out[i + 1].start - 2 : lines.length;
  return out;
}

/**
 * Keyword headings of a range: blocks of column-0 lines that follow a blank line and are
 * directly followed by an indented (description) line.
 */
function headings(lines, start, end) {
  const out = [];
  let i = start;
  while (i < end) {
    const prevBlank = i === start || lines[i - 1].trim() === "";
    if (prevBlank && /^[A-Za-z0-9.]/.test(lines[i])) {
      // a heading block: column-0 lines, possibly with deeply indented continuation lines,
      // ended by a description line indented by 1-3 spaces or a tab
      let j = i;
      const block = [];
      while (j < end) {
        if (/^\S/.test(lines[j])) block.push(j);
        else if (!(/^ {4,}\S/.test(lines[j]) && block.length)) break;
        j++;
      }
      if (j < end && /^( {1,3}|\t)\S/.test(lines[j])) {
        for (const k of block) out.push({ line: k, text: lines[k].replace(/\s+$/, "") });
      }
      i = Math.max(j, i + 1);
    } else i++;
  }
  return out;
}

const KW_TOKEN = /^[a-z0-9][a-z0-9_.+-]*$/;
const MARKERS = /\s*(\(deprecated\)|\[\s*EXPERIMENTAL\s*\]|\(experimental\))\s*/gi;

function stripMarkers(text) {
  const deprecated = /\(deprecated\)/i.test(text);
  const experimental = /experimental/i.test(text) && /\[\s*EXPERIMENTAL\s*\]|\(experimental\)/i.test(text);
  return { text: squash(text.replace(MARKERS, " ")), deprecated, experimental };
}

/** Name/args of a plain heading: the first word (two for the given multi-word leaders). */
function splitHeading(text, multi = new Set()) {
  const { text: t, deprecated } = stripMarkers(text);
  const words = t.split(" ");
  if (!KW_TOKEN.test(words[0])) return null;
  let n = 1;
  if (words[0] === "no" && words[1] === "option" && words[2]) n = 3;
  else if (multi.has(words[0]) && words[1] && KW_TOKEN.test(words[1].replace(/\(.*$/, ""))) n = 2;
  // "http-check set-var(<name>) <expr>": the keyword stops at the parenthesis
  const last = words[n - 1];
  const paren = n > 1 && last.includes("(") ? last.slice(last.indexOf("(")) : "";
  const name = [...words.slice(0, n - 1), last.replace(/\(.*$/, "")].join(" ");
  const args = squash(paren + " " + words.slice(n).join(" "));
  return { name, args, deprecated };
}

function parseMatrix(lines, ch) {
  const rows = [];
  const re = /^(\S(?:.*?\S)?)\s{2,}((?:(?:\(\*\)|\(deprecated\))\s+)*)(X|-)(\s\(!\))?\s+(X|-)\s+(X|-)\s+(X|-)\s*$/;
  for (let i = ch.start; i < ch.end; i++) {
    const m = re.exec(lines[i]);
    if (!m || m[1] === "keyword") continue;
    rows.push({
      name: squash(m[1]),
      cols: [m[3], m[5], m[6], m[7]].map((c) => c === "X"),
      named: !!m[4],
      negatable: m[2].includes("(*)"),
      deprecated: m[2].includes("(deprecated)"),
    });
  }
  return rows;
}

/** 4.2: headings with their argument shape and the "May be used in sections" row. */
function parseProxyRef(lines, ch, matrixNames) {
  const hs = headings(lines, ch.start, ch.end);
  const out = [];
  const names = [...matrixNames].sort((a, b) => b.length - a.length);
  for (const h of hs) {
    const { text, deprecated } = stripMarkers(h.text);
    // "May be used in sections" row of this entry
    let cols = null;
    let named = false;
    for (let k = h.line + 1; k < Math.min(h.line + 40, ch.end); k++) {
      if (/May be used in sections/.test(lines[k])) {
        const row = lines[k + 1].split("|").map((c) => c.trim());
        if (row.length === 4) {
          cols = row.map((c) => /^yes/.test(c));
          named = /^yes\s*\(!\)/.test(row[0]);
        }
        break;
      }
      if (/^\S/.test(lines[k]) && k > h.line + 1 && lines[k - 1].trim() === "") break;
    }
    let neg = false;
    let t = text;
    if (t.startsWith("no ")) {
      neg = true;
      t = t.slice(3);
    }
    let name = names.find((n) => t === n || t.startsWith(n + " ") || t.startsWith(n + "("));
    let args;
    if (name) args = squash(t.slice(name.length));
    else {
      const sp = splitHeading(t, curated.PROXY_MULTIWORD);
      if (!sp) continue;
      name = sp.name;
      args = sp.args;
    }
    out.push({ name, args, neg, deprecated, cols, named });
  }
  return out;
}

/** Global keyword list (" - keyword") at the top of chapter 3. */
function parseGlobalList(lines, ch3, ch31) {
  const out = [];
  for (let i = ch3.start; i < ch31.start; i++) {
    const m = /^\s+-\s+(\S+)(\s+\(deprecated\))?\s*$/.exec(lines[i]);
    if (m && KW_TOKEN.test(m[1])) out.push({ name: m[1], deprecated: !!m[2] });
  }
  return out;
}

const OTHER_SECTION_CHAPTERS = [
  [/^Userlists$/i, "userlist"],
  [/^Peers( declaration)?$/i, "peers"],
  [/^Mailers$/i, "mailers"],
  [/^Programs/i, "program"],
  [/^HTTP-errors$/i, "http-errors"],
  [/^Rings$/i, "ring"],
  [/^Log forwarding$/i, "log-forward"],
  [/^The resolvers section$/i, "resolvers"],
  [/^Cache section$/i, "cache"],
  [/^Fcgi-app section$/i, "fcgi-app"],
  [/^Traces$/i, "traces"],
  [/^Certificate Storage$/i, "crt-store"],
  [/^ACME$/i, "acme"],
  [/^Log profiles$/i, "log-profile"],
  [/^Healthchecks$/i, "healthcheck"],
];

function parseDoc(text) {
  const lines = text.split("\n");
  const chs = chapters(lines);
  const find = (re) => chs.find((c) => re.test(c.num + " " + c.title));
  const doc = {
    global: [],
    globalList: [],
    matrix: [],
    proxyRef: [],
    bind: [],
    server: [],
    fetches: [],
    converters: [],
    sections: {},
  };

  // global: chapter 3 and its sub-chapters (3.1 .. 3.x) holding global keywords
  const ch3 = chs.find((c) => c.num === "3");
  const ch31 = chs.find((c) => c.num === "3.1");
  doc.globalList = parseGlobalList(lines, ch3, ch31);
  for (const c of chs) {
    if (!/^3\.\d+$/.test(c.num)) continue;
    if (
      !/Process management|Performance tuning|Debugging|HTTPClient|SSL|QUIC|tuning|Traces? configuration|Master/i.test(
        c.title,
      )
    )
      continue;
    if (OTHER_SECTION_CHAPTERS.some(([re]) => re.test(c.title))) continue;
    for (const h of headings(lines, c.start, c.end)) {
      const sp = splitHeading(h.text, curated.GLOBAL_MULTIWORD);
      if (sp) doc.global.push(sp);
    }
  }

  const m41 = find(/^4\.1 /);
  doc.matrix = parseMatrix(lines, m41);
  const matrixNames = new Set(doc.matrix.map((r) => r.name));
  doc.proxyRef = parseProxyRef(lines, find(/^4\.2 /), matrixNames);

  const simple = (ch, kind) => {
    for (const h of headings(lines, ch.start, ch.end)) {
      const sp = splitHeading(h.text);
      if (sp) doc[kind].push(sp);
    }
  };
  simple(find(/^5\.1 /), "bind");
  simple(find(/^5\.2 /), "server");

  // converters and fetches
  const conv = find(/^7\.3\.1 /);
  for (const h of headings(lines, conv.start, conv.end)) {
    const { text: t, deprecated } = stripMarkers(h.text);
    const m = /^([a-z0-9][a-z0-9_.+-]*)(\(.*\))?(?:\s*:\s*(\S+))?$/i.exec(t);
    if (m) doc.converters.push({ name: m[1], args: m[2] ?? "", type: m[3] ?? "", deprecated });
  }
  for (const c of chs) {
    if (!/^7\.3\.[2-7]$/.test(c.num)) continue;
    for (const h of headings(lines, c.start, c.end)) {
      const { text: t, deprecated } = stripMarkers(h.text);
      const m = /^([a-z0-9][a-z0-9_.+-]*)(\(.*?\))?\s*:\s*([a-z]+)\s*$/i.exec(t);
      if (m) doc.fetches.push({ name: m[1], args: m[2] ?? "", type: m[3], deprecated });
    }
  }

  // other sections
  for (const c of chs) {
    const hit = OTHER_SECTION_CHAPTERS.find(([re]) => re.test(c.title));
    if (!hit) continue;
    const sec = hit[1];
    const end = chs.find((x) => x.start > c.start)?.start - 2 || c.end;
    const hs = headings(lines, c.start, end);
    const open = hs.findIndex((h) => h.text.split(/\s+/)[0] === sec);
    if (open < 0) continue;
    const list = (doc.sections[sec] ??= []);
    const chapterDeprecated = /\(deprecated\)/i.test(c.title);
    for (const h of hs.slice(open + 1)) {
      const sp = splitHeading(h.text, curated.SECTION_MULTIWORD);
      if (sp) list.push({ ...sp, deprecated: sp.deprecated || chapterDeprecated });
    }
  }
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Stage 1b: keyword tables in the C sources

const KW_LIST_RE = /struct\s+(cfg|bind|srv|sample_fetch|sample_conv|acl|peers)_kw_list\s+\w+\s*=\s*\{/g;

function structBody(src, from) {
  let depth = 0;
  for (let i = from; i < src.length; i++) {
    if (src[i] === "{") depth++;
    else if (src[i] === "}" && --depth === 0) return src.slice(from, i + 1);
  }
  return src.slice(from);
}

function functionBody(src, fn) {
  const re = new RegExp(`^(?:static\\s+)?int\\s+${fn}\\s*\\([^)]*\\)\\s*\\{`, "m");
  const m = re.exec(src);
  if (!m) return "";
  return structBody(src, m.index + m[0].length - 1);
}

/** Body of a function whatever its return type ("struct act_rule *parse_http_req_cond(...)"). */
function anyFunctionBody(src, fn) {
  const m = new RegExp(`^[A-Za-z_][\\w \\t*]*\\b${fn}\\s*\\([^)]*\\)\\s*\\{`, "m").exec(src);
  return m ? structBody(src, m.index + m[0].length - 1) : "";
}

/**
 * The argument masks of a sample fetch or converter list: `{ "name", fn, ARGn(m, T1, ...), val_fn, ... }` becomes
 * name -> [m, "T1", ...] (0 or ARG_NONE: no argument). The first entry of a name wins, as find_sample_fetch() does.
 */
function readSampleArgs(body, out) {
  const entry = /\{\s*"([^"]+)"\s*,\s*[A-Za-z_]\w*\s*,\s*(ARG\d+\(([^)]*)\)|0|ARG_NONE)\s*,/g;
  for (const m of body.matchAll(entry)) {
    if (out[m[1]]) continue;
    if (!m[3]) {
      out[m[1]] = [0];
      continue;
    }
    const [mandatory, ...types] = m[3].split(",").map((x) => x.trim());
    out[m[1]] = [Number(mandatory), ...types];
  }
}

/** ACL keywords and the sample fetch each one uses (`{ "hdr_beg", "req.hdr", PAT_MATCH_BEG }`; NULL: itself). */
function readAclFetches(body, out) {
  for (const m of body.matchAll(/\{\s*"([^"]+)"\s*,\s*(?:"([^"]+)"|NULL)\s*,\s*PAT_MATCH_/g))
    out[m[1]] ??= m[2] ?? m[1];
}

function parseSources(tag) {
  // drop comments and "#if 0" blocks (disabled keywords)
  const stripComments = (s) =>
    s
      .replace(/\/\*[\s\S]*?\*\//g, " ")
      .replace(/^\s*\/\/.*$/gm, " ")
      .replace(/^#\s*if\s+0\b[\s\S]*?^#\s*endif.*$/gm, " ");
  const res = {
    cfg: {},
    bind: [],
    server: [],
    fetches: [],
    converters: [],
    acl: [],
    peers: [],
    sections: [],
    sectionHard: {},
    globalHard: [],
    // name -> [mandatory, types...] of sample fetches and converters, acl keyword -> fetch it stands for
    sampleArgs: { fetches: {}, converters: {}, acl: {} },
  };
  const files = git(
    "grep",
    "-l",
    "-E",
    "struct (cfg|bind|srv|sample_fetch|sample_conv|acl|peers)_kw_list \\w+ *= *\\{",
    tag,
    "--",
    "src",
    "addons",
  )
    .split("\n")
    .filter(Boolean)
    .map((l) => l.slice(tag.length + 1));
  const cache = new Map();
  const show = (f) => {
    if (!cache.has(f)) cache.set(f, stripComments(git("show", `${tag}:${f}`)));
    return cache.get(f);
  };
  for (const f of files) {
    const src = show(f);
    for (const m of src.matchAll(KW_LIST_RE)) {
      const body = structBody(src, m.index + m[0].length - 1);
      const kind = m[1];
      if (kind === "cfg") {
        for (const e of body.matchAll(/\{\s*CFG_([A-Z]+)\s*,\s*"([^"]+)"/g))
          (res.cfg[e[1].toLowerCase()] ??= []).push(e[2]);
      } else {
        const key = {
          bind: "bind",
          srv: "server",
          sample_fetch: "fetches",
          sample_conv: "converters",
          acl: "acl",
          peers: "peers",
        }[kind];
        for (const e of body.matchAll(/\{\s*"([^"]+)"\s*,/g)) if (!/^[A-Z0-9]+$/.test(e[1])) res[key].push(e[1]);
        if (kind === "sample_fetch" || kind === "sample_conv") readSampleArgs(body, res.sampleArgs[key]);
        if (kind === "acl") readAclFetches(body, res.sampleArgs.acl);
      }
    }
  }
  // sections and the keywords their parsers compare args[0] against
  const reg = git("grep", "-E", "^REGISTER_CONFIG_SECTION\\(", tag, "--", "src", "addons");
  for (const line of reg.split("\n")) {
    const m = /^[^:]+:([^:]+):REGISTER_CONFIG_SECTION\(\s*"([^"]+)"\s*,\s*(\w+)/.exec(line);
    if (!m) continue;
    const [, file, sec, fn] = m;
    res.sections.push(sec);
    if (fn === "cfg_parse_listen") continue;
    const body = functionBody(show(file), fn);
    const names = [...body.matchAll(/strcmp\(\s*(?:args\[0\]|item)\s*,\s*"([^"]+)"\s*\)/g)].map((x) => x[1]);
    if (sec === "global") res.globalHard.push(...names);
    else res.sectionHard[sec] = uniqSorted([...(res.sectionHard[sec] ?? []), ...names]);
  }
  // global keywords compared in cfgparse-global.c outside the registered table
  try {
    const g = show("src/cfgparse-global.c");
    const body = functionBody(g, "cfg_parse_global");
    res.globalHard.push(...[...body.matchAll(/strcmp\(\s*args\[0\]\s*,\s*"([^"]+)"\s*\)/g)].map((x) => x[1]));
  } catch {
    /* file absent */
  }
  for (const k of Object.keys(res)) if (Array.isArray(res[k])) res[k] = uniqSorted(res[k]);
  for (const k of Object.keys(res.cfg)) res.cfg[k] = uniqSorted(res.cfg[k]);
  res.actions = parseActions(tag, show);
  return res;
}

// ---------------------------------------------------------------------------------------------
// Stage 1b': action keywords of the rule sets
//
// Names are stored as written in the sources; a trailing "*" marks a keyword the parser matches as
// a prefix (KWF_MATCH_PREFIX, a legacy trailing "(" or a strncmp), "lua.*" the dynamic Lua actions.

/** Registration function -> the rule sets whose parser looks the registered list up. */
const ACTION_REGISTRARS = {
  http_req_keywords_register: ["http-request"],
  http_res_keywords_register: ["http-response"],
  http_after_res_keywords_register: ["http-after-response"],
  tcp_req_conn_keywords_register: ["tcp-request connection"],
  tcp_req_sess_keywords_register: ["tcp-request session"],
  tcp_req_cont_keywords_register: ["tcp-request content"],
  tcp_res_cont_keywords_register: ["tcp-response content"],
  tcp_check_keywords_register: ["tcp-check", "http-check"], // both parsers use action_kw_tcp_check_lookup()
  quic_init_actions_register: ["quic-initial"],
};
const RULE_SETS = [
  "http-request",
  "http-response",
  "http-after-response",
  "tcp-request connection",
  "tcp-request session",
  "tcp-request content",
  "tcp-response content",
  "http-check",
  "tcp-check",
  "quic-initial",
];
/** tcp_parse_request_rule(): the `where` bit a hand-parsed action requires -> its rule set. */
const TCP_WHERE = {
  SMP_VAL_FE_CON_ACC: "tcp-request connection",
  SMP_VAL_FE_SES_ACC: "tcp-request session",
  SMP_VAL_FE_REQ_CNT: "tcp-request content",
};

/** Top-level `if/else if (str[n]cmp(args[X], "name")` branches of a function body, with their text. */
function topLevelBranches(body, argExpr) {
  const re = new RegExp(
    `^\\t(?:\\}[ \\t]*)?(?:else[ \\t]+)?if[ \\t]*\\(\\s*(strn?cmp)\\(\\s*args\\[${argExpr}\\]\\s*,\\s*"([^"]+)"[^\\n]*`,
    "gm",
  );
  const hits = [...body.matchAll(re)];
  return hits
    .map((m, i) => {
      const text = body.slice(m.index, i + 1 < hits.length ? hits[i + 1].index : body.length);
      // the other names compared on the same condition ("send" || "send-binary" || ...)
      const lines = text.split("\n");
      let cond = lines[0];
      for (let i = 0; /(\|\||&&)\s*$/.test(lines[i]) && i + 1 < lines.length;) cond += lines[++i];
      const names = [...cond.matchAll(new RegExp(`(strn?cmp)\\(\\s*args\\[${argExpr}\\]\\s*,\\s*"([^"]+)"`, "g"))].map(
        (x) => ({ name: x[2], prefix: x[1] === "strncmp" }),
      );
      return { names, text };
    })
    .filter((b) => !b.names.some((n) => n.name === "if" || n.name === "unless"));
}

/** The string a `#define NAME "value"` gives NAME in the tag's sources (null when none). */
function macroString(tag, name) {
  try {
    const m = /#define\s+\w+\s+"([^"]*)"/.exec(
      git("grep", "-h", "-E", `#define\\s+${name}\\s+"`, tag, "--", "src", "addons", "include"),
    );
    return m ? m[1] : null;
  } catch {
    return null;
  }
}

function parseActions(tag, show) {
  const out = Object.fromEntries(RULE_SETS.map((r) => [r, []]));
  const add = (sets, name) => sets.forEach((r) => out[r].push(name));
  // 1. keyword lists registered at start-up
  const reg = git(
    "grep",
    "-E",
    "INITCALL1\\(\\s*STG_REGISTER\\s*,\\s*\\w+_register\\s*,\\s*&\\w+\\s*\\)",
    tag,
    "--",
    "src",
    "addons",
  );
  for (const line of reg.split("\n")) {
    const m = /^[^:]+:([^:]+):.*INITCALL1\(\s*STG_REGISTER\s*,\s*(\w+)\s*,\s*&(\w+)\s*\)/.exec(line);
    if (!m || !ACTION_REGISTRARS[m[2]]) continue;
    const [, file, fn, list] = m;
    const src = show(file);
    const decl = new RegExp(`struct\\s+action_kw_list\\s+${list}\\s*=\\s*\\{`).exec(src);
    if (!decl) continue;
    const body = structBody(src, decl.index + decl[0].length - 1);
    for (const e of body.matchAll(/\{\s*(?:"([^"]+)"|([A-Z][A-Z0-9_]+))\s*,\s*\w+\s*(?:,\s*([^,}]*))?/g)) {
      // the addons name some keywords through a macro (FLT_OT_ACTION_GROUP -> "ot-group")
      const kw = e[1] ?? macroString(tag, e[2]);
      if (!kw) continue;
      const prefix = /KWF_MATCH_PREFIX/.test(e[3] ?? "") || kw.endsWith("(");
      add(ACTION_REGISTRARS[fn], kw.replace(/\($/, "") + (prefix ? "*" : ""));
    }
  }
  // 2. Lua: core.register_action() registers "lua.<name>" into the lists hlua.c names
  try {
    for (const m of show("src/hlua.c").matchAll(
      /^\s*(?:else\s+)?(?:if\s*\(.*\)\s*)?(\w+_keywords_register)\(\s*akl\s*\)/gm,
    )) {
      if (ACTION_REGISTRARS[m[1]]) add(ACTION_REGISTRARS[m[1]], "lua.*");
    }
  } catch {
    /* file absent */
  }
  // 3. actions compared by hand in the rule parsers
  const tr = show("src/tcp_rules.c");
  for (const b of topLevelBranches(anyFunctionBody(tr, "tcp_parse_request_rule"), "arg")) {
    const need = /!\s*\(\s*where\s*&\s*(SMP_VAL_\w+)\s*\)/.exec(b.text)?.[1];
    const sets =
      need && TCP_WHERE[need]
        ? [TCP_WHERE[need]]
        : ["tcp-request connection", "tcp-request session", "tcp-request content"];
    for (const n of b.names) add(sets, n.name + (n.prefix ? "*" : ""));
  }
  for (const b of topLevelBranches(anyFunctionBody(tr, "tcp_parse_response_rule"), "arg"))
    for (const n of b.names) add(["tcp-response content"], n.name + (n.prefix ? "*" : ""));
  const hr = show("src/http_rules.c");
  for (const [fn, set] of [
    ["parse_http_req_cond", "http-request"],
    ["parse_http_res_cond", "http-response"],
    ["parse_http_after_res_cond", "http-after-response"],
  ]) {
    for (const b of topLevelBranches(anyFunctionBody(hr, fn), "0"))
      for (const n of b.names) add([set], n.name + (n.prefix ? "*" : ""));
  }
  const tc = show("src/tcpcheck.c");
  for (const [fns, set] of [
    [["proxy_parse_tcpcheck", "do_parse_tcpcheck"], "tcp-check"],
    [["proxy_parse_httpcheck", "do_parse_httpcheck"], "http-check"],
  ]) {
    for (const fn of fns)
      for (const b of topLevelBranches(anyFunctionBody(tc, fn), "cur_arg"))
        for (const n of b.names) add([set], n.name + (n.prefix ? "*" : ""));
  }
  for (const r of RULE_SETS) out[r] = uniqSorted(out[r]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Stage 1c: the installed 2.6 binary's keyword dump

function parseDkall(text) {
  const out = {
    version: "",
    acl: [],
    global: [],
    listen: [],
    bind: [],
    server: [],
    fetches: [],
    converters: [],
    userlist: [],
    peers: [],
    actions: {},
  };
  let part = "";
  let sec = "";
  for (const line of text.split("\n")) {
    if (line.startsWith("# List of registered ")) {
      part = line.includes("ACL")
        ? "acl"
        : line.includes("configuration")
          ? "cfg"
          : line.includes("converter")
            ? "conv"
            : line.includes("fetch")
              ? "fetch"
              : "";
      continue;
    }
    if (line.startsWith("#")) continue;
    if (part === "acl") {
      const m = /^(\S+) = /.exec(line);
      if (m) out.acl.push(m[1]);
    } else if (part === "conv") {
      const m = /^([^\s(:]+)/.exec(line);
      if (m) out.converters.push(m[1]);
    } else if (part === "fetch") {
      const m = /^\[[ Y.]+\]\s+([^\s(:]+)/.exec(line);
      if (m) out.fetches.push(m[1]);
    } else if (part === "cfg") {
      if (/^\S/.test(line)) {
        sec = line.trim();
        continue;
      }
      const t = line
        .trim()
        .replace(/\s*\[[^\]]*\]\s*$/, "")
        .replace(/\s+\+\d+$/, "");
      if (!t) continue;
      if (sec === "listen" && t.startsWith("bind <addr> ")) {
        out.bind.push(t.split(/\s+/).pop());
      } else if (sec === "listen" && t.startsWith("server <name> <addr> ")) {
        out.server.push(t.split(/\s+/).pop());
      } else if (sec === "listen") {
        const w = t.split(/\s+/);
        // registered actions: "http-request set-var*", "tcp-request connection set-src" ("*": prefix match)
        const n = /^(tcp-request|tcp-response)$/.test(w[0])
          ? 2
          : /^(http-request|http-response|http-after-response)$/.test(w[0])
            ? 1
            : 0;
        if (n && w.length > n) (out.actions[w.slice(0, n).join(" ")] ??= []).push(w[n]);
        if (w[0] === "option") out.listen.push(`option ${w[1]}`);
        else if (/^(tcp-request|tcp-response)$/.test(w[0]) && w.length >= 3) out.listen.push(`${w[0]} ${w[1]}`);
        else out.listen.push(w[0]);
      } else if (sec === "global") out.global.push(t.split(/\s+/)[0]);
      else if (sec === "userlist" || sec === "peers") out[sec].push(t.split(/\s+/)[0]);
    }
  }
  for (const k of Object.keys(out)) if (Array.isArray(out[k])) out[k] = uniqSorted(out[k]);
  out.actions = Object.fromEntries(
    Object.keys(out.actions)
      .sort(cmp)
      .map((k) => [k, uniqSorted(out.actions[k])]),
  );
  return out;
}

function runBinary() {
  try {
    const v = execFileSync(HAPROXY_BIN, ["-v"], { encoding: "utf8" });
    const m = /version (\d+\.\d+\.\d+)/.exec(v);
    if (!m || !m[1].startsWith(BINARY_VERSION + ".")) return null;
    let dump;
    try {
      dump = execFileSync(HAPROXY_BIN, ["-dKall", "-q", "-c", "-f", "/dev/null"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        maxBuffer: 1 << 26,
      });
    } catch (e) {
      dump = String(e.stdout ?? "");
    }
    const parsed = parseDkall(dump);
    parsed.version = m[1];
    return parsed.global.length ? parsed : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Stage 1d: argument shapes of the actions in the doc

/** The entry of a rule set's extracted action list that a written action word selects (longest prefix wins). */
function matchAction(list, word) {
  const base = word.replace(/\(.*$/, "");
  if (list.includes(base)) return base;
  let best = null;
  for (const e of list) {
    if (!e.endsWith("*")) continue;
    const stem = e.slice(0, -1);
    if (word.startsWith(stem) && (!best || stem.length > best.length - 1)) best = e;
  }
  return best;
}

const CONDITION_TAIL = /\s*\[\s*\{\s*if\s*\|\s*unless\s*\}\s*<cond(?:ition)?>\s*\]\s*$/i;

/**
 * Written forms of the actions ("set-var(<var-name>[,<cond>...]) <expr>"), per rule set ("*": any),
 * first found wins: 4.4 headings (3.0+), then "<rule set> <action> ..." lines of 4.2, then the
 * "- <action> ..." lists of the tcp-request/tcp-response entries.
 */
function parseActionForms(text, actions) {
  const lines = text.split("\n");
  const chs = chapters(lines);
  const forms = {};
  const put = (set, entry, form) => {
    const f = squash(stripMarkers(form).text.replace(CONDITION_TAIL, ""));
    if (entry && f) (forms[set] ??= {})[entry] ??= f;
  };
  const anySet = (word) => {
    for (const r of RULE_SETS) {
      const e = matchAction(actions[r] ?? [], word);
      if (e) return e;
    }
    return null;
  };
  const deprecated = [];
  const c43 = chs.find((c) => c.num === "4.3");
  if (c43) {
    for (let i = c43.start; i < c43.end; i++) {
      const m = /^([a-z][a-z0-9-]*)(?: [a-z0-9]+)?\s+\(deprecated\)\s/.exec(lines[i]);
      if (m) deprecated.push(m[1]);
    }
  }
  const c44 = chs.find((c) => c.num === "4.4");
  if (c44) for (const h of headings(lines, c44.start, c44.end)) put("*", anySet(h.text.split(" ")[0]), h.text);
  const c42 = chs.find((c) => c.num === "4.2");
  const lead =
    /^(http-request|http-response|http-after-response|tcp-request (?:connection|session|content)|tcp-response content|http-check|tcp-check) ([a-z].*)$/;
  for (let i = c42.start; i < c42.end; i++) {
    const m = lead.exec(lines[i]);
    if (!m || /\s{2,}(X|-)(\s|$)/.test(m[2])) continue;
    put(m[1], matchAction(actions[m[1]] ?? [], m[2].split(" ")[0]), m[2]);
  }
  for (let i = c42.start; i < c42.end; i++) {
    const m = /^\s+- ([a-z][a-z0-9-]*(?:\(\S*\))?(?: .*)?)$/.exec(lines[i]);
    if (m && !/:\s*$/.test(m[1])) put("*", anySet(m[1].split(" ")[0]), m[1]);
  }
  const sorted = Object.fromEntries(
    Object.keys(forms)
      .sort(cmp)
      .map((k) => [
        k,
        Object.fromEntries(
          Object.keys(forms[k])
            .sort(cmp)
            .map((n) => [n, forms[k][n]]),
        ),
      ]),
  );
  return { forms: sorted, deprecated: uniqSorted(deprecated) };
}

function extract(previous) {
  const ex = {
    note: "Generated by scripts/schema/haproxy.mjs: keyword names, matrix flags and argument shapes only.",
    versions: {},
    binary: null,
  };
  for (const [v, tag] of VERSIONS) {
    const text = git("show", `${tag}:doc/configuration.txt`);
    const doc = parseDoc(text);
    const src = parseSources(tag);
    const af = parseActionForms(text, src.actions);
    doc.actionForms = af.forms;
    doc.actionDeprecated = af.deprecated;
    ex.versions[v] = { tag, doc, src };
  }
  ex.binary = runBinary() ?? previous?.binary ?? null;
  return ex;
}

// ---------------------------------------------------------------------------------------------
// Stage 2: build the table

function loadDescriptions() {
  const map = new Map();
  if (!existsSync(DESC_PATH)) return map;
  for (const line of readFileSync(DESC_PATH, "utf8").split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [kind, name, desc] = line.split("\t");
    if (desc) map.set(`${kind}\t${name}`, desc.trim());
  }
  return map;
}

/** Collects per-version facts for one keyword of one table. */
class Table {
  constructor() {
    this.items = new Map();
  }
  add(name, version, fields = {}) {
    if (!name || !/^[a-z0-9]/i.test(name)) return;
    let it = this.items.get(name);
    if (!it)
      this.items.set(name, (it = { name, versions: new Set(), args: {}, deprecatedIn: new Set(), named: false }));
    it.versions.add(version);
    if (fields.args) it.args[version] ??= fields.args;
    if (fields.deprecated) it.deprecatedIn.add(version);
    if (fields.named) it.named = true;
    if (fields.type) it.type ??= fields.type;
  }
  has(name) {
    return this.items.has(name);
  }
}

function build(ex) {
  const desc = loadDescriptions();
  const missing = [];
  const tables = {
    sections: {},
    bind: new Table(),
    server: new Table(),
    fetches: new Table(),
    converters: new Table(),
  };
  const sec = (name) => (tables.sections[name] ??= new Table());
  const sectionVersions = new Map();
  const lastMatrixCols = new Map(); // proxy keyword -> matrix columns of the latest version that listed it
  const fallbackPlaced = [];

  for (const [v] of VERSIONS) {
    const { doc, src } = ex.versions[v];
    const bin = v === BINARY_VERSION ? ex.binary : null;
    const excluded = (section, name) => curated.isRejected(section, name, v);

    // sections
    const secs = new Set(src.sections);
    for (const s of secs) {
      if (!sectionVersions.has(s)) sectionVersions.set(s, new Set());
      sectionVersions.get(s).add(v);
    }

    // global
    const g = sec("global");
    const addG = (name, f) => !excluded("global", name) && g.add(name, v, f);
    for (const k of doc.globalList) addG(k.name, { deprecated: k.deprecated });
    for (const k of doc.global) addG(k.name, { args: k.args, deprecated: k.deprecated });
    for (const n of src.cfg.global ?? []) addG(n);
    for (const n of src.globalHard) addG(n);
    for (const n of bin?.global ?? []) addG(n);
    // a bare "stats" stands for its multi-word forms (stats socket, stats timeout, ...)
    if ([...g.items.keys()].some((n) => n.startsWith("stats ")) && g.has("stats"))
      g.items.get("stats").versions.delete(v);

    // proxies: 4.1 matrix, then 4.2 entries absent from the matrix, then source/binary names
    const matrixNames = new Set();
    for (const r of doc.matrix) {
      matrixNames.add(r.name);
      lastMatrixCols.set(r.name, r);
      PROXY_SECTIONS.forEach((s, i) => {
        if (!r.cols[i] || excluded(s, r.name)) return;
        const f = { deprecated: r.deprecated, named: s === "defaults" && r.named };
        sec(s).add(r.name, v, f);
        if (r.negatable) sec(s).add(`no ${r.name}`, v, { deprecated: r.deprecated });
      });
    }
    const refArgs = new Map();
    for (const h of doc.proxyRef) {
      const variants = refArgs.get(h.name) ?? [];
      if (!h.neg) variants.push(h.args);
      refArgs.set(h.name, variants);
      const cols = h.cols ?? lastMatrixCols.get(h.name)?.cols;
      if (!matrixNames.has(h.name) && cols) {
        PROXY_SECTIONS.forEach((s, i) => {
          if (!cols[i] || excluded(s, h.name)) return;
          sec(s).add(h.neg ? `no ${h.name}` : h.name, v, {
            deprecated: h.deprecated,
            named: s === "defaults" && h.named,
          });
        });
      }
      // a deprecated sub-form ("compression direction ...") does not deprecate the whole keyword
      const subForm = KW_TOKEN.test(h.args.split(" ")[0] ?? "");
      if (h.deprecated && !subForm)
        for (const s of PROXY_SECTIONS)
          if (sec(s).has(h.name) && sec(s).items.get(h.name).versions.has(v))
            sec(s).items.get(h.name).deprecatedIn.add(v);
    }
    for (const [name, variants] of refArgs) {
      const nonEmpty = [...new Set(variants.filter(Boolean))];
      if (!nonEmpty.length) continue;
      let a = nonEmpty[0];
      if (variants.includes("")) a = `[ ${a} ]`;
      for (const s of PROXY_SECTIONS) {
        const it = sec(s).items.get(name);
        if (it && it.versions.has(v)) it.args[v] ??= a;
      }
    }
    // names registered by the code but not in the matrix/4.2 (curated placement, else everywhere)
    const proxyKnown = (n) =>
      PROXY_SECTIONS.some((s) => sec(s).items.get(n)?.versions.has(v)) ||
      [...matrixNames].some((m) => m.startsWith(n + " "));
    const extraProxy = [...(src.cfg.listen ?? []), ...(bin?.listen ?? [])];
    for (const n of uniqSorted(extraProxy)) {
      if (proxyKnown(n)) continue;
      const place =
        curated.PROXY_PLACEMENT[n] ??
        lastMatrixCols.get(n)?.cols.flatMap((c, i) => (c ? [PROXY_SECTIONS[i]] : [])) ??
        PROXY_SECTIONS;
      if (!curated.PROXY_PLACEMENT[n]) fallbackPlaced.push(`${v} ${n}`);
      for (const s of place) if (!excluded(s, n)) sec(s).add(n, v);
    }

    // a listen section is a frontend and a backend at once: whatever either accepts, it accepts
    // (the doc has a few slips, e.g. "option spop-check" and "hash-balance-factor" marked backend-only)
    for (const s of ["frontend", "backend"]) {
      for (const it of sec(s).items.values()) {
        if (!it.versions.has(v) || excluded("listen", it.name)) continue;
        sec("listen").add(it.name, v, { args: it.args[v], deprecated: it.deprecatedIn.has(v) });
      }
    }

    // other sections
    for (const [s, list] of Object.entries(doc.sections)) {
      if (!secs.has(s)) continue;
      for (const k of list) if (!excluded(s, k.name)) sec(s).add(k.name, v, { args: k.args, deprecated: k.deprecated });
    }
    for (const [s, names] of Object.entries(src.sectionHard)) {
      for (const n of names) {
        if (n === s || excluded(s, n)) continue;
        // a hard-coded first word whose multi-word forms are already listed is covered by them
        if (
          sec(s).has(n) ||
          [...sec(s).items.keys()].some((k) => k.startsWith(n + " ") && sec(s).items.get(k).versions.has(v))
        ) {
          if (sec(s).has(n)) sec(s).add(n, v);
          continue;
        }
        sec(s).add(n, v);
      }
    }
    for (const n of src.cfg.userlist ?? []) sec("userlist").add(n, v);
    for (const n of src.cfg.crtstore ?? []) sec("crt-store").add(n, v);
    for (const n of src.cfg.acme ?? []) sec("acme").add(n, v);
    for (const n of src.cfg.traces ?? []) sec("traces").add(n, v);
    for (const n of src.peers) sec("peers").add(n, v);
    for (const n of bin?.userlist ?? []) sec("userlist").add(n, v);
    for (const n of bin?.peers ?? []) sec("peers").add(n, v);
    for (const [s, n, vs] of curated.EXTRA_KEYWORDS) if (vs.includes(v) && secs.has(s)) sec(s).add(n, v);

    // bind / server options
    for (const k of doc.bind) if (!excluded("bind", k.name)) tables.bind.add(k.name, v, k);
    for (const n of [...src.bind, ...(bin?.bind ?? [])]) if (!excluded("bind", n)) tables.bind.add(n, v);
    for (const k of doc.server) if (!excluded("server", k.name)) tables.server.add(k.name, v, k);
    for (const n of [...src.server, ...(bin?.server ?? [])]) if (!excluded("server", n)) tables.server.add(n, v);

    // fetches / converters (ACL-only keywords are kept with the fetches, see descriptions)
    for (const k of doc.fetches)
      tables.fetches.add(k.name, v, { args: k.args, deprecated: k.deprecated, type: k.type });
    for (const n of [...src.fetches, ...(bin?.fetches ?? [])]) tables.fetches.add(n, v);
    for (const n of [...src.acl, ...(bin?.acl ?? [])]) {
      if (!tables.fetches.has(n)) tables.fetches.add(n, v, { type: "acl" });
      else tables.fetches.add(n, v);
    }
    for (const k of doc.converters)
      tables.converters.add(k.name, v, { args: k.args, deprecated: k.deprecated, type: k.type });
    for (const n of [...src.converters, ...(bin?.converters ?? [])]) tables.converters.add(n, v);
  }

  // ----- actions of the rule sets (source lists and hand-parsed names, plus the 2.6 binary's dump)
  const actionTables = Object.fromEntries(RULE_SETS.map((r) => [r, new Table()]));
  for (const [v] of VERSIONS) {
    const { doc, src } = ex.versions[v];
    const binActs = (v === BINARY_VERSION ? ex.binary?.actions : null) ?? {};
    const forms = doc.actionForms ?? {};
    const dep = new Set(doc.actionDeprecated ?? []);
    for (const r of RULE_SETS) {
      for (const raw of uniqSorted([...(src.actions?.[r] ?? []), ...(binActs[r] ?? [])])) {
        const name = actionName(raw);
        const args =
          curated.ACTION_ARGS[name] ?? actionArgs(name, raw.endsWith("*"), forms[r]?.[raw] ?? forms["*"]?.[raw]);
        actionTables[r].add(name, v, { args, deprecated: dep.has(name) });
      }
    }
  }

  // ----- materialise
  const finish = (table, kind) => {
    const out = [];
    for (const it of [...table.items.values()].sort((a, b) => cmp(a.name, b.name))) {
      const versions = VERSION_IDS.filter((v) => it.versions.has(v));
      if (!versions.length) continue;
      const spec = { name: it.name, versions, description: describe(kind, it, desc, missing) };
      const lastArgs = [...versions]
        .reverse()
        .map((v) => it.args[v])
        .find(Boolean);
      if (lastArgs && lastArgs.length <= 200) spec.args = lastArgs;
      if (it.named) spec.namedDefaultsOnly = true;
      const depSince = VERSION_IDS.find((v) => it.deprecatedIn.has(v));
      const isProxy = PROXY_SECTIONS.includes(kind);
      const group = isProxy ? "proxy" : kind.startsWith("action:") ? "action" : null;
      const curDep =
        curated.DEPRECATED[`${kind}\t${it.name}`] ?? (group ? curated.DEPRECATED[`${group}\t${it.name}`] : undefined);
      if (depSince || curDep) {
        const since =
          curDep?.since && (!depSince || VERSION_IDS.indexOf(curDep.since) < VERSION_IDS.indexOf(depSince))
            ? curDep.since
            : (depSince ?? curDep.since);
        spec.deprecated = { since };
        const repl =
          curDep?.replacement ??
          curated.REPLACEMENTS[`${kind}\t${it.name}`] ??
          (group ? curated.REPLACEMENTS[`${group}\t${it.name}`] : undefined);
        if (repl) spec.deprecated.replacement = repl;
      }
      out.push(spec);
    }
    return out;
  };

  const schema = {
    language: "haproxy",
    generatedBy: "scripts/schema/haproxy.mjs",
    versions: VERSION_IDS,
    sources: VERSIONS.map(([v, tag]) => ({
      version: v,
      ref: tag,
      files: [
        "doc/configuration.txt",
        "src/*.c keyword lists",
        ...(v === BINARY_VERSION && ex.binary ? [`haproxy -dKall (${ex.binary.version})`] : []),
      ],
    })),
    sections: {},
    keywords: {},
    bindOptions: finish(tables.bind, "bind"),
    serverOptions: finish(tables.server, "server"),
    fetches: withArgMasks(finish(tables.fetches, "fetch"), ex, "fetches"),
    converters: withArgMasks(finish(tables.converters, "converter"), ex, "converters"),
    actions: Object.fromEntries(
      RULE_SETS.map((r) => [r, finish(actionTables[r], `action:${r}`)]).filter(([, l]) => l.length),
    ),
  };
  for (const s of [...sectionVersions.keys()].sort(cmp)) {
    schema.sections[s] = {
      versions: VERSION_IDS.filter((v) => sectionVersions.get(s).has(v)),
      description: desc.get(`section\t${s}`) ?? (missing.push(`section\t${s}`), `The ${s} section.`),
    };
  }
  for (const s of Object.keys(tables.sections).sort(cmp)) {
    if (!schema.sections[s]) continue;
    schema.keywords[s] = finish(tables.sections[s], s);
  }
  if (process.env.HAPROXY_DEBUG)
    console.log("proxy keywords placed without documented sections:", fallbackPlaced.join(", "));
  attachShapes(schema);
  return { schema, missing: uniqSorted(missing) };
}

/**
 * Adds the argument shapes measured with the binaries (scripts/schema/haproxy-shapes.json, made by
 * haproxy-probe-shapes.mjs) to the keywords (`shapes`: version -> shape) and the rule actions (`arity`: version ->
 * the words an action of a fixed shape takes). A proxy keyword gets the shape measured in a listen section, else in
 * the frontend or backend section it belongs to.
 */
function attachShapes(schema) {
  if (!existsSync(SHAPES_PATH)) return;
  const measured = JSON.parse(readFileSync(SHAPES_PATH, "utf8")).versions;
  for (const [section, list] of Object.entries(schema.keywords)) {
    const probed =
      section === "global" ? ["global"] : PROXY_SECTIONS.includes(section) ? ["listen", "frontend", "backend"] : [];
    for (const spec of list) {
      const shapes = {};
      for (const [version, data] of Object.entries(measured)) {
        if (!spec.versions.includes(version)) continue;
        const found = probed.map((p) => data.keywords[p]?.[spec.name]).find(Boolean);
        if (found) shapes[version] = found;
      }
      if (Object.keys(shapes).length) spec.shapes = shapes;
    }
  }
  for (const [kind, list] of [
    ["bind", schema.bindOptions],
    ["server", schema.serverOptions],
  ]) {
    for (const spec of list) {
      const shapes = {};
      for (const [version, data] of Object.entries(measured)) {
        const found = data.options?.[kind]?.[spec.name];
        if (found && spec.versions.includes(version)) shapes[version] = found;
      }
      if (Object.keys(shapes).length) spec.optionShapes = shapes;
    }
  }
  for (const [ruleSet, list] of Object.entries(schema.actions ?? {})) {
    for (const spec of list) {
      const arity = {};
      for (const [version, data] of Object.entries(measured)) {
        const n = data.actions[ruleSet]?.[spec.name];
        if (n !== undefined && spec.versions.includes(version)) arity[version] = n;
      }
      if (Object.keys(arity).length) spec.arity = arity;
    }
  }
}

const TYPE_WORDS = {
  str: "string",
  string: "string",
  sint: "integer",
  integer: "integer",
  bin: "binary",
  binary: "binary",
  bool: "boolean",
  boolean: "boolean",
  ip: "address",
  addr: "address",
  ipv4: "IPv4 address",
  ipv6: "IPv6 address",
  meth: "method",
  method: "method",
};

/**
 * Adds each sample fetch's or converter's argument masks (from the keyword lists of each version's sources) as
 * `argMasks`: [{ versions, mandatory, types }], versions with the same mask grouped. An ACL keyword gets the mask
 * of the fetch it stands for. Versions whose sources lack the entry get none (its arguments are then not checked).
 */
function withArgMasks(list, ex, key) {
  for (const spec of list) {
    const groups = [];
    for (const v of spec.versions) {
      const sa = ex.versions[v]?.src.sampleArgs;
      if (!sa) continue;
      const mask = sa[key][spec.name] ?? (key === "fetches" ? sa.fetches[sa.acl[spec.name]] : undefined);
      if (!mask) continue;
      const [mandatory, ...types] = mask;
      const same = groups.find((g) => g.mandatory === mandatory && g.types.join() === types.join());
      if (same) same.versions.push(v);
      else groups.push({ versions: [v], mandatory, types });
    }
    if (groups.length) spec.argMasks = groups;
  }
  return list;
}

function describe(kind, it, desc, missing) {
  const d = desc.get(`${kind}\t${it.name}`);
  if (d) return d;
  if (PROXY_SECTIONS.includes(kind)) {
    const p = desc.get(`proxy\t${it.name}`);
    if (p) return p;
    if (it.name.startsWith("no ")) {
      const d1 = `Negated form: turns "${it.name.slice(3)}" off, e.g. to override an inherited setting.`;
      return d1.length <= 110 ? d1 : `Turns "${it.name.slice(3)}" off.`;
    }
  }
  if (kind === "fetch") {
    if (it.type === "acl")
      return "ACL-only keyword (usable in acl/conditions, not as a sample fetch): shorthand for a fetch plus match method.";
    const t = TYPE_WORDS[it.type] ?? "a sample";
    return `Sample fetch returning ${t === "a sample" ? t : `a ${t}`}.`
      .replace("a address", "an address")
      .replace("a integer", "an integer")
      .replace("a IPv", "an IPv");
  }
  if (kind === "converter") return "Converter applied to the preceding sample.";
  if (kind.startsWith("action:")) {
    const a = desc.get(`action\t${it.name}`);
    if (a) return a;
    missing.push(`${kind}\t${it.name}`);
    return `The "${it.name}" action.`;
  }
  missing.push(`${PROXY_SECTIONS.includes(kind) ? "proxy" : kind}\t${it.name}`);
  return `HAProxy "${it.name}" keyword.`;
}

/** The table name of an extracted action: the prefix marker dropped ("set-var*" -> "set-var", "lua.*" -> "lua."). */
function actionName(raw) {
  return raw.replace(/\*$/, "");
}

/**
 * Argument shape of an action from its documented written form. Keywords matched as a prefix
 * get the whole written form (starting with their name: "set-var(<var-name>) <expr>",
 * "track-sc<n> <key> [table <table>]"), the others what follows the keyword.
 */
function actionArgs(name, prefix, form) {
  if (name === "lua.") return "lua.<action-name> [<argument> ...]";
  if (!form) return prefix ? `${name}(...)` : undefined;
  const tok = form.split(" ")[0];
  const rest = form.slice(tok.length).trim();
  if (!prefix) return rest || undefined;
  const suffix = tok.startsWith(name) ? tok.slice(name.length).replace(/^\d+$/, "<n>") : "(...)";
  return squash(`${name}${suffix} ${rest}`);
}

// ---------------------------------------------------------------------------------------------

/** Compact extract encoding: arrays of same-shaped objects become {$keys, $rows} tables. */
function pack(v) {
  if (Array.isArray(v)) {
    const isRec = v.length > 0 && v.every((x) => x && typeof x === "object" && !Array.isArray(x));
    if (isRec) {
      const keys = Object.keys(v[0]);
      if (v.every((x) => Object.keys(x).join() === keys.join()))
        return { $keys: keys, $rows: v.map((x) => keys.map((k) => pack(x[k]))) };
    }
    return v.map(pack);
  }
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, pack(x)]));
  return v;
}
function unpack(v) {
  if (Array.isArray(v)) return v.map(unpack);
  if (v && typeof v === "object") {
    if (v.$keys && v.$rows) return v.$rows.map((r) => Object.fromEntries(v.$keys.map((k, i) => [k, unpack(r[i])])));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unpack(x)]));
  }
  return v;
}

function stableStringify(v) {
  return JSON.stringify(v, null, 2) + "\n";
}

function main() {
  const previous = existsSync(EXTRACT_PATH) ? unpack(JSON.parse(readFileSync(EXTRACT_PATH, "utf8"))) : null;
  let ex;
  if (mirrorUsable()) {
    ex = extract(previous);
    writeFileSync(EXTRACT_PATH, JSON.stringify(pack(ex)) + "\n");
    console.log(
      `extract: read ${REPO} (${VERSIONS.map(([, t]) => t).join(", ")})${ex.binary ? `, binary ${ex.binary.version}` : ""} -> ${EXTRACT_PATH}`,
    );
  } else if (previous) {
    ex = previous;
    console.log(`extract: mirror not found at ${REPO}; using cached ${EXTRACT_PATH}`);
  } else {
    console.error(`No HAProxy mirror at ${REPO} and no cached extract ${EXTRACT_PATH}`);
    process.exit(1);
  }
  const { schema, missing } = build(ex);
  const json = stableStringify(schema);
  writeFileSync(OUT_PATH, json);
  console.log(`wrote ${OUT_PATH} (${json.length} bytes)`);
  for (const v of VERSION_IDS) {
    const n = (list) => list.filter((k) => k.versions.includes(v)).length;
    const secs = Object.keys(schema.sections).filter((s) => schema.sections[s].versions.includes(v));
    const per = secs.map((s) => `${s}=${schema.keywords[s] ? n(schema.keywords[s]) : 0}`).join(" ");
    console.log(
      `${v}: sections=${secs.length} [${per}] bind=${n(schema.bindOptions)} server=${n(schema.serverOptions)} fetches=${n(schema.fetches)} converters=${n(schema.converters)}`,
    );
    console.log(
      `${v}: actions [${Object.entries(schema.actions)
        .map(([r, l]) => `${r}=${n(l)}`)
        .join(" ")}]`,
    );
  }
  if (missing.length) {
    console.log(`${missing.length} keywords without a written description (first 20):`);
    for (const m of missing.slice(0, 20)) console.log("  " + m.replace("\t", " "));
    if (process.env.HAPROXY_LIST_MISSING) writeFileSync(process.env.HAPROXY_LIST_MISSING, missing.join("\n") + "\n");
  }
}

main();
