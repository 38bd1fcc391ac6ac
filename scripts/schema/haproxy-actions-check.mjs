#!/usr/bin/env node
// Checks the `actions` table of server/src/schema/haproxy.json against the shared HAProxy corpus.
//
//  1. Every action word used by a corpus file whose 2.6.12 verdict is "ok" or "env-only" (lines
//     outside untaken ".if" blocks) must be listed for its rule set in the checked version.
//  2. Every "syntax" file whose first error is an unknown-action alert ("'tcp-request session'
//     expects ...", "only supports ...", "unknown ... action") must use an action NOT listed.
//
// Usage: node scripts/schema/haproxy-actions-check.mjs [--version 2.6] [--corpus /work/shared/corpus]
// Exit code 1 on a miss of kind 1 or 2.
//
// ".if" conditions are evaluated as the corpus oracle (haproxy 2.6.12, Debian, OpenSSL 3, threads,
// no QUIC, no VTest environment) would; an unknown condition counts as taken.

import { readFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const VERSION = arg("--version", "2.6");
const CORPUS = arg("--corpus", process.env.HA_CORPUS ?? "/work/shared/corpus");
const DIRS = ["haproxy/upstream-v2.6.0/", "haproxy/upstream/"];

const schema = JSON.parse(readFileSync(resolve(HERE, "..", "..", "server", "src", "schema", "haproxy.json"), "utf8"));
const lists = {};
for (const [set, specs] of Object.entries(schema.actions ?? {}))
  lists[set] = specs.filter((k) => k.versions.includes(VERSION));

/** Whether a written action word is listed for the rule set (exact name, or a prefix-form keyword). */
function known(set, word) {
  const bare = word.replace(/\(.*$/, "");
  for (const k of lists[set] ?? []) {
    if (k.name === bare) return true;
    // prefix-matched keywords: their args show the written form starting with the name
    if (k.args?.startsWith(k.name) && word.startsWith(k.name)) return true;
  }
  return false;
}

function tokenize(line) {
  const out = [];
  let cur = "";
  let q = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === q) q = "";
      else if (c === "\\" && q === '"') cur += line[++i] ?? "";
      else cur += c;
    } else if (c === '"' || c === "'") q = c;
    else if (c === "\\") cur += line[++i] ?? "";
    else if (c === "#") break;
    else if (/\s/.test(c)) {
      if (cur) out.push(cur);
      cur = "";
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/** The rule set and action word of a line, or null. */
function actionOf(words) {
  const [a, b, c] = words;
  if (/^(http-request|http-response|http-after-response|http-check|tcp-check|quic-initial)$/.test(a))
    return b ? { set: a, word: b } : null;
  if (a === "tcp-request" && /^(connection|session|content)$/.test(b)) return c ? { set: `${a} ${b}`, word: c } : null;
  if (a === "tcp-response" && b === "content") return c ? { set: `${a} ${b}`, word: c } : null;
  return null;
}

/** ".if" conditions as 2.6.12 evaluates them in the oracle's environment (null: unknown). */
function evalCond(expr) {
  let e = expr.trim();
  let neg = false;
  while (e.startsWith("!")) {
    neg = !neg;
    e = e.slice(1).trim();
  }
  let v = null;
  let m;
  if ((m = /^feature\(([^)]*)\)$/.exec(e))) v = !/^QUIC/.test(m[1]);
  else if ((m = /^streq\("?\$\w+"?\s*,/.exec(e)))
    v = false; // VTest variables are unset
  else if (/^ssllib_name_startswith\(/.test(e))
    v = false; // OpenSSL, not AWS-LC
  else if ((m = /^openssl_version_(atleast|before)\(([\d.]+)\)$/.exec(e)))
    v = m[1] === "atleast" ? cmpVer("3.0.0", m[2]) >= 0 : cmpVer("3.0.0", m[2]) < 0;
  else if ((m = /^version_(atleast|before)\(([\w.-]+)\)$/.exec(e)))
    v = m[1] === "atleast" ? cmpVer("2.6.12", m[2]) >= 0 : cmpVer("2.6.12", m[2]) < 0;
  return v === null ? null : neg ? !v : v;
}
function cmpVer(a, b) {
  const p = (s) => s.replace(/-.*$/, "").split(".").map(Number);
  const [x, y] = [p(a), p(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return /-dev/.test(b) ? 1 : 0;
}

/** Lines of a file with whether they are taken under the ".if" blocks around them. */
function* lines(text) {
  const stack = []; // { taken, done }
  for (const raw of text.split("\n")) {
    const words = tokenize(raw);
    if (!words.length) continue;
    const first = words[0];
    const rest = raw.trim().slice(first.length);
    if (first === ".if") {
      const v = evalCond(rest);
      stack.push({ taken: v !== false, done: v !== false, unknown: v === null });
      continue;
    }
    if (first === ".elif" && stack.length) {
      const top = stack[stack.length - 1];
      const v = evalCond(rest);
      top.taken = !top.done && v !== false;
      top.done ||= top.taken;
      continue;
    }
    if (first === ".else" && stack.length) {
      const top = stack[stack.length - 1];
      top.taken = !top.done || top.unknown;
      top.done = true;
      continue;
    }
    if (first === ".endif") {
      stack.pop();
      continue;
    }
    if (first.startsWith(".")) continue;
    yield { words, taken: stack.every((s) => s.taken) };
  }
}

const verdicts = readFileSync(join(CORPUS, "VERDICTS.tsv"), "utf8")
  .split("\n")
  .slice(1)
  .filter(Boolean)
  .map((l) => l.split("\t"));
const inDirs = (r) => DIRS.some((d) => r[0].startsWith(d));

// ---- 1. accepted files
const okFiles = verdicts.filter((r) => inDirs(r) && (r[6] === "ok" || r[6] === "env-only")).map((r) => r[0]);
const misses = new Map();
const untakenMisses = new Map();
const used = new Map(); // set -> Set(words)
let n = 0;
for (const f of okFiles) {
  for (const { words, taken } of lines(readFileSync(join(CORPUS, f), "utf8"))) {
    const a = actionOf(words);
    if (!a) continue;
    n++;
    if (taken) (used.get(a.set) ?? used.set(a.set, new Set()).get(a.set)).add(a.word.replace(/\(.*$/, "("));
    if (known(a.set, a.word)) continue;
    const map = taken ? misses : untakenMisses;
    const key = `${a.set}\t${a.word.replace(/\(.*$/, "")}`;
    (map.get(key) ?? map.set(key, new Set()).get(key)).add(f);
  }
}
console.log(`actions check for ${VERSION}: ${okFiles.length} files (verdict ok/env-only), ${n} rule lines`);
for (const [set, words] of [...used].sort()) console.log(`  ${set}: ${words.size} distinct action words used`);
console.log(`misses on taken lines: ${misses.size}`);
for (const [k, fs] of [...misses].sort())
  console.log(`  MISS ${k.replace("\t", ": ")} (${fs.size} files, e.g. ${[...fs][0]})`);
console.log(`misses inside untaken .if blocks (informational): ${untakenMisses.size}`);
for (const [k, fs] of [...untakenMisses].sort()) console.log(`  untaken ${k.replace("\t", ": ")} (${fs.size} files)`);

// ---- 2. files refused for an unknown action
const UNKNOWN_ACTION =
  /'(http-request|http-response|http-after-response|tcp-request (?:connection|session|content)|tcp-response content|quic-initial)' expects|'(?:http|tcp)-check' only supports|unknown .*action/i;
const refused = verdicts.filter(
  (r) => inDirs(r) && r[6] === "syntax" && (UNKNOWN_ACTION.test(r[5] ?? "") || UNKNOWN_ACTION.test(r[7] ?? "")),
);
let bad = 0;
console.log(`syntax files refused for an unknown action: ${refused.length}`);
for (const r of refused) {
  const line = Number(/:(\d+)\]/.exec(r[5])?.[1] ?? 0);
  const text = readFileSync(join(CORPUS, r[0]), "utf8").split("\n");
  const a = line ? actionOf(tokenize(text[line - 1] ?? "")) : null;
  const unlisted = a && !known(a.set, a.word);
  if (!unlisted) bad++;
  console.log(
    `  ${unlisted ? "ok  " : "BAD "} ${r[0]}:${line}: ${a ? `${a.set} ${a.word}` : "(no action on that line)"} ${unlisted ? "is not listed" : "is listed"}`,
  );
}
process.exit(misses.size || bad ? 1 : 0);
