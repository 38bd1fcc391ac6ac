#!/usr/bin/env node
// Checks server/src/schema/haproxy.json against the shared HAProxy corpus: every line keyword used
// by a corpus file whose verdict is "ok" or "env-only" must be listed for the file's version.
//
// Usage: node scripts/schema/haproxy-corpus-check.mjs [--version 2.6] [--corpus /work/shared/corpus]
// Exit code 1 when an unguarded keyword is missing. Misses inside ".if" blocks are reported apart.

import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
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
const inVersion = (k) => k.versions.includes(VERSION);
const sections = new Set(Object.keys(schema.sections).filter((s) => schema.sections[s].versions.includes(VERSION)));
const kw = {};
for (const [s, list] of Object.entries(schema.keywords)) kw[s] = new Set(list.filter(inVersion).map((k) => k.name));
const bindOpts = new Set(schema.bindOptions.filter(inVersion).map((k) => k.name));
const serverOpts = new Set(schema.serverOptions.filter(inVersion).map((k) => k.name));

function tokenize(line) {
  // enough for first words: split on blanks outside quotes, drop comments
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

/** Longest keyword of the section matching the first words ("timeout client", "no option x"). */
function lookup(section, words) {
  const set = kw[section] ?? new Set();
  const w = words.map((x, i) => (i < 4 ? x.replace(/\(.*$/, "") : x));
  for (let n = Math.min(4, w.length); n >= 1; n--) {
    const cand = w.slice(0, n).join(" ");
    if (set.has(cand)) return cand;
    if (w[0] === "default" && n > 1 && set.has(w.slice(1, n).join(" "))) return cand;
  }
  return null;
}

const verdicts = readFileSync(join(CORPUS, "VERDICTS.tsv"), "utf8")
  .split("\n")
  .slice(1)
  .filter(Boolean)
  .map((l) => l.split("\t"));
const files = verdicts
  .filter((r) => DIRS.some((d) => r[0].startsWith(d)) && (r[6] === "ok" || r[6] === "env-only"))
  .map((r) => r[0]);
// keywords the 2.6.12 run itself refused as unknown (files classed env-only for another reason)
const refusedByBinary = new Set();
for (const r of verdicts) {
  const m = /unknown keyword '([^']+)'/.exec(r[5] ?? "");
  if (m && files.includes(r[0])) refusedByBinary.add(m[1]);
}
const PROXIES = ["defaults", "frontend", "listen", "backend"];
const placement = new Map();

const misses = new Map(); // "section\tkeyword" -> {files:Set, guarded:boolean}
const optMisses = new Map();
let lines = 0;
for (const f of files) {
  const text = readFileSync(join(CORPUS, f), "utf8");
  let section = null;
  const cond = []; // stack of guarded flags
  for (const raw of text.split("\n")) {
    const words = tokenize(raw);
    if (!words.length) continue;
    const first = words[0];
    if (first.startsWith(".")) {
      if (first === ".if") cond.push(true);
      else if (first === ".endif") cond.pop();
      continue;
    }
    lines++;
    if (sections.has(first) && !(section && kw[section]?.has(first) && first !== "defaults")) {
      // "peers"/"userlist" etc. inside a proxy would be a keyword; at top level they open a section
      if (!(section && lookup(section, words))) {
        section = first;
        continue;
      }
    }
    if (!section) continue;
    const guarded = cond.length > 0;
    const hit = lookup(section, words);
    if (!hit && refusedByBinary.has(first)) {
      const key = `${section}\t${first}`;
      const m = placement.get(key) ?? {
        files: new Set(),
        guarded: true,
        why: "refused by 2.6.12 itself (unknown keyword in the verdict)",
      };
      m.files.add(f);
      placement.set(key, m);
      continue;
    }
    if (!hit && PROXIES.includes(section)) {
      const other = PROXIES.find((p) => p !== section && lookup(p, words));
      if (other) {
        const key = `${section}\t${lookup(other, words)}`;
        const m = placement.get(key) ?? {
          files: new Set(),
          guarded: true,
          why: `listed for ${PROXIES.filter((p) => lookup(p, words)).join("/")} only (4.1 matrix); HAProxy accepts it here with at most a warning`,
        };
        m.files.add(f);
        placement.set(key, m);
        continue;
      }
    }
    if (!hit) {
      const key = `${section}\t${words.slice(0, 2).join(" ")}`;
      const m = misses.get(key) ?? { files: new Set(), guarded: true };
      m.files.add(f);
      m.guarded &&= guarded;
      misses.set(key, m);
      continue;
    }
    // bind/server options (best effort): words after the address that look like option names
    const opts = hit === "bind" ? bindOpts : hit === "server" || hit === "default-server" ? serverOpts : null;
    if (opts && (section !== "peers" || hit !== "server" || true)) {
      const start = hit === "default-server" ? 1 : hit === "server" ? 3 : 2;
      for (let i = start; i < words.length; i++) {
        const o = words[i];
        if (opts.has(o)) {
          continue;
        }
        // skip values: the word after an option that takes an argument is unknown to us, so only
        // flag words that look like options and follow a known option-without-value or start the list
        if (i === start && /^[a-z][a-z0-9-]*$/.test(o) && !opts.has(o)) {
          const key = `${hit}\t${o}`;
          const m = optMisses.get(key) ?? { files: new Set(), guarded: true };
          m.files.add(f);
          m.guarded &&= guarded;
          optMisses.set(key, m);
        }
      }
    }
  }
}

const report = (title, map) => {
  const hard = [...map].filter(([, m]) => !m.guarded);
  const soft = [...map].filter(([, m]) => m.guarded);
  console.log(`${title}: ${hard.length} unguarded, ${soft.length} only inside .if blocks`);
  for (const [k, m] of hard.sort())
    console.log(`  MISS ${k.replace("\t", ": ")}  (${m.files.size} files, e.g. ${[...m.files][0]})`);
  for (const [k, m] of soft.sort()) console.log(`  guarded ${k.replace("\t", ": ")}  (${m.files.size} files)`);
  return hard.length;
};
console.log(`corpus check for ${VERSION}: ${files.length} files (verdict ok/env-only), ${lines} lines`);
const n = report("section keywords", misses);
console.log(`not counted as misses: ${placement.size}`);
for (const [k, m] of [...placement].sort()) console.log(`  ${k.replace("\t", ": ")}: ${m.why} (${m.files.size} files)`);
report("bind/server first options (informational)", optMisses);
process.exit(n ? 1 : 0);
