/**
 * The pre-commit hook, with Debian's real pre-commit against a temporary git repository: a broken pair fails the
 * hook, the fixed pair passes. pre-commit installs ha-lint from this repository's committed HEAD (as users get it).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { exampleHaproxy, examplePair } from "../../server/src/rules/cluster/example-pair.js";
import { repoRoot } from "../support/corpus-parity.js";

const hasPreCommit = spawnSync("pre-commit", ["--version"], { encoding: "utf8" }).status === 0;
const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: repoRoot, encoding: "utf8" });
const work = mkdtempSync(join(tmpdir(), "ha-lint-pre-commit-"));
// Removing the hook environment pre-commit built takes a while on a loaded machine.
afterAll(() => rmSync(work, { recursive: true, force: true }), 120_000);

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

describe.runIf(hasPreCommit && head.status === 0)("pre-commit hook", () => {
  test("a broken pair fails the hook and the fixed pair passes", { timeout: 600_000 }, () => {
    const repo = join(work, "repo");
    mkdirSync(repo);
    const env = {
      ...process.env,
      PRE_COMMIT_HOME: join(work, "cache"),
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.invalid",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.invalid",
    };
    execFileSync("git", ["init", "-q"], { cwd: repo, env });
    const good: Record<string, string> = {
      ...examplePair(),
      "lb01/haproxy.cfg": exampleHaproxy(),
      "lb02/haproxy.cfg": exampleHaproxy(),
      "lb01/sysctl.conf": "net.ipv4.ip_nonlocal_bind = 1\n",
      "lb02/sysctl.conf": "net.ipv4.ip_nonlocal_bind = 1\n",
    };
    write(repo, {
      ...good,
      "lb02/keepalived.conf": examplePair({}, { vrid: 52 })["lb02/keepalived.conf"],
      ".pre-commit-config.yaml": `repos:\n  - repo: ${repoRoot}\n    rev: ${head.stdout.trim()}\n    hooks:\n      - id: ha-lint\n`,
    });
    execFileSync("git", ["add", "-A"], { cwd: repo, env });
    const broken = spawnSync("pre-commit", ["run", "--all-files"], {
      cwd: repo,
      env,
      encoding: "utf8",
      timeout: 540_000,
    });
    expect(broken.status, broken.stdout + broken.stderr).toBe(1);
    expect(broken.stdout).toContain("HA005");
    write(repo, { "lb02/keepalived.conf": good["lb02/keepalived.conf"] });
    execFileSync("git", ["add", "-A"], { cwd: repo, env });
    const fixed = spawnSync("pre-commit", ["run", "--all-files"], {
      cwd: repo,
      env,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(fixed.status, fixed.stdout + fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/ha-lint \(keepalived \+ HAProxy\)\.+Passed/);
  });
});
