/**
 * The Neovim setup users copy (editors/neovim/ha-lint.lua) in real Neovims: Debian 12's 0.7.2 and, when the trixie
 * root has it (scripts/roots/build.sh installs it there), Debian 13's 0.10, run with that root's own loader and
 * libraries. Filetype detection, the cluster folder as root (the same folder the CLI groups the nodes under) and
 * diagnostics; a relative root is accepted by the server.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { rootsDir } from "../support/real-binaries.js";
import { repoRoot } from "../support/corpus-parity.js";
import { cliClusterFolder, layoutSamples } from "./cluster-folder.js";

interface Neovim {
  name: string;
  command: string[];
  env: Record<string, string>;
}

function neovims(): Neovim[] {
  const found: Neovim[] = [];
  if (spawnSync("nvim", ["--version"]).status === 0) found.push({ name: "Debian 12 nvim", command: ["nvim"], env: {} });
  const root = join(rootsDir, "trixie");
  const loader = join(root, "lib64/ld-linux-x86-64.so.2");
  if (existsSync(join(root, "usr/bin/nvim")) && existsSync(loader)) {
    const libraries = [join(root, "usr/lib/x86_64-linux-gnu"), join(root, "lib/x86_64-linux-gnu")].join(":");
    const runtime = join(root, "usr/share/nvim/runtime");
    found.push({
      name: "Debian 13 nvim",
      command: [loader, "--library-path", libraries, join(root, "usr/bin/nvim")],
      env: { VIMRUNTIME: runtime, VIM: join(root, "usr/share/nvim") },
    });
  }
  return found;
}

const server = join(repoRoot, "bin/ha-lint-language-server.js");
const built = existsSync(join(repoRoot, "dist/lsp/main.js"));
const state = mkdtempSync(join(tmpdir(), "ha-lint-nvim-"));
afterAll(() => rmSync(state, { recursive: true, force: true }));

interface DriverRun {
  status: number | null;
  stdout: string;
  facts: (kind: string) => string[];
}

function drive(nvim: Neovim, env: Record<string, string>, cwd = repoRoot): DriverRun {
  const setCommand = `lua vim.g.ha_lint_cmd = { "node", ${JSON.stringify(server)}, "--stdio" }`;
  const args = [
    ...nvim.command.slice(1),
    "--headless",
    "--clean",
    "-n",
    "-c",
    setCommand,
    "-c",
    `luafile ${join(repoRoot, "editors/neovim/ha-lint.lua")}`,
    "-c",
    `luafile ${join(repoRoot, "test/e2e/nvim-driver.lua")}`,
  ];
  const r = spawnSync(nvim.command[0], args, {
    cwd,
    encoding: "utf8",
    timeout: 40_000,
    env: { ...process.env, ...nvim.env, XDG_CACHE_HOME: state, XDG_STATE_HOME: state, XDG_DATA_HOME: state, ...env },
  });
  const lines = r.stdout.split("\n");
  return {
    status: r.status,
    stdout: `${r.stdout}\n${r.stderr}`,
    facts: (kind) => lines.filter((l) => l.startsWith(`${kind} `)).map((l) => l.slice(kind.length + 1)),
  };
}

const names = {
  "haproxy.cfg": "haproxy",
  "web.haproxy.cfg": "haproxy",
  "haproxy-edge.cfg": "haproxy",
  "etc/haproxy/conf.d/10-web.cfg": "haproxy",
  "keepalived.conf": "keepalived",
  "keepalived-lb01.conf": "keepalived",
  "lb01.keepalived.conf": "keepalived",
  "keepalived.conf.lb02": "keepalived",
  "etc/keepalived/conf.d/vip.conf": "keepalived",
};

for (const nvim of neovims()) {
  describe.runIf(built)(nvim.name, () => {
    test("filetype detection for every name ha-lint reads", () => {
      const file = join(repoRoot, "fixtures/seed-postgres/lb01/keepalived.conf");
      const r = drive(nvim, { HA_LINT_FILE: file, HA_LINT_FT_NAMES: Object.keys(names).join(",") });
      expect(r.status, r.stdout).toBe(0);
      const detected = Object.fromEntries(r.facts("FT").map((l) => l.split(" ") as [string, string]));
      expect(detected).toEqual(names);
    });

    for (const file of layoutSamples) {
      test(`root is the cluster folder the CLI uses, and diagnostics arrive: ${file}`, () => {
        const r = drive(nvim, { HA_LINT_FILE: join(repoRoot, file) });
        expect(r.facts("ROOT"), r.stdout).toEqual([cliClusterFolder(join(repoRoot, file))]);
        if (!file.includes("clean-")) expect(r.facts("DIAG").length, r.stdout).toBeGreaterThan(0);
      });
    }

    test("the seed pair's HA001 on lb01, as the CLI reports it", () => {
      const r = drive(nvim, { HA_LINT_FILE: join(repoRoot, "fixtures/seed-postgres/lb01/keepalived.conf") });
      expect(r.status, r.stdout).toBe(0);
      expect(r.facts("DIAG")).toContain("HA001 8:4");
    });

    test("a relative root: the server initialises and analyses that folder", () => {
      const r = drive(nvim, {
        HA_LINT_FILE: "fixtures/seed-postgres/lb01/keepalived.conf",
        HA_LINT_RELATIVE_ROOT: "fixtures/seed-postgres",
      });
      expect(r.status, r.stdout).toBe(0);
      expect(r.facts("DIAG")).toContain("HA001 8:4");
    });
  });
}

test("at least Debian 12's Neovim runs these tests in CI", () => {
  if (process.env.CI) expect(neovims().map((n) => n.name)).toContain("Debian 12 nvim");
});
