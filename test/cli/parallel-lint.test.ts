/**
 * A lint run of an estate split over worker threads (server/src/cli/parallel-lint.ts) prints what one analysis in one
 * thread prints: the same report in every format, the same notices on stderr, the same exit code. The estate mixes
 * fixture clusters (findings of every kind, split clusters, conf.d trees, scripts) with a refused binary file and a
 * file holding a NUL byte, so that findings, clusters, notices and refusals all have to be put together in order.
 * Needs the bundle (npm run build): the worker threads run bin/ha-lint.js.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { repoRoot } from "../support/corpus-parity.js";

const estate = mkdtempSync(join(tmpdir(), "ha-lint-parallel-"));
afterAll(() => rmSync(estate, { recursive: true, force: true }));

beforeAll(() => {
  // Every fixture folder that is a plain tree of files (a .ha-lint.yaml of its own would not be read from here).
  for (const name of readdirSync(join(repoRoot, "fixtures"))) {
    const from = join(repoRoot, "fixtures", name);
    if (existsSync(join(from, ".ha-lint.yaml"))) continue;
    cpSync(from, join(estate, name), { recursive: true });
  }
  mkdirSync(join(estate, "zz-refused/lb01"), { recursive: true });
  writeFileSync(join(estate, "zz-refused/lb01/haproxy.cfg"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0, 0, 0]));
  mkdirSync(join(estate, "aa-nul/lb01"), { recursive: true });
  writeFileSync(join(estate, "aa-nul/lb01/haproxy.cfg"), "global\n    daemon\u0000 x\ndefaults\n    mode http\n");
});

const bundled = existsSync(join(repoRoot, "dist-bundle/cli.cjs"));

function lint(workers: string, args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [join(repoRoot, "bin/ha-lint.js"), estate, "--debug", ...args], {
    encoding: "utf8",
    cwd: estate,
    timeout: 300_000,
    maxBuffer: 256 << 20,
    env: { ...process.env, HA_LINT_WORKERS: workers },
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

const debugLine = /^ha-lint: debug: analysed in (\d+) worker threads\n/m;

describe.skipIf(!bundled)("lint of an estate in worker threads", () => {
  for (const format of ["json", "text", "sarif", "github"]) {
    test(`the ${format} report, the notices and the exit code are those of one analysis`, { timeout: 600_000 }, () => {
      const one = lint("0", ["-f", format]);
      const three = lint("3", ["-f", format]);
      expect(one.stderr).not.toMatch(debugLine);
      expect(Number(debugLine.exec(three.stderr)?.[1])).toBe(3);
      expect(three.stderr.replace(debugLine, "")).toBe(one.stderr);
      expect(three.stdout).toBe(one.stdout);
      expect(three.status).toBe(one.status);
      // The run is worth comparing: it has findings, the refusal (exit 2) and the NUL notice.
      expect(one.status).toBe(2);
      expect(one.stderr).toMatch(/aa-nul\/lb01\/haproxy\.cfg:2:\d+: NUL byte/);
      expect(one.stderr).toMatch(/zz-refused\/lb01\/haproxy\.cfg: .*it is not checked/);
      expect(one.stdout.length).toBeGreaterThan(10_000);
    });
  }

  test("HA_LINT_WORKERS takes a number", { timeout: 60_000 }, () => {
    const run = lint("many", []);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/HA_LINT_WORKERS takes a number of worker threads, not 'many'/);
  });
});
