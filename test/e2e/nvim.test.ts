/** A real Neovim (Debian's 0.7) attaches ha-lint-language-server to a seed fixture file and reads the diagnostics. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { fixture, repoRoot } from "../lsp/harness.js";

const hasNvim = spawnSync("nvim", ["--version"], { encoding: "utf8" }).status === 0;
const server = join(repoRoot, "bin/ha-lint-language-server.js");
const built = existsSync(join(repoRoot, "dist/lsp/main.js"));

test.runIf(hasNvim && built)(
  "Neovim shows HA001 on fixtures/seed-postgres/lb01/keepalived.conf and hovers priorities",
  () => {
    const cache = mkdtempSync(join(tmpdir(), "ha-lint-nvim-"));
    const started = Date.now();
    try {
      const seed = fixture("seed-postgres");
      const r = spawnSync(
        "nvim",
        [
          "--headless",
          "--clean",
          "-n",
          "-c",
          `luafile ${join(repoRoot, "test/e2e/nvim-lsp.lua")}`,
          join(seed, "lb01/keepalived.conf"),
        ],
        {
          encoding: "utf8",
          timeout: 30_000,
          env: {
            ...process.env,
            XDG_CACHE_HOME: cache,
            XDG_STATE_HOME: cache,
            XDG_DATA_HOME: cache,
            HA_LINT_SERVER: server,
            HA_LINT_ROOT: seed,
          },
        },
      );
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
      const codes = r.stdout
        .split("\n")
        .filter((l) => l.startsWith("DIAG "))
        .map((l) => l.split(" ")[1]);
      expect(codes).toContain("HA001");
      expect(r.stdout).toContain("DIAG HA001 8:4 1 failover does not happen");
      expect(r.stdout).toContain("HOVER priorities");
      process.stderr.write(`neovim e2e: ${Date.now() - started} ms\n`);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  },
);
