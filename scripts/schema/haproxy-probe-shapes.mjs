#!/usr/bin/env node
// Measures the argument shapes of HAProxy keywords and rule actions with the real binaries, for the keyword table
// (scripts/schema/haproxy.mjs merges the result into server/src/schema/haproxy.json):
//   - section keywords (global and proxy sections): how many words they take (min, max), and the type of each
//     argument: an integer, a delay, a size, one of a set of words, or any word;
//   - rule actions (http-request, http-response, tcp-request content, ...): how many words an action of a fixed
//     shape consumes before `if`/`unless`.
// Each probe is one keyword line in a section of its own, followed by a sentinel line whose warning proves that
// HAProxy read that far (some errors stop the reading); up to 40 probes share one `haproxy -c` run.
//
// The binaries: bookworm's own haproxy (2.6) and those of the Debian roots of scripts/roots/build.sh (trixie: 3.0,
// sid: 3.2), run with chroot. Versions whose binary is absent keep their cached shapes.
// Output: scripts/schema/haproxy-shapes.json. Usage: node scripts/schema/haproxy-probe-shapes.mjs [--only 2.6]

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CHECKED_ENUMS } from "./haproxy-curated.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const OUT = join(HERE, "haproxy-shapes.json");
const SCHEMA = JSON.parse(readFileSync(join(ROOT, "server/src/schema/haproxy.json"), "utf8"));
const ROOTS = process.env.HA_LINT_ROOTS ?? join(homedir(), ".cache/ha-lint/roots");

/** Table version -> where its binary is. */
const TOOLSETS = {
  2.6: { root: undefined, bin: "/usr/sbin/haproxy" },
  "3.0": { root: join(ROOTS, "trixie"), bin: "/usr/sbin/haproxy" },
  3.2: { root: join(ROOTS, "sid"), bin: "/usr/sbin/haproxy" },
};

function binaryVersion(ts) {
  const cmd = ts.root ? ["chroot", ts.root, ts.bin, "-v"] : [ts.bin, "-v"];
  if (ts.root && !existsSync(join(ts.root, ts.bin))) return undefined;
  if (!ts.root && !existsSync(ts.bin)) return undefined;
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: "utf8" });
  return /HAProxy version (\d+\.\d+\.\d+)/.exec(`${r.stdout}${r.stderr}`)?.[1];
}

/** Runs `haproxy -c` on a configuration text; returns its output. */
function check(ts, text) {
  const base = ts.root ? join(ts.root, "tmp") : undefined;
  if (base) mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base ?? "/tmp", "ha-lint-probe-"));
  try {
    writeFileSync(join(dir, "p.cfg"), text);
    const inside = ts.root ? join(dir.slice(ts.root.length), "p.cfg") : join(dir, "p.cfg");
    const cmd = ts.root ? ["chroot", ts.root, ts.bin, "-c", "-f", inside] : [ts.bin, "-c", "-f", inside];
    const r = spawnSync(cmd[0], cmd.slice(1), {
      encoding: "utf8",
      timeout: 30_000,
      env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", LANG: "C" },
    });
    return `${r.stdout ?? ""}${r.stderr ?? ""}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PRELUDE = "defaults\n    mode http\n    timeout client 1s\n    timeout server 1s\n    timeout connect 1s\n";
const BATCH = 40;

/** Messages by line of the configuration. */
function messagesByLine(output) {
  const out = new Map();
  let previous;
  for (const raw of output.split("\n")) {
    const head = /^\[(ALERT|WARNING|NOTICE)\]\s*\(\d+\)\s*:\s*(.*)$/.exec(raw);
    const listed = !head && previous && /^\s+parsing \[/.test(raw) ? raw.trim() : undefined;
    if (!head && !listed) continue;
    const level = head ? head[1] : previous;
    previous = level;
    const text = head ? head[2].replace(/^config\s*:\s*/, "") : listed;
    const place = /parsing \[[^\]]*?:(\d+)\]/i.exec(text) ?? /^\[[^\]]*?:(\d+)\]/.exec(text);
    if (!place) continue;
    const line = Number(place[1]);
    if (!out.has(line)) out.set(line, []);
    out.get(line).push({ level, text });
  }
  return out;
}

/**
 * Runs probes ({ key, section, line }) and returns key -> { alerts, warnings }. A probe after one that stopped the
 * reading is run again in the next batch.
 */
function runProbes(ts, probes) {
  const results = new Map();
  let queue = [...probes];
  let guard = 0;
  while (queue.length && guard++ < 10_000) {
    const batch = queue.slice(0, BATCH);
    let text = PRELUDE;
    let line = PRELUDE.split("\n").length - 1;
    const placed = [];
    batch.forEach((p, i) => {
      const header = p.section === "global" ? "global" : `${p.section} p${i}`;
      text += `${header}\n    ${p.line}\nbackend s${i}\n    option httplog\n`;
      placed.push({ probe: p, line: line + 2, sentinel: line + 4 });
      line += 4;
    });
    const byLine = messagesByLine(check(ts, text));
    let stopped = batch.length;
    for (let i = 0; i < placed.length; i++) {
      const { probe, line: at, sentinel } = placed[i];
      const msgs = byLine.get(at) ?? [];
      results.set(probe.key, {
        alerts: msgs.filter((m) => m.level === "ALERT").map((m) => m.text),
        warnings: msgs.filter((m) => m.level === "WARNING").map((m) => m.text),
      });
      if (!(byLine.get(sentinel) ?? []).length) {
        if (msgs.length === 0) results.set(probe.key, { alerts: ["(reading stopped)"], warnings: [] });
        stopped = i + 1;
        break;
      }
    }
    queue = [...batch.slice(stopped), ...queue.slice(BATCH)];
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// section keywords

/** Keywords whose arguments other rules read (or that name files of this machine): not probed here. */
const SKIP =
  /^(acl|bind|server|server-template|default-server|http-request|http-response|http-after-response|tcp-request|tcp-response|http-check|tcp-check|use_backend|use-server|redirect|stick|stick-table|filter|log|errorfile|errorfiles|errorloc|errorloc302|errorloc303|http-error|monitor fail|force-persist|ignore-persist|lua-load|lua-load-per-thread|lua-prepend-path|ssl-dh-param-file|ca-base|crt-base|chroot|pidfile|stats socket|h1-case-adjust-file|setenv|presetenv|unsetenv|resetenv|user|group|uid|gid|quiet|daemon|master-worker|default-path|cpu-map|thread-group|51degrees-.*|wurfl-.*|deviceatlas-.*|tune\.quic\..*|ssl-engine|ssl-provider|ssl-provider-path|issuers-chain-path|server-state-base|server-state-file|set-var|set-var-fmt|external-check command|external-check path|namespace_list|declare capture|email-alert .*|dispatch|source|unique-id-format|log-format|log-format-sd|error-log-format|use-fcgi-app|default_backend|description)$/;

const NUMBER_NAMES =
  /number|count|conns|value|\bnb\b|rate|factor|length|len\b|int\b|bytes|max|num|percent|\bid\b|tos|mark|nice|connections|0\.\./i;
const TIME_NAMES = /time|timeout|delay|interval|period|lifetime|idle|grace|expire/i;
const SIZE_NAMES = /size/i;

/** A first guess at valid arguments from the manual's argument shape (`<timeout>`, `{ a | b }`, `[ ... ]`). */
function guessFromShape(shape) {
  if (!shape) return [];
  const out = [];
  const text = shape.replace(/\[[^\]]*\]/g, " ").trim();
  for (const m of text.matchAll(/\{([^}]*)\}|<([^>]*)>|(\S+)/g)) {
    if (m[1] !== undefined) {
      const first = m[1].split("|")[0].trim().replace(/^<|>$/g, "");
      out.push(/^[a-z0-9.-]+$/i.test(first) ? first : "x");
    } else if (m[2] !== undefined) {
      const name = m[2];
      out.push(SIZE_NAMES.test(name) ? "16k" : TIME_NAMES.test(name) ? "10s" : NUMBER_NAMES.test(name) ? "10" : "x");
    } else if (/^[a-z][a-z0-9-]*$/.test(m[3])) out.push(m[3]);
    else return [];
  }
  return out;
}

/** The words of `{ a | b | c }` alternatives in a shape, as candidates of enumerations. */
function alternativesOf(shape) {
  const out = new Set();
  for (const m of (shape ?? "").matchAll(/\{([^}]*)\}/g))
    for (const w of m[1].split("|")) if (/^[a-z0-9.-]+$/i.test(w.trim())) out.add(w.trim());
  for (const m of (shape ?? "").matchAll(/\[([^\]<>{}]*)\]/g))
    for (const w of m[1].split("|")) if (/^[a-z0-9.-]+$/i.test(w.trim())) out.add(w.trim());
  return [...out];
}

/** HAProxy's words for a line with more arguments than the keyword takes (as opposed to a wrong value). */
const TOO_MANY =
  /cannot handle unexpected argument|unexpected extra argument|too many (arguments|args)|does not (expect|take|support) (any )?arg|expects (only|exactly|no) |takes no (argument|value)|only one argument|extra argument/i;
const tooMany = (r) => r !== undefined && r.alerts.some((a) => TOO_MANY.test(a));

const BASELINE_FALLBACKS = [[], ["10"], ["10s"], ["x"], ["16k"], ["10", "10"], ["x", "x"], ["x", "10"]];
const TYPE_PROBES = ["x", "ab", "10", "0", "-1", "1x", "10s", "1ms", "16k", "99999999999", "2147484s"];
const EXTRAS = [1, 2, 3, 4, 5];

const accepted = (r) => r && r.alerts.length === 0;
const clean = (r) => r && r.alerts.length === 0 && r.warnings.length === 0;

function keywordsToProbe(version) {
  const out = [];
  const seen = new Set();
  const add = (section, spec) => {
    if (seen.has(`${section}\t${spec.name}`) || !spec.versions.includes(version)) return;
    if (SKIP.test(spec.name) || /^(no|default) /.test(spec.name) || spec.deprecated) return;
    if (/<[^>]*(file|path|dir)[^>]*>/i.test(spec.args ?? "")) return;
    seen.add(`${section}\t${spec.name}`);
    out.push({ section, spec });
  };
  for (const spec of SCHEMA.keywords.global ?? []) add("global", spec);
  const listen = new Set((SCHEMA.keywords.listen ?? []).map((k) => k.name));
  for (const spec of SCHEMA.keywords.listen ?? []) add("listen", spec);
  for (const side of ["frontend", "backend"])
    for (const spec of SCHEMA.keywords[side] ?? []) if (!listen.has(spec.name)) add(side, spec);
  return out;
}

function probeKeywords(ts, version) {
  const items = keywordsToProbe(version);
  const lineOf = (item, words) => [item.spec.name, ...words].join(" ");
  // 1. a baseline: the first candidate HAProxy reads without complaint
  const candidates = items.map((item) => {
    const list = [CHECKED_ENUMS[item.spec.name]?.baseline ?? [], guessFromShape(item.spec.args), ...BASELINE_FALLBACKS];
    const unique = [];
    for (const c of list) if (!unique.some((u) => u.join(" ") === c.join(" "))) unique.push(c);
    return unique;
  });
  const baseline = new Map();
  for (let round = 0; round < 9; round++) {
    const probes = [];
    items.forEach((item, i) => {
      if (baseline.has(i) || !candidates[i][round]) return;
      probes.push({ key: `${i}`, section: item.section, line: lineOf(item, candidates[i][round]) });
    });
    if (!probes.length) break;
    const results = runProbes(ts, probes);
    for (const p of probes)
      if (clean(results.get(p.key))) baseline.set(Number(p.key), candidates[Number(p.key)][round]);
  }
  // 2. extra words, shorter forms and the type of each argument
  const probes = [];
  for (const [i, words] of baseline) {
    const item = items[i];
    for (const n of EXTRAS) {
      const pad = (w) => Array.from({ length: n }, () => w);
      probes.push({ key: `${i}|extra|x|${n}`, section: item.section, line: lineOf(item, [...words, ...pad("x")]) });
      probes.push({ key: `${i}|extra|10|${n}`, section: item.section, line: lineOf(item, [...words, ...pad("10")]) });
    }
    for (let k = 0; k < words.length; k++)
      probes.push({ key: `${i}|prefix|${k}`, section: item.section, line: lineOf(item, words.slice(0, k)) });
    words.forEach((w, pos) => {
      const curated = CHECKED_ENUMS[item.spec.name]?.positions?.[pos] !== undefined;
      if (!curated && !/^(x|10|10s|16k)$/.test(w) && !alternativesOf(item.spec.args).includes(w)) return; // a literal
      for (const value of TYPE_PROBES) {
        const replaced = words.map((x, j) => (j === pos ? value : x));
        probes.push({ key: `${i}|type|${pos}|${value}`, section: item.section, line: lineOf(item, replaced) });
      }
    });
  }
  const results = runProbes(ts, probes);
  // 3. enumerations: the words the manual or HAProxy's refusal lists, tried one by one
  const enumProbes = [];
  const enumCandidates = new Map();
  for (const [i, words] of baseline) {
    const item = items[i];
    const checked = CHECKED_ENUMS[item.spec.name]?.positions ?? {};
    for (const [position, names] of Object.entries(checked)) {
      const pos = Number(position);
      if (pos > words.length) continue;
      enumCandidates.set(`${i}|${pos}`, names);
      for (const n of names) {
        const replaced = [...words.slice(0, pos), n, ...words.slice(pos + 1)];
        enumProbes.push({ key: `${i}|enum|${pos}|${n}`, section: item.section, line: lineOf(item, replaced) });
        // a value that takes a word after it (`balance hash <expr>`) is a value too
        enumProbes.push({
          key: `${i}|enumx|${pos}|${n}`,
          section: item.section,
          line: lineOf(item, [...replaced, "x"]),
        });
        enumProbes.push({
          key: `${i}|enumextra|${pos}|${n}`,
          section: item.section,
          line: lineOf(item, [...replaced, "zzextra"]),
        });
      }
    }
  }
  const enumResults = runProbes(ts, enumProbes);
  // 4. the shapes
  const shapes = {};
  const enumArg = (i, pos, last) => {
    const ok = (kind, n) => accepted(enumResults.get(`${i}|${kind}|${pos}|${n}`));
    const names = (enumCandidates.get(`${i}|${pos}`) ?? []).filter((n) => ok("enum", n) || ok("enumx", n));
    if (!names.length) return undefined;
    const arg = { type: "enum", values: names.sort() };
    // the values after which HAProxy refuses any further word as one too many
    if (last) arg.closed = names.filter((n) => tooMany(enumResults.get(`${i}|enumextra|${pos}|${n}`))).sort();
    return arg;
  };
  for (const [i, words] of baseline) {
    const item = items[i];
    const r = (k) => results.get(`${i}|${k}`);
    let min = words.length;
    for (let k = words.length - 1; k >= 0 && accepted(r(`prefix|${k}`)); k--) min = k;
    // the first number of extra words refused as one too many (by count, not by value)
    let max = null;
    for (const n of EXTRAS) {
      const x = r(`extra|x|${n}`);
      const ten = r(`extra|10|${n}`);
      if (accepted(x) || accepted(ten)) continue;
      if (tooMany(x) && tooMany(ten)) max = words.length + n - 1;
      break;
    }
    const args = words.map((w, pos) => {
      const t = (v) => accepted(r(`type|${pos}|${v}`));
      if (CHECKED_ENUMS[item.spec.name]?.positions?.[pos] !== undefined && !t("x") && !t("10"))
        return enumArg(i, pos, pos === words.length - 1) ?? { type: "unknown" };
      if (!results.has(`${i}|type|${pos}|x`)) return { literal: w };
      if (t("x")) return { type: "word" };
      if (t("ab")) return { type: "unknown" };
      if (t("10")) {
        if (t("10s") && !t("1x")) return { type: "time", overflowMs: !t("2147484s") };
        if (t("16k") && !t("1x")) return { type: "size" };
        if (t("1x") || t("10s")) return { type: "unknown" };
        return { type: "int", negative: t("-1"), zero: t("0") };
      }
      return enumArg(i, pos, pos === words.length - 1) ?? { type: "unknown" };
    });
    // a set of words HAProxy checks, at positions the baseline leaves empty
    for (const position of Object.keys(CHECKED_ENUMS[item.spec.name]?.positions ?? {})) {
      const pos = Number(position);
      if (pos < args.length) continue;
      const arg = enumArg(i, pos, true);
      if (arg && pos === args.length) args.push({ ...arg, optional: true });
    }
    const hasEnum = args.some((a) => a.type === "enum");
    (shapes[item.section] ??= {})[item.spec.name] = { min, max: hasEnum ? null : max, args };
  }
  return { shapes, probed: items.length, measured: baseline.size };
}

// ---------------------------------------------------------------------------------------------
// bind and server options: whether an option needs its value, and the type of that value

/** Options handled elsewhere or that name files of this machine. */
const SKIP_OPTIONS =
  /^(crt|crt-list|ca-file|ca-verify-file|ca-sign-file|crl-file|source|usesrc|namespace|interface|user|group|uid|gid|track|resolvers|socks4|redir|cookie|sni|check-sni|verifyhost|ssl-min-ver|ssl-max-ver|verify|proto|crt-ignore-err|ca-ignore-err|init-addr|addr|agent-addr)$/;

function probeOptions(ts, version) {
  const kinds = [
    ["server", "backend", (o) => `server s 127.0.0.1:80 ${o}`],
    ["bind", "frontend", (o) => `bind 127.0.0.1:18080 ${o}`],
  ];
  const items = [];
  for (const [kind, section, line] of kinds) {
    const list = kind === "server" ? SCHEMA.serverOptions : SCHEMA.bindOptions;
    for (const spec of list) {
      if (!spec.versions.includes(version) || SKIP_OPTIONS.test(spec.name) || !spec.args) continue;
      if (/^\[/.test(spec.args.trim()) || /file|path|dir/i.test(spec.args)) continue;
      const guess = guessFromShape(spec.args);
      if (guess.length !== 1) continue;
      items.push({ kind, section, line, spec, value: guess[0] });
    }
  }
  const probes = [];
  items.forEach((item, i) => {
    probes.push({ key: `${i}|base`, section: item.section, line: item.line(`${item.spec.name} ${item.value}`) });
    probes.push({ key: `${i}|alone`, section: item.section, line: item.line(item.spec.name) });
    for (const v of TYPE_PROBES)
      probes.push({ key: `${i}|type|${v}`, section: item.section, line: item.line(`${item.spec.name} ${v}`) });
  });
  const results = runProbes(ts, probes);
  const out = { bind: {}, server: {} };
  items.forEach((item, i) => {
    if (!clean(results.get(`${i}|base`))) return;
    const t = (v) => accepted(results.get(`${i}|type|${v}`));
    let value = { type: "unknown" };
    if (t("x")) value = { type: "word" };
    else if (t("ab")) value = { type: "unknown" };
    else if (t("10")) {
      if (t("10s") && !t("1x")) value = { type: "time", overflowMs: !t("2147484s") };
      else if (t("16k") && !t("1x")) value = { type: "size" };
      else if (!t("1x") && !t("10s")) value = { type: "int", negative: t("-1"), zero: t("0") };
    }
    out[item.kind][item.spec.name] = { needsValue: !accepted(results.get(`${i}|alone`)), value };
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// rule actions

const RULE_SETS = [
  ["http-request", "frontend"],
  ["http-response", "frontend"],
  ["http-after-response", "frontend"],
  ["tcp-request content", "frontend"],
  ["tcp-request connection", "frontend"],
  ["tcp-request session", "frontend"],
  ["tcp-response content", "backend"],
];

/** Actions of a fixed shape: their manual shape has no optional part and no parentheses. */
function fixedShape(spec) {
  const args = spec.args ?? "";
  return !/[[\]{}()]|\.\.\./.test(args) && !spec.name.endsWith(".") && !/^(redirect|lua)/.test(spec.name);
}

function probeActions(ts, version) {
  const items = [];
  for (const [set, section] of RULE_SETS)
    for (const spec of SCHEMA.actions?.[set] ?? [])
      if (spec.versions.includes(version) && fixedShape(spec)) items.push({ set, section, spec });
  const line = (item, words) => [item.set, item.spec.name, ...words].join(" ");
  const probes = [];
  items.forEach((item, i) => {
    const guess = guessFromShape(item.spec.args);
    for (const [k, words] of [guess, []].entries())
      probes.push({ key: `${i}|${k}`, section: item.section, line: line(item, [...words, "zz1", "zz2", "zz3"]) });
  });
  const results = runProbes(ts, probes);
  const arity = {};
  items.forEach((item, i) => {
    const consumed = new Set();
    const guess = guessFromShape(item.spec.args);
    for (const [k, words] of [guess, []].entries()) {
      const res = results.get(`${i}|${k}`);
      const found = /expects\s+either 'if' or 'unless' followed by a condition but found '(zz\d)'/.exec(
        (res?.alerts ?? []).join(" "),
      );
      if (found) consumed.add(words.length + Number(found[1].slice(2)) - 1);
    }
    // one consistent count: the action takes exactly that many words
    if (consumed.size === 1) (arity[item.set] ??= {})[item.spec.name] = [...consumed][0];
  });
  return arity;
}

// ---------------------------------------------------------------------------------------------

function main() {
  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
  const previous = existsSync(OUT) ? JSON.parse(readFileSync(OUT, "utf8")) : { versions: {} };
  const out = { generatedBy: "scripts/schema/haproxy-probe-shapes.mjs", versions: { ...previous.versions } };
  for (const [version, ts] of Object.entries(TOOLSETS)) {
    if (only && only !== version) continue;
    const binary = binaryVersion(ts);
    if (!binary) {
      console.log(`${version}: no binary, cached shapes kept`);
      continue;
    }
    const started = Date.now();
    const keywords = probeKeywords(ts, version);
    const actions = probeActions(ts, version);
    const options = probeOptions(ts, version);
    out.versions[version] = { binary, keywords: keywords.shapes, actions, options };
    const n = Object.values(actions).reduce((a, m) => a + Object.keys(m).length, 0);
    console.log(
      `${version} (haproxy ${binary}): ${keywords.measured} of ${keywords.probed} keywords measured, ${n} actions of fixed arity, ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
}

main();
