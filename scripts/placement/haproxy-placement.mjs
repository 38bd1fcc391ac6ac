#!/usr/bin/env node
// What HAProxy does with each proxy keyword in each kind of proxy section, measured with the real binaries.
//
// For every sample line of haproxy-samples.tsv (one per keyword), `haproxy -c` runs on a small configuration with the
// line in a frontend, a backend, a listen, an anonymous defaults and a named defaults section. The messages it prints
// on that line (and its exit code) are the observations, cached in haproxy-observations.json. From them the script
// writes server/src/schema/proxy-placement.json: per keyword, version and section kind, whether HAProxy refuses the
// line (fatal) or ignores it with a warning, and its message. A keyword whose sample is refused or warned about in
// every kind of section (unknown in that version, deprecated, or an environment problem) says nothing about placement
// and is left out for that version.
//
//   node scripts/placement/haproxy-placement.mjs            # rebuild the table from the cached observations
//   node scripts/placement/haproxy-placement.mjs --probe    # run the binaries again (host haproxy 2.6 and the
//                                                           # Debian roots of scripts/roots/build.sh), then rebuild
//   ... --probe --keys server,bind                          # only those samples, merged into the cache
//
// The binaries come from this machine: `haproxy` on PATH (bookworm's 2.6.12) and, with chroot, the roots in
// $HA_LINT_ROOTS (default ~/.cache/ha-lint/roots: trixie's 3.0.x and sid's 3.2.x).

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "..", "..");
const SAMPLES = join(HERE, "haproxy-samples.tsv");
const OBSERVATIONS = join(HERE, "haproxy-observations.json");
const TABLE = join(REPO, "server", "src", "schema", "proxy-placement.json");
const ROOTS = process.env.HA_LINT_ROOTS ?? join(homedir(), ".cache", "ha-lint", "roots");
const ENV = { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", LANG: "C" };

/** The kinds of section a line is tried in, and the section line that opens each. */
const CONTEXTS = {
  frontend: "frontend t\n    bind 127.0.0.1:18002\n",
  backend: "backend t\n",
  listen: "listen t\n    bind 127.0.0.1:18003\n",
  defaults: "defaults\n",
  "named-defaults": "defaults t\n",
};

/** Sections the samples refer to (a backend to switch to, a stick table, error files, mailers, an FCGI app). */
const PREAMBLE = `global
    log stdout local0
defaults
    mode http
    timeout connect 5s
    timeout client 5s
    timeout server 5s
frontend keep
    bind 127.0.0.1:18000
    default_backend be0
backend be0
    server s0 127.0.0.1:18001
backend st
    stick-table type ip size 1k
http-errors myerrs
    errorfile 503 {DIR}/503.http
mailers m
    mailer m1 127.0.0.1:25
fcgi-app app
    docroot /tmp
`;
const ERROR_FILE = "HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\ndown\n";

function readSamples() {
  return readFileSync(SAMPLES, "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => {
      const [key, line] = l.split("\t");
      return { key, line };
    });
}

function toolsets() {
  const sets = [{ release: "bookworm", root: undefined }];
  for (const release of ["trixie", "sid"]) {
    const root = join(ROOTS, release);
    if (existsSync(join(root, ".ha-lint-root"))) sets.push({ release, root });
  }
  return sets;
}

function run(command, args, env) {
  return new Promise((done) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("close", (status) => {
      clearTimeout(timer);
      done({ status, output });
    });
  });
}

async function haproxyCheck(set, text) {
  const base = set.root ? join(set.root, "tmp") : undefined;
  if (base) mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base ?? "/tmp", "ha-lint-placement-"));
  try {
    const inside = set.root ? dir.slice(set.root.length) : dir;
    writeFileSync(join(dir, "haproxy.cfg"), text.replaceAll("{DIR}", inside));
    writeFileSync(join(dir, "503.http"), ERROR_FILE);
    const args = ["-c", "-f", `${inside}/haproxy.cfg`];
    const r = set.root ? await run("chroot", [set.root, "haproxy", ...args], ENV) : await run("haproxy", args, ENV);
    return { status: r.status, output: r.output.replaceAll(`${inside}/`, "") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The messages haproxy -c printed about one line: [level, text] with the file and line taken out. */
function messagesOn(output, line) {
  const out = [];
  for (const raw of output.split("\n")) {
    const m = /^\[(ALERT|WARNING)\]\s*\(\d+\)\s*:\s*(?:config\s*:\s*)?(.*)$/.exec(raw);
    if (!m) continue;
    // "parsing [haproxy.cfg:N] : text", "[haproxy.cfg:N] : parsing [haproxy.cfg:N] : text", "[haproxy.cfg:N] : text"
    const place = /^(?:\[haproxy\.cfg:(\d+)\]\s*:\s*)?(?:parsing \[haproxy\.cfg:(\d+)\]\s*:?\s*)?/.exec(m[2]);
    const at = Number(place?.[2] ?? place?.[1]);
    if (!place?.[0] || at !== line) continue;
    out.push([m[1].toLowerCase(), m[2].slice(place[0].length).trim()]);
  }
  return out;
}

async function versionOf(set) {
  const r = set.root ? await run("chroot", [set.root, "haproxy", "-v"], ENV) : await run("haproxy", ["-v"], ENV);
  return /HAProxy version (\d+\.\d+\.\d+)/.exec(r.output)?.[1];
}

async function probe(only) {
  const samples = readSamples().filter((s) => !only || only.includes(s.key));
  const observations = only
    ? JSON.parse(readFileSync(OBSERVATIONS, "utf8"))
    : { generatedBy: "scripts/placement/haproxy-placement.mjs --probe", versions: {} };
  for (const set of toolsets()) {
    const version = await versionOf(set);
    if (!version) continue;
    const jobs = [];
    for (const sample of samples)
      for (const [context, head] of Object.entries(CONTEXTS)) jobs.push({ sample, context, head });
    const results = {};
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const { sample, context, head } = jobs[next++];
        const text = `${PREAMBLE}${head}    ${sample.line}\n`;
        const line = text.split("\n").length - 1;
        const r = await haproxyCheck(set, text);
        (results[sample.key] ??= { line: sample.line })[context] = {
          status: r.status,
          messages: messagesOn(r.output, line),
        };
      }
    };
    await Promise.all([worker(), worker()]);
    const merged = { ...(observations.versions[version] ?? {}), ...results };
    observations.versions[version] = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : 1)));
    process.stderr.write(`placement: haproxy ${version}: ${jobs.length} runs\n`);
  }
  writeFileSync(OBSERVATIONS, `${JSON.stringify(observations, null, 1)}\n`);
}

/** ok < warning < fatal. */
function verdictOf(cell) {
  if (cell.messages.some(([level]) => level === "alert") && cell.status === 1) return "fatal";
  if (cell.messages.some(([level]) => level === "alert")) return "alert";
  if (cell.messages.length > 0) return "warning";
  return "ok";
}
const RANK = { ok: 0, warning: 1, alert: 1, fatal: 2 };

/** The message a user sees, with the probe's proxy name replaced by a placeholder. */
function messageText(cell) {
  const message = cell.messages.find(([level]) => level === "alert") ?? cell.messages[0];
  return message[1].replace(/'t'/g, "'<name>'").replace(/\s+$/, "");
}

function buildTable(observations) {
  const keywords = {};
  const measured = {};
  const known = {};
  for (const [full, results] of Object.entries(observations.versions)) {
    const version = full.split(".").slice(0, 2).join(".");
    measured[version] = full;
    for (const [key, result] of Object.entries(results)) {
      const cells = Object.keys(CONTEXTS).map((context) => [context, result[context]]);
      const verdicts = cells.map(([context, cell]) => [context, verdictOf(cell), cell]);
      const best = Math.min(...verdicts.map(([, v]) => RANK[v]));
      // A keyword warned about in every kind of section (deprecated in 3.2: "option accept-invalid-http-response")
      // still says something about placement where the warning is a different one, about the proxy's capability.
      const capability = (cell) => cell.messages.some(([, text]) => / has no (frontend|backend) capability/.test(text));
      const warnedEverywhere = verdicts.every(([, v]) => v === "warning");
      if (best > 0 && !(warnedEverywhere && verdicts.some(([, , cell]) => capability(cell)))) continue; // unknown
      // in this version, deprecated everywhere, or a sample problem
      (known[version] ??= []).push(key);
      const refusals = {};
      for (const [context, verdict, cell] of verdicts) {
        if (RANK[verdict] === 0 || (best > 0 && !capability(cell))) continue;
        refusals[context] = { verdict: verdict === "fatal" ? "fatal" : "warning", message: messageText(cell) };
      }
      if (Object.keys(refusals).length === 0) continue;
      (keywords[key] ??= {})[version] = refusals;
    }
  }
  const sorted = Object.fromEntries(Object.entries(keywords).sort(([a], [b]) => (a < b ? -1 : 1)));
  for (const list of Object.values(known)) list.sort();
  return {
    generatedBy: "scripts/placement/haproxy-placement.mjs",
    description:
      "What haproxy -c does with a proxy keyword in each kind of proxy section, when it does not simply accept it: per keyword, version and section kind (frontend, backend, listen, defaults = anonymous defaults, named-defaults), 'fatal' (refused, exit 1) or 'warning' (ignored with a warning), and HAProxy's message. Measured with the real binaries on one sample line per keyword; keywords not listed for a version are accepted everywhere or were not measured there.",
    measured,
    known,
    keywords: sorted,
  };
}

const only = process.argv.includes("--keys") ? process.argv[process.argv.indexOf("--keys") + 1].split(",") : undefined;
if (process.argv.includes("--probe")) await probe(only);
if (!existsSync(OBSERVATIONS)) {
  process.stderr.write("placement: no observations yet; run with --probe on a machine with the binaries\n");
  process.exit(2);
}
const table = buildTable(JSON.parse(readFileSync(OBSERVATIONS, "utf8")));
writeFileSync(TABLE, `${JSON.stringify(table, null, 1)}\n`);
process.stderr.write(
  `placement: ${Object.keys(table.keywords).length} keywords with a placement verdict -> ${TABLE}\n`,
);
