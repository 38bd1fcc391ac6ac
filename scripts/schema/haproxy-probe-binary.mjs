#!/usr/bin/env node
// Cross-checks server/src/schema/haproxy.json against an installed HAProxy binary of one of the
// table's versions (default: `haproxy` in PATH, expected 2.6.x) by running `haproxy -c` on tiny
// one-keyword configs:
//   - every section keyword listed for that version should not be refused as unknown;
//   - every section keyword listed only for other versions should be refused;
//   - a few explicit spot checks (accepted / refused).
// Refusals of build-dependent keywords (QUIC, 51Degrees, WURFL, DeviceAtlas, engines, memory
// profiling, zlib) are expected with distribution builds and reported separately.
//
// Usage: node scripts/schema/haproxy-probe-binary.mjs [--version 2.6] [--bin haproxy]

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const VERSION = arg("--version", "2.6");
const BIN = arg("--bin", "haproxy");
const schema = JSON.parse(readFileSync(resolve(HERE, "..", "..", "server", "src", "schema", "haproxy.json"), "utf8"));

const D = "defaults\n mode http\n timeout client 1s\n timeout server 1s\n timeout connect 1s\n";
const OPEN = {
  global: "global\n",
  defaults: "defaults def1\n",
  frontend: D + "frontend f\n",
  backend: D + "backend b\n",
  listen: D + "listen l\n",
  peers: "peers p\n",
  userlist: "userlist u\n",
  resolvers: "resolvers r\n",
  mailers: "mailers m\n",
  program: "program p\n",
  "http-errors": "http-errors h\n",
  ring: "ring r\n",
  cache: "cache c\n",
  "fcgi-app": "fcgi-app f\n",
  "log-forward": "log-forward lf\n",
  "crt-store": "crt-store c\n",
  acme: "acme a\n",
  traces: "traces\n",
  "log-profile": "log-profile lp\n",
  healthcheck: "healthcheck h\n",
  namespace_list: "namespace_list\n",
};
const REFUSED =
  /unknown keyword|unknown option|not supported any ?more|doesn't exist anymore|negation\/default is not supported|'stats' only supports|unknown stats parameter|'timeout' supports|out of section/i;
const BUILD_DEPENDENT = /^(51degrees-|wurfl-|deviceatlas-|tune\.quic\.|ssl-engine$|profiling\.memory$|tune\.zlib\.)/;

const dir = mkdtempSync(join(tmpdir(), "haproxy-probe-"));
const cfg = join(dir, "c.cfg");
function refused(text) {
  writeFileSync(cfg, text + "\n");
  const last = text.split("\n").length;
  let out;
  try {
    out = execFileSync(BIN, ["-c", "-f", cfg], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    out = String(e.stdout ?? "") + String(e.stderr ?? "");
  }
  const line = out.split("\n").find((l) => new RegExp(`c\\.cfg:${last}\\b`).test(l) || /out of section/.test(l)) ?? "";
  return REFUSED.test(line) ? line.replace(/^.*?parsing/, "parsing").slice(0, 150) : null;
}

const bad = [];
const buildDep = [];
const sectionRefused = [];
let probes = 0;
for (const [sec, opener] of Object.entries(OPEN)) {
  const inTable = schema.sections[sec]?.versions.includes(VERSION);
  // the section keyword itself
  const r0 = refused(opener.trimEnd());
  probes++;
  if (schema.sections[sec] && !!r0 === !!inTable)
    bad.push(`section ${sec}: table says ${inTable ? "present" : "absent"}, binary ${r0 ? "refuses" : "accepts"} it`);
  if (!inTable) continue;
  for (const k of schema.keywords[sec] ?? []) {
    const listed = k.versions.includes(VERSION);
    const r = refused(opener + " " + k.name);
    probes++;
    if (listed && r)
      (BUILD_DEPENDENT.test(k.name) ? buildDep : bad).push(
        `${sec}: "${k.name}" listed for ${VERSION} but refused :: ${r}`,
      );
    if (!listed && !r)
      bad.push(`${sec}: "${k.name}" not listed for ${VERSION} (only ${k.versions.join(",")}) but accepted`);
  }
}
for (const s of Object.keys(schema.sections))
  if (!schema.sections[s].versions.includes(VERSION)) sectionRefused.push(s);

// explicit spot checks: [config, expected refused?]
const SPOT = [
  [D + "backend b\n option forwarded", true],
  [D + "backend b\n hash-preserve-affinity always", true],
  ["global\n stats-file /tmp/x", true],
  ["crt-store c\n crt-base /tmp", true],
  [D + "backend b\n balance roundrobin", false],
  [D + "frontend f\n timeout client 5s", false],
  ["global\n stats socket /tmp/haproxy-probe.sock mode 600 level admin", false],
  ["global\n h1-case-adjust content-type Content-Type", false],
  [D + "backend b\n no option httpclose", false],
  [D + "backend b\n option httpchk GET /health", false],
  ["userlist u\n user admin insecure-password x", false],
  ["peers p\n peer local 127.0.0.1:10000", false],
  ["resolvers r\n nameserver d 127.0.0.1:53\n timeout retry 1s", false],
];
const spot = SPOT.map(([c, expectRefused]) => {
  const r = refused(c);
  const ok = !!r === expectRefused;
  return `${ok ? "ok  " : "FAIL"} ${expectRefused ? "refused " : "accepted"} :: ${c.split("\n").pop().trim()}${r && !expectRefused ? " :: " + r : ""}`;
});
rmSync(dir, { recursive: true, force: true });

console.log(`probed ${probes} keyword configs against ${BIN} for version ${VERSION}`);
console.log(`sections absent from ${VERSION} in the table: ${sectionRefused.join(", ")}`);
console.log(`spot checks:\n  ${spot.join("\n  ")}`);
console.log(`build-dependent keywords refused by this build (expected): ${buildDep.length}`);
for (const b of buildDep) console.log("  " + b);
console.log(`disagreements: ${bad.length}`);
for (const b of bad) console.log("  " + b);
