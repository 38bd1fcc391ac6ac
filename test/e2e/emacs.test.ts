/**
 * The Emacs set-up users copy (editors/emacs/ha-lint.el) in Debian 12's Emacs 28 with its eglot package: major modes
 * from file names, the cluster folder as the project root (the folder the CLI groups the nodes under) and the
 * server's diagnostics.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { repoRoot } from "../support/corpus-parity.js";
import { cliClusterFolder, layoutSamples } from "./cluster-folder.js";

const eglotFound =
  spawnSync("emacs", ["--batch", "-q", "--eval", "(kill-emacs (if (require 'eglot nil t) 0 1))"]).status === 0;
const built = existsSync(join(repoRoot, "dist/lsp/main.js"));
const home = mkdtempSync(join(tmpdir(), "ha-lint-emacs-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function drive(file: string): { status: number | null; output: string; facts: (kind: string) => string[] } {
  const r = spawnSync(
    "emacs",
    [
      "--batch",
      "-q",
      "-l",
      join(repoRoot, "editors/emacs/ha-lint.el"),
      "-l",
      join(repoRoot, "test/e2e/emacs-driver.el"),
    ],
    {
      encoding: "utf8",
      timeout: 60_000,
      env: {
        ...process.env,
        HOME: home,
        HA_LINT_SERVER: join(repoRoot, "bin/ha-lint-language-server.js"),
        HA_LINT_FILE: join(repoRoot, file),
      },
    },
  );
  const lines = r.stdout.split("\n");
  return {
    status: r.status,
    output: `${r.stdout}\n${r.stderr}`,
    facts: (kind) => lines.filter((l) => l.startsWith(`${kind} `)).map((l) => l.slice(kind.length + 1)),
  };
}

for (const file of layoutSamples) {
  test.runIf(eglotFound && built)(`Emacs + eglot: mode, cluster folder and diagnostics for ${file}`, () => {
    const r = drive(file);
    expect(r.facts("MODE"), r.output).toEqual([file.endsWith(".cfg") ? "haproxy-mode" : "keepalived-mode"]);
    expect(r.facts("ROOT"), r.output).toEqual([cliClusterFolder(join(repoRoot, file))]);
    expect(r.status, r.output).toBe(0);
    if (!file.includes("clean-")) expect(r.facts("DIAG").length, r.output).toBeGreaterThan(0);
  });
}

test.runIf(eglotFound && built)("Emacs + eglot: the seed pair's HA001 on lb01, where the CLI reports it", () => {
  const r = drive("fixtures/seed-postgres/lb01/keepalived.conf");
  expect(r.facts("DIAG"), r.output).toContain("HA001 8:4");
});

test("CI has Emacs with eglot for this test", () => {
  if (process.env.CI) expect(eglotFound).toBe(true);
});
