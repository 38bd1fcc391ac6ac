#!/usr/bin/env node
// The table of messages `haproxy -c` can print about a configuration, one per version: docs/messages/haproxy-<v>.tsv.
//
// Two stages:
//   1. extract (needs the sources): every ha_alert(), ha_warning(), ha_diag_warning(), ha_notice() and memprintf()
//      call of src/*.c and addons/**/*.c, with its function, line, format string and what the code does right after
//      it (error flags, return value, goto target). Written to scripts/messages/haproxy-extract-<v>.json.
//   2. build (from the cached extracts alone): each call's format made a regular expression, whether it makes
//      haproxy refuse the configuration, and the ha-lint rule that reports it or the reason it is left out, from
//      the curated mapping scripts/messages/haproxy-curated.tsv (first matching line wins).
//
// Usage: node scripts/messages/haproxy.mjs [SOURCE_DIR ...]   extract from each HAProxy source tree (its VERSION
//                                                             file names the version), then build every table
//        node scripts/messages/haproxy.mjs --git REPO TAG     extract from a tag of a git repository
//        node scripts/messages/haproxy.mjs --check            build in memory; exit 1 if a committed table differs
// Only node builtins are used.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { callGraphOf, messageCallsOf, rootsOf } from "./haproxy-c-source.mjs";
import { readCurated, outcomeOf, REASONS, REASON_MEANINGS } from "./haproxy-curated.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const OUT_DIR = join(ROOT, "docs", "messages");
const extractPath = (version) => join(HERE, `haproxy-extract-${version}.json`);
const tablePath = (version) => join(OUT_DIR, `haproxy-${version}.tsv`);

// ---------------------------------------------------------------------------------------------
// Stage 1: extract

function sourceFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".c")) out.push(path);
    }
  };
  walk(join(dir, "src"));
  if (existsSync(join(dir, "addons"))) walk(join(dir, "addons"));
  return out;
}

/** Functions `haproxy -c` may run, by file: reachable by direct calls from the configuration reader's entry points. */
const CONFIG_ENTRY_POINTS = [
  "readcfgfile",
  "check_config_validity",
  "proxy_destroy_all_unref_defaults",
  "pattern_finalize_config",
  "netns_init",
  "apply_server_state",
  "srv_init_addr",
];

function reachability(files) {
  const definitions = new Map(); // name -> [file]
  for (const [file, { graph }] of files)
    for (const f of graph) definitions.set(f.name, [...(definitions.get(f.name) ?? []), file]);
  const calleesOf = new Map();
  for (const [file, { graph }] of files) for (const f of graph) calleesOf.set(`${file}:${f.name}`, f.callees);
  const resolve = (file, name) => {
    const where = definitions.get(name) ?? [];
    return where.includes(file) ? [`${file}:${name}`] : where.map((w) => `${w}:${name}`);
  };
  const walk = (starts) => {
    const seen = new Set();
    const queue = [...starts];
    while (queue.length) {
      const key = queue.pop();
      if (seen.has(key)) continue;
      seen.add(key);
      const file = key.slice(0, key.lastIndexOf(":"));
      for (const callee of calleesOf.get(key) ?? []) for (const k of resolve(file, callee)) queue.push(k);
    }
    return seen;
  };
  const configStarts = [];
  const startupStarts = [];
  for (const [file, { roots }] of files) {
    for (const name of roots.config) configStarts.push(...resolve(file, name));
    for (const name of roots.startup) startupStarts.push(...resolve(file, name));
  }
  for (const name of CONFIG_ENTRY_POINTS) configStarts.push(...resolve("", name));
  return { config: walk(configStarts), startup: walk(startupStarts) };
}

function extract(dir) {
  const version = readFileSync(join(dir, "VERSION"), "utf8").trim().split(/\s/)[0];
  const files = new Map();
  for (const path of sourceFiles(dir)) {
    const text = readFileSync(path, "latin1");
    files.set(relative(dir, path), { text, graph: callGraphOf(text), roots: rootsOf(text) });
  }
  const reach = reachability(files);
  const calls = [];
  for (const [file, { text }] of files) {
    for (const c of messageCallsOf(text)) {
      const key = `${file}:${c.function}`;
      const where = reach.config.has(key) ? "config" : reach.startup.has(key) ? "startup" : "runtime";
      calls.push([file, c.function, c.convention, where, c.line, c.call, c.format, c.effect]);
    }
  }
  const body = calls.map((c) => JSON.stringify(c)).join(",\n");
  const text = `{"version":${JSON.stringify(version)},"generatedBy":"scripts/messages/haproxy.mjs","calls":[\n${body}\n]}\n`;
  writeFileSync(extractPath(version), text);
  console.log(`extract ${version}: ${calls.length} calls from ${dir}`);
  return version;
}

/** `git archive` of a tag into a temporary folder (removed afterwards); its VERSION file is written from the tag. */
function extractFromGit(repo, tag) {
  const dir = mkdtempSync(join(tmpdir(), "ha-lint-haproxy-"));
  try {
    const archive = execFileSync("git", ["-C", repo, "archive", "--format=tar", tag, "src", "addons", "VERSION"], {
      maxBuffer: 1 << 30,
    });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
    if (!existsSync(join(dir, "VERSION")) || !/\d/.test(readFileSync(join(dir, "VERSION"), "utf8")))
      writeFileSync(join(dir, "VERSION"), `${tag.replace(/^v/, "")}\n`);
    return extract(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Stage 2: build

/** A printf conversion: flags, width, precision, length, conversion. */
const CONVERSION = /%([-+ #0']*)(\*|\d+)?(?:\.(\*|\d+))?(hh|h|ll|l|L|q|j|z|t)?([diouxXeEfFgGaAcspn%])/g;

/** The format as a regular expression of the message it prints (without the trailing newline). */
export function patternOf(format) {
  const text = format.replace(/\n+$/, "");
  let out = "";
  let last = 0;
  for (const m of text.matchAll(CONVERSION)) {
    out += escapeRegex(text.slice(last, m.index));
    const conv = m[5];
    if (conv === "%") out += "%";
    else if (conv === "s") out += ".*";
    else if ("diu".includes(conv)) out += "-?\\d+";
    else if (conv === "o") out += "[0-7]+";
    else if ("xX".includes(conv)) out += "[0-9a-fA-F]+";
    else if (conv === "c") out += ".";
    else if (conv === "p") out += "\\S+";
    else out += "[-+0-9.eEinfa]+";
    last = m.index + m[0].length;
  }
  out += escapeRegex(text.slice(last));
  // tabs and newlines inside a message are printed as they are; a TSV cell cannot hold them
  return out.replace(/\t/g, "\\t").replace(/\n/g, "\\n");
}

function escapeRegex(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Words of its own a format has, once the "parsing [file:line] :" head and the conversions are taken out. */
function ownWords(format) {
  const text = format.replace(/^\s*parsing\s*\[%s:%d\]\s*:?\s*/i, "").replace(CONVERSION, " ");
  return (text.match(/[A-Za-z]{3,}/g) ?? []).length;
}

const LEVELS = {
  ha_alert: "alert",
  ha_warning: "warning",
  ha_diag_warning: "diag",
  ha_notice: "notice",
  memprintf: "text",
};

/**
 * Whether the message comes with a refusal of the configuration (what makes `haproxy -c` exit 1): error flags
 * ERR_FATAL/ERR_ABORT, an error counted, or the error return of a keyword parser; ERR_WARN or the warning return
 * of a keyword parser is not. An alert with neither is counted fatal (the caller's error path), a message text
 * (memprintf) likewise unless its function returns a warning. The curated mapping corrects the exceptions.
 */
function fatalOf(call, convention, effect) {
  const has = (token) => effect.some((e) => e === token || e.endsWith(`: ${token}`));
  if (call === "ha_notice" || call === "ha_diag_warning") return "not-fatal";
  if (has("ERR_FATAL") || has("ERR_ABORT")) return "fatal";
  if (has("ERR_WARN")) return "not-fatal";
  if (call === "ha_warning") return "not-fatal";
  if (has("count-error")) return "fatal";
  if (call === "memprintf" && convention === "section-keyword" && (has("return 1") || has("set 1"))) return "not-fatal";
  return "fatal";
}

/** How a call that prints no message of its own is left out, before the curated mapping is consulted. */
function automaticReason(call, format) {
  if (format === null) return "fragment";
  if (call === "ha_diag_warning") return "not-config: diag";
  if (ownWords(format) === 0) return call === "memprintf" ? "fragment" : "wrapper";
  return undefined;
}

/** The reason of a message haproxy -c never reaches: start-up, the command line, or run time. */
function defaultReason(file, reach) {
  if (reach === "startup") return "not-config: startup";
  if (/^src\/(haproxy|mworker|mworker-prog)\.c$/.test(file)) return "not-config: command-line";
  return "not-config: runtime";
}

export function buildRows(extractData, curated) {
  const groups = new Map();
  for (const [file, fn, convention, reach, line, call, format, effect] of extractData.calls) {
    const pattern = format === null ? "" : patternOf(format);
    const level = LEVELS[call];
    let fatal = fatalOf(call, convention, effect);
    let outcome = automaticReason(call, format);
    let ruleLine;
    if (!outcome) {
      const found = outcomeOf(curated, { file, function: fn, format: format ?? "", level, reach });
      outcome = found?.outcome ?? (reach === "config" ? "uncovered" : defaultReason(file, reach));
      if (found?.fatal) fatal = found.fatal;
      ruleLine = found?.line;
    }
    const key = [pattern, file, fn, reach, level, fatal, outcome].join("\t");
    const row = groups.get(key);
    if (row) row.lines.push(line);
    else groups.set(key, { pattern, file, function: fn, reach, lines: [line], level, fatal, outcome, ruleLine });
  }
  return [...groups.values()];
}

const HEADER = ["pattern", "file", "function", "reached", "lines", "level", "fatal", "rule_or_reason"];

function tableText(rows) {
  const out = [HEADER.join("\t")];
  for (const r of rows)
    out.push([r.pattern, r.file, r.function, r.reach, r.lines.join(","), r.level, r.fatal, r.outcome].join("\t"));
  return `${out.join("\n")}\n`;
}

/** The figures of a table: rows, fatal, mapped to a rule, left out by reason. */
export function figuresOf(rows) {
  const byReason = {};
  let mapped = 0;
  for (const r of rows) {
    if (/^HP\d{3}/.test(r.outcome)) mapped++;
    else byReason[r.outcome] = (byReason[r.outcome] ?? 0) + 1;
  }
  return { rows: rows.length, fatal: rows.filter((r) => r.fatal === "fatal").length, mapped, byReason };
}

function summaryText(tables) {
  const out = [
    "# HAProxy messages",
    "",
    "Generated by `node scripts/messages/haproxy.mjs` (see its header) with the tables `haproxy-<version>.tsv` of",
    "this folder: every message `ha_alert()`, `ha_warning()`, `ha_diag_warning()`, `ha_notice()` and `memprintf()`",
    "print in the HAProxy sources of that version, one row per format (calls with the same format in one function",
    "are one row, their lines listed). Columns: `pattern` (the format as a regular expression), `file`, `function`,",
    "`reached` (`config`: haproxy -c runs the function while it reads or checks the configuration; `startup`: only",
    "at start-up, after haproxy -c stops; `runtime`: never while checking), `lines`, `level` (`text` is a message",
    "built for a caller to print), `fatal` (whether it comes with a refusal of the configuration, exit 1) and",
    "`rule_or_reason`: the ha-lint rule that reports it, or why it is left out:",
    "",
    ...REASONS.map((r) => `- \`${r}\`: ${REASON_MEANINGS[r]}`),
    "",
    "| version | rows | fatal | reported by a rule | " + REASONS.map((r) => r).join(" | ") + " |",
    "|---|---|---|---|" + REASONS.map(() => "---").join("|") + "|",
  ];
  for (const [version, rows] of tables) {
    const f = figuresOf(rows);
    out.push(
      `| ${version} | ${f.rows} | ${f.fatal} | ${f.mapped} | ${REASONS.map((r) => f.byReason[r] ?? 0).join(" | ")} |`,
    );
  }
  return `${out.join("\n")}\n`;
}

export function cachedVersions() {
  return readdirSync(HERE)
    .map((name) => /^haproxy-extract-(.+)\.json$/.exec(name)?.[1])
    .filter(Boolean)
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

/** Every table and the summary, as text, from the cached extracts. */
export function buildAll() {
  const curated = readCurated();
  const tables = new Map();
  const files = new Map();
  for (const version of cachedVersions()) {
    const data = JSON.parse(readFileSync(extractPath(version), "utf8"));
    const rows = buildRows(data, curated);
    tables.set(version, rows);
    files.set(tablePath(version), tableText(rows));
  }
  files.set(join(OUT_DIR, "haproxy-figures.md"), summaryText(tables));
  return { tables, files, curated };
}

function main(argv) {
  const check = argv.includes("--check");
  const positional = argv.filter((a) => !a.startsWith("--"));
  if (argv[0] === "--git") extractFromGit(argv[1], argv[2]);
  else for (const dir of positional) extract(dir);
  const { files } = buildAll();
  let differs = 0;
  for (const [path, text] of files) {
    if (check) {
      const committed = existsSync(path) ? readFileSync(path, "utf8") : undefined;
      if (committed !== text) {
        console.error(`${relative(ROOT, path)} differs from what the generator makes`);
        differs++;
      }
    } else writeFileSync(path, text);
  }
  if (!check) for (const path of files.keys()) console.log(`wrote ${relative(ROOT, path)}`);
  process.exit(differs > 0 ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
