/**
 * bin/ha-lint.js compiles the CommonJS bundle with a V8 code cache (bin/code-cache.js): the first run writes it, the
 * next runs read it, a damaged one is refused by V8 and written again, and the output is the same in every case;
 * the caches of older builds do not pile up.
 * Needs the bundle (npm run build, or npm run bundle); without it bin/ha-lint.js takes the ES module build.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { repoRoot } from "../support/corpus-parity.js";

const cacheDir = mkdtempSync(join(tmpdir(), "ha-lint-code-cache-"));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

function run(env: Record<string, string>): { stdout: string; status: number | null } {
  const args = [join(repoRoot, "bin/ha-lint.js"), join(repoRoot, "fixtures/seed-postgres"), "-f", "json"];
  const r = spawnSync(process.execPath, args, {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, HA_LINT_CACHE_DIR: cacheDir, ...env },
  });
  return { stdout: r.stdout, status: r.status };
}

const cacheFiles = (): string[] =>
  existsSync(join(cacheDir, "code-cache")) ? readdirSync(join(cacheDir, "code-cache")) : [];

test.skipIf(!existsSync(join(repoRoot, "dist-bundle/cli.cjs")))(
  "the code cache is written once, read after, rewritten when damaged, and changes no output",
  { timeout: 240_000 },
  () => {
    const plain = run({ HA_LINT_NO_CODE_CACHE: "1" });
    expect(cacheFiles()).toEqual([]);
    const first = run({});
    expect(first).toEqual(plain);
    const [file] = cacheFiles();
    expect(file).toMatch(/^cli-\d+-\d+-v[\d.]+\.bin$/);
    const written = readFileSync(join(cacheDir, "code-cache", file));
    expect(run({})).toEqual(plain);
    expect(readFileSync(join(cacheDir, "code-cache", file)).equals(written)).toBe(true);
    writeFileSync(join(cacheDir, "code-cache", file), "not a code cache");
    expect(run({})).toEqual(plain);
    expect(readFileSync(join(cacheDir, "code-cache", file)).length).toBeGreaterThan(1000);
    // Caches of other builds do not pile up: writing one keeps the two newest others (and files that are not caches).
    const stale = ["cli-1-1-v20.0.0.bin", "cli-2-2-v20.0.0.bin", "cli-3-3-v20.0.0.bin", "notes.txt"];
    stale.forEach((name, index) => {
      writeFileSync(join(cacheDir, "code-cache", name), "old");
      const at = new Date(Date.now() - (10 - index) * 60_000);
      utimesSync(join(cacheDir, "code-cache", name), at, at);
    });
    rmSync(join(cacheDir, "code-cache", file));
    expect(run({})).toEqual(plain);
    expect(cacheFiles().sort()).toEqual([file, "cli-2-2-v20.0.0.bin", "cli-3-3-v20.0.0.bin", "notes.txt"].sort());
  },
);
