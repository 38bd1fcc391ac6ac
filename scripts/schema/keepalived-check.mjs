#!/usr/bin/env node
// Cross-checks server/src/schema/keepalived.json against the shared corpus and the verdicts of the real
// keepalived 2.2.7 binary (/work/shared/corpus/VERDICTS.tsv):
//  - files judged `ok` / `env-only`: every first word of a line (outside list blocks) must be a 2.2 keyword
//    of the block it is in;
//  - files judged `syntax` with first_error "Unknown keyword 'X'": X (on that line) must NOT be a 2.2
//    keyword of its block.
// Optional: `--binary` also runs tiny configs through `keepalived -t` for spot checks given on the command
// line as BLOCK:KEYWORD[=ARGS] (see --help).
//
//   node scripts/schema/keepalived-check.mjs [--corpus DIR] [--version 2.2]

import { readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const CORPUS = opt("--corpus", "/work/shared/corpus");
const VERSION = opt("--version", "2.2");
const schema = JSON.parse(readFileSync(join(ROOT, "server/src/schema/keepalived.json"), "utf8"));

function kwOf(blockId, word) {
  const b = schema.blocks[blockId];
  if (!b) return null;
  return b.keywords.find((k) => k.name === word && k.versions.includes(VERSION)) || null;
}

/** Split a line into words like keepalived does (comments start with # or !, quotes group words). */
function words(line) {
  const out = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "#" || c === "!") break;
    if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') {
        if (line[j] === "\\") j++;
        j++;
      }
      out.push(line.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === "{" || c === "}") {
      out.push(c);
      i++;
      continue;
    }
    let j = i;
    while (j < line.length && !/[\s{}]/.test(line[j]) && line[j] !== '"') j++;
    // keepalived only splits on braces that stand alone; keep it simple: braces split words
    out.push(line.slice(i, j));
    i = j;
  }
  return out;
}

/**
 * Walk a config the way lib/parser.c does. Returns [{line, word, block, known}] for the first word of each
 * statement outside list blocks, with the block id it was looked up in.
 *  - a known keyword that opens a block enters it (a "{" on the same or the next line is consumed; keepalived
 *    enters the block even when the "{" is missing, with an error);
 *  - an unknown keyword is reported and its "{" ignored: its "}" then closes the enclosing block;
 *  - a list block runs until a line ending with "}".
 */
function scan(text) {
  const res = [];
  const stack = []; // {id, kind}
  let expectBob = false;
  const lines = text.split("\n");
  const cur = () => (stack.length ? stack[stack.length - 1] : { id: "root", kind: "keywords" });
  for (let n = 0; n < lines.length; n++) {
    if (/^\s*\$/.test(lines[n])) {
      // parameter definition, possibly continued with trailing backslashes: not configuration
      while (/\\\s*$/.test(lines[n]) && n + 1 < lines.length) n++;
      continue;
    }
    let ws = words(lines[n]);
    if (!ws.length) continue;
    if (/^@/.test(ws[0])) ws = ws.slice(1); // config-id prefix @id / @^id
    if (!ws.length) continue;
    if (expectBob) {
      expectBob = false;
      if (ws[0] === "{") ws = ws.slice(1);
      if (!ws.length) continue;
    }
    const top = cur();
    if (top.kind === "list") {
      if (ws[ws.length - 1] === "}") stack.pop();
      continue;
    }
    const w = ws[0];
    if (w === "}") {
      stack.pop();
      continue;
    }
    if (w === "{") continue; // unexpected '{' - ignored
    if (w.startsWith("~")) continue; // ~SEQ / ~LST generators
    const k = kwOf(top.id, w);
    res.push({ line: n + 1, word: w, block: top.id, known: !!k });
    if (k && k.block) {
      const kind = schema.blocks[k.block].kind;
      const bob = ws.indexOf("{");
      if (bob < 0) {
        expectBob = true;
        stack.push({ id: k.block, kind });
        continue;
      }
      const rest = ws.slice(bob + 1);
      if (kind === "list") {
        if (rest.length && rest[rest.length - 1] === "}") continue; // one-line list block
        stack.push({ id: k.block, kind });
        continue;
      }
      stack.push({ id: k.block, kind });
      if (rest.length) {
        // "kw { sub args }" on one line is unusual; only handle a closing brace
        if (rest[rest.length - 1] === "}") stack.pop();
      }
    }
  }
  return res;
}

const verdicts = readFileSync(join(CORPUS, "VERDICTS.tsv"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => l.split("\t"));
const head = verdicts.shift();
const col = Object.fromEntries(head.map((h, i) => [h, i]));
let okFiles = 0;
let okLines = 0;
let negFiles = 0;
const misses = [];
const negResults = [];
for (const v of verdicts) {
  const file = v[col.file];
  if (!file.startsWith("keepalived/")) continue;
  const path = join(CORPUS, file);
  if (!existsSync(path)) continue;
  const cls = v[col.class];
  const text = readFileSync(path, "utf8");
  const found = scan(text);
  if (cls === "ok" || cls === "env-only") {
    okFiles++;
    okLines += found.length;
    for (const f of found)
      if (!f.known) misses.push(`${file}:${f.line}: '${f.word}' not a ${VERSION} keyword of block '${f.block}'`);
  } else if (cls === "syntax") {
    const m = v[col.first_error].match(/^\(Line (\d+)\) Unknown keyword '(.*)'$/);
    if (!m) continue;
    negFiles++;
    const line = Number(m[1]);
    const hit = found.find((f) => f.line === line && f.word === m[2]);
    if (!hit) negResults.push(`?? ${file}:${line} '${m[2]}': the scanner found no such first word there`);
    else if (hit.known)
      negResults.push(
        `MISS ${file}:${line} '${m[2]}' is listed as a ${VERSION} keyword of '${hit.block}' but 2.2.7 rejects it`,
      );
    else negResults.push(`ok   ${file}:${line} '${m[2]}' unknown in '${hit.block}' (as 2.2.7 says)`);
  }
}
console.log(`positive: ${okFiles} files (ok/env-only), ${okLines} keyword lines checked, ${misses.length} misses`);
for (const m of misses) console.log("  " + m);
console.log(`negative: ${negFiles} files with "Unknown keyword"`);
for (const r of negResults) console.log("  " + r);
process.exitCode = misses.length || negResults.some((r) => r.startsWith("MISS")) ? 1 : 0;

// ---------------------------------------------------------------------------------------------
// --binary: ask the installed keepalived (2.2.7) about every keyword of every keyword block.
// For each block a config is generated that opens the block (with dummy names) and lists every keyword
// the table claims for VERSION (expected: no "Unknown keyword") and every keyword it claims only for
// newer versions (expected: "Unknown keyword"); a sentinel unknown word at the end proves the parser got
// there. Keywords that open a block get "{ }", others a dummy argument "1".
if (args.includes("--binary")) {
  const { spawnSync } = await import("node:child_process");
  const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "ka-schema-"));
  const NAMES = {
    vrrp_instance: "VI_1",
    virtual_server: "10.0.0.1 80",
    real_server: "10.0.0.2 80",
    vrrp_script: "chk",
    vrrp_sync_group: "G1",
    bfd_instance: "b1",
    track_file: "tf",
    vrrp_track_file: "tf2",
    vrrp_track_process: "tp",
    track_group: "tg",
  };
  const SENTINEL = "zz_not_a_keyword";
  let valid = 0;
  let invalid = 0;
  const problems = [];
  for (const [id, block] of Object.entries(schema.blocks)) {
    if (block.kind !== "keywords") continue;
    const path = id === "root" ? [] : id.split("/");
    const lines = [];
    path.forEach((seg, i) => {
      const nm = NAMES[seg] ?? "";
      // a keyword of the same name below a list-capable parent keeps its own argument
      lines.push(`${"  ".repeat(i)}${seg}${nm && !(seg === "track_file" && i > 0) ? " " + nm : ""} {`);
    });
    const ind = "  ".repeat(path.length);
    const expect = new Map(); // line -> {name, valid}
    for (const k of block.keywords) {
      if (k.name === "include") continue;
      const isValid = k.versions.includes(VERSION);
      // an unknown keyword's "{" is ignored and its "}" would close the enclosing block: no braces then
      const braces = k.block && isValid;
      const opens = braces ? ` ${NAMES[k.name] ?? ""} {`.replace("  {", " {") : " 1";
      lines.push(`${ind}${k.name}${opens}`);
      expect.set(lines.length, { name: k.name, valid: isValid });
      if (braces) lines.push(`${ind}}`);
    }
    lines.push(`${ind}${SENTINEL}`);
    const sentinelLine = lines.length;
    for (let i = path.length - 1; i >= 0; i--) lines.push(`${"  ".repeat(i)}}`);
    const file = join(dir, id.replace(/\//g, "__") + ".conf");
    writeFileSync(file, lines.join("\n") + "\n");
    const r = spawnSync("keepalived", ["-t", "-f", file, "-l", "-D"], { encoding: "utf8", timeout: 30000 });
    const stderr = (r.stderr || "") + (r.stdout || "");
    const unknownAt = new Set();
    for (const m of stderr.matchAll(/Line (\d+)\) Unknown keyword '([^']*)'/g)) unknownAt.add(`${m[1]}\t${m[2]}`);
    if (!unknownAt.has(`${sentinelLine}\t${SENTINEL}`))
      problems.push(`${id}: sentinel not reached - results unreliable (file ${file})`);
    for (const [line, e] of expect) {
      const unk = unknownAt.has(`${line}\t${e.name}`);
      if (e.valid) {
        valid++;
        if (unk) problems.push(`${id}: '${e.name}' claimed valid in ${VERSION}, binary says Unknown keyword`);
      } else {
        invalid++;
        if (!unk) problems.push(`${id}: '${e.name}' claimed NOT in ${VERSION}, binary accepts it`);
      }
    }
  }
  // Explain disagreements: the table's 2.2 is v2.2.8 while the binary is 2.2.7 (when the mirror is here,
  // extract v2.2.7 with the generator's code to tell which keywords 2.2.8 added).
  let v227 = null;
  try {
    const gen = await import("./keepalived.mjs");
    if (existsSync(process.env.KEEPALIVED_REPO || "/work/.mirror/acassen+keepalived/repo"))
      v227 = gen.extractVersion("v2.2.7").blocks;
  } catch (e) {
    console.log(`(could not extract v2.2.7: ${e.message})`);
  }
  for (let i = 0; i < problems.length; i++) {
    const m = problems[i].match(/^(.*?): '(.*?)' claimed valid/);
    if (!m || !v227) continue;
    const has = (v227[m[1]]?.keywords || []).some((k) => k.name === m[2]);
    problems[i] += has
      ? "  [in v2.2.7 sources too: build option missing from this binary?]"
      : "  [added in v2.2.8: not in v2.2.7 sources - expected]";
  }
  console.log(
    `binary: ${valid} keywords claimed valid, ${invalid} claimed invalid for ${VERSION}; ${problems.length} disagreements`,
  );
  for (const p of problems) console.log("  " + p);
  if (!args.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  else console.log(`configs kept in ${dir}`);
}
