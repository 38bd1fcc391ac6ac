/**
 * bin/ha-lint.js compiles the CommonJS bundle with a V8 code cache (bin/code-cache.js): the first run writes it, the
 * next runs read it, a damaged one is refused by V8 and written again, and the output is the same in every case.
 * Needs the bundle (npm run build, or npm run bundle); without it bin/ha-lint.js takes the ES module build.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
  },
);
