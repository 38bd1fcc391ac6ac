#!/usr/bin/env node
/**
 * Summarises a V8 CPU profile (node --cpu-prof): self and total time per function, top N.
 * Usage: node scripts/bench/profile-summary.mjs FILE.cpuprofile [N] [--by-file] [--total] (sort by total time)
 */
import { readFileSync } from "node:fs";

const [file, topArg] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const byFile = process.argv.includes("--by-file");
const sortTotal = process.argv.includes("--total");
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, "utf8"));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0;
  selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt);
}
const keyOf = (n) => {
  const f = n.callFrame;
  const url = f.url.replace(/^.*\//, "");
  return byFile ? url || "(native)" : `${f.functionName || "(anon)"} ${url}:${f.lineNumber + 1}`;
};
const self = new Map();
const total = new Map();
let sum = 0;
for (const [id, us] of selfUs) {
  sum += us;
  const n = nodes.get(id);
  self.set(keyOf(n), (self.get(keyOf(n)) ?? 0) + us);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parentOf.get(cur)) {
    const k = keyOf(nodes.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + us);
  }
}
const ms = (us) => (us / 1000).toFixed(1).padStart(8);
const pct = (us) => ((100 * us) / sum).toFixed(1).padStart(5);
process.stdout.write(`total sampled ${ms(sum)} ms\n  self ms     %   total ms  function\n`);
const order = sortTotal ? [...total] : [...self];
for (const [k] of order.sort((a, b) => b[1] - a[1]).slice(0, top)) {
  const us = self.get(k) ?? 0;
  process.stdout.write(`${ms(us)} ${pct(us)} ${ms(total.get(k) ?? 0)}  ${k}\n`);
}
