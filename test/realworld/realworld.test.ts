/**
 * ha-lint on the real-world set must not get worse than test/realworld/baseline.json: per toolset, no fewer of the
 * real tools' line-numbered content messages caught on their line, no fewer refused files with an error, no more
 * accepted files with an error. The set itself is checked too: every file has a source row and a verdict of every
 * toolset. After an improvement, `npx tsx scripts/realworld/measure.ts --write` raises the baseline.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { measure, readVerdicts, realworldDir, summary, units, VERSION_PAIRS } from "./measure.js";

const baseline = JSON.parse(readFileSync(join(realworldDir, "baseline.json"), "utf8")) as Record<string, number>;

function configFiles(): string[] {
  const sources = readFileSync(join(realworldDir, "SOURCES.tsv"), "utf8").split("\n").slice(1).filter(Boolean);
  return sources.map((row) => row.split("\t")[0]);
}

describe("real-world set", () => {
  it("lists the source of every file, and every file of SOURCES.tsv is there", () => {
    const listed = new Set(configFiles());
    const present = new Set<string>();
    for (const unit of units()) {
      if (unit.kind === "single") present.add(unit.path);
    }
    for (const file of listed) if (!file.startsWith("sets/")) expect(present.has(file), file).toBe(true);
    for (const file of present) expect(listed.has(file), file).toBe(true);
    expect(listed.size).toBeGreaterThanOrEqual(300);
  });

  for (const pair of VERSION_PAIRS) {
    it(`has a verdict of haproxy ${pair.haproxy} and keepalived ${pair.keepalived} for every file`, () => {
      const files = configFiles();
      const haproxy = readVerdicts("haproxy", pair.haproxy);
      const keepalived = readVerdicts("keepalived", pair.keepalived);
      for (const file of files) {
        const tool = file.startsWith("haproxy/") || file.endsWith("/haproxy.cfg") ? haproxy : keepalived;
        expect(tool.has(file), file).toBe(true);
      }
    });

    it(`does not get worse on ${pair.label} (haproxy ${pair.haproxy}, keepalived ${pair.keepalived})`, () => {
      const now = summary(measure(pair));
      for (const [key, value] of Object.entries(now)) {
        const before = baseline[key];
        expect(before, `${key} is in baseline.json`).toBeDefined();
        if (key.endsWith(".files") || key.endsWith(".placedMessages") || key.endsWith(".refused"))
          expect(value, key).toBe(before);
        else if (key.endsWith(".placedCaught") || key.endsWith(".refusedWithError"))
          expect(value, key).toBeGreaterThanOrEqual(before);
        else if (key.endsWith(".falseRejects") || key.endsWith(".acceptedWithClusterError"))
          expect(value, key).toBeLessThanOrEqual(before);
      }
    }, 300_000);
  }
});
