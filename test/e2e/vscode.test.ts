/**
 * Real VS Code (code-server 4.100.3 = VS Code 1.100.3, installed by scripts/e2e/install-code-server.sh) driven by
 * Debian's Chromium through playwright-core: installs the built .vsix, opens the seed PostgreSQL cluster, reads the
 * Problems panel (the rule codes must equal the CLI's for the same files), hovers a keyword, saves a screenshot to
 * docs/images/vscode-problems.png. Skipped when code-server or Chromium is missing.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runAnalysis } from "../../server/src/cli/run-analysis.js";
import { fixture, repoRoot } from "../lsp/harness.js";

const codeServerDir = process.env.HA_LINT_CODE_SERVER_DIR ?? join(homedir(), ".cache/ha-lint-e2e/code-server");
const codeServer = join(codeServerDir, "node_modules/.bin/code-server");
const chromiumPath = process.env.HA_LINT_CHROMIUM ?? "/usr/bin/chromium";
const available = existsSync(codeServer) && existsSync(chromiumPath);
const vsix = join(repoRoot, "client/ha-lint.vsix");
const screenshot = join(repoRoot, "docs/images/vscode-problems.png");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (r.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.runIf(available)("VS Code (code-server + Chromium)", () => {
  const timings: Record<string, number> = {};
  let root: string;
  let ws: string;
  let server: ChildProcess | undefined;
  let port: number;
  let env: NodeJS.ProcessEnv;
  let dirs: { user: string; ext: string; config: string };

  beforeAll(async () => {
    let t = Date.now();
    const pack = spawnSync(process.execPath, [join(repoRoot, "scripts/package-vsix.mjs")], {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(pack.status, pack.stderr).toBe(0);
    timings.package = Date.now() - t;
    root = mkdtempSync(join(tmpdir(), "ha-lint-vscode-"));
    ws = join(root, "seed-postgres");
    cpSync(fixture("seed-postgres"), ws, { recursive: true });
    dirs = { user: join(root, "user"), ext: join(root, "extensions"), config: join(root, "config.yaml") };
    mkdirSync(join(dirs.user, "User"), { recursive: true });
    writeFileSync(
      join(dirs.user, "User/settings.json"),
      JSON.stringify({
        "extensions.autoCheckUpdates": false,
        "extensions.autoUpdate": false,
        "update.mode": "none",
        "telemetry.telemetryLevel": "off",
        "chat.disableAIFeatures": true,
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "security.workspace.trust.enabled": false,
        "extensions.ignoreRecommendations": true,
        "window.zoomLevel": 0,
        "editor.hover.delay": 100,
      }),
    );
    writeFileSync(dirs.config, "auth: none\n");
    env = {
      ...process.env,
      XDG_DATA_HOME: join(root, "xdg-data"),
      XDG_CONFIG_HOME: join(root, "xdg-config"),
      EXTENSIONS_GALLERY: '{"serviceUrl":"http://127.0.0.1:9/none"}',
    };
    const common = ["--config", dirs.config, "--user-data-dir", dirs.user, "--extensions-dir", dirs.ext];
    t = Date.now();
    const install = spawnSync(codeServer, [...common, "--install-extension", vsix], {
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(install.status, `${install.stdout}\n${install.stderr}`).toBe(0);
    timings.installExtension = Date.now() - t;
    port = await freePort();
    t = Date.now();
    server = spawn(
      codeServer,
      [
        ...common,
        "--auth",
        "none",
        "--bind-addr",
        `127.0.0.1:${port}`,
        "--disable-telemetry",
        "--disable-update-check",
        "--disable-workspace-trust",
        "--ignore-last-opened",
      ],
      { env, stdio: "ignore", detached: true },
    );
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
    timings.codeServerStart = Date.now() - t;
  }, 180_000);

  afterAll(() => {
    // code-server runs its own children (extension host, our language server): end the group we started.
    if (server?.pid && server.exitCode === null) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    if (root) rmSync(root, { recursive: true, force: true });
    process.stderr.write(`vscode e2e timings (ms): ${JSON.stringify(timings)}\n`);
  });

  /** Debian's Chromium with a fresh profile (playwright takes --user-data-dir as the persistent context's folder). */
  const launch = async (name: string) => {
    const { chromium } = await import("playwright-core");
    return chromium.launchPersistentContext(join(root, name), {
      executablePath: chromiumPath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1500, height: 1000 },
      timeout: 60_000,
    });
  };

  test("the Problems panel shows the CLI's findings; hover works; screenshot saved", async () => {
    let t = Date.now();
    const browser = await launch("chromium");
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      page.setDefaultTimeout(30_000);
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`, { timeout: 120_000 });
      await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "lb01" }).first().click();
      await page
        .locator('.explorer-folders-view .monaco-list-row[aria-level="2"]', { hasText: "keepalived.conf" })
        .first()
        .click();
      await page.locator("#status\\.editor\\.mode", { hasText: "keepalived" }).waitFor();
      timings.openFile = Date.now() - t;

      t = Date.now();
      const cli = runAnalysis([ws], {});
      const expected = cli.result.findings.map((f) => f.rule).sort();
      await page.locator(".monaco-editor .view-lines").first().click();
      await page.keyboard.press("Control+Shift+M");
      const rows = page.locator(".markers-panel .monaco-list-row");
      await rows.first().waitFor();
      // The list renders only the rows it has room for: maximise the panel while reading it.
      const runCommand = async (title: string): Promise<void> => {
        await page.keyboard.press("F1");
        await page.locator(".quick-input-widget input").fill(`>${title}`);
        await page.locator(".quick-input-widget .monaco-list-row", { hasText: title }).first().click();
      };
      await runCommand("View: Toggle Maximized Panel");
      // Wait until every finding has a row (bounded); then read them.
      await page
        .waitForFunction(
          `[...document.querySelectorAll(".markers-panel .monaco-list-row")].filter((r) => /(HA|HP|KA|HL)\\d{3}/.test(r.textContent || "")).length >= ${expected.length}`,
          undefined,
          { timeout: 30_000 },
        )
        .catch(() => undefined);
      const texts = await page.locator(".markers-panel .monaco-list-row").allInnerTexts();
      const codes = texts.flatMap((x) => /\b((?:HA|HP|KA|HL)\d{3})\b/.exec(x)?.[1] ?? []).sort();
      timings.problems = Date.now() - t;
      expect(codes).toEqual(expected);
      expect(codes).toContain("HA001");
      await runCommand("View: Toggle Maximized Panel");
      await page.locator(".monaco-editor .view-lines").first().waitFor();
      mkdirSync(join(repoRoot, "docs/images"), { recursive: true });
      await page.screenshot({ path: screenshot });

      t = Date.now();
      const word = page.locator(".monaco-editor .view-line span span", { hasText: /^priority$/ }).first();
      await word.hover();
      const hover = page.locator(".monaco-hover:not(.hidden)", { hasText: "Priority of this router" }).first();
      await hover.waitFor();
      const hoverText = await hover.innerText();
      expect(hoverText).toContain("priority");
      expect(hoverText).toContain("Effective priorities");
      timings.hover = Date.now() - t;
    } finally {
      await browser.close();
    }
  }, 180_000);

  test("failover where you type, the matrix view, the status bar, commands, snippets and language features", async () => {
    const browser = await launch("chromium-features");
    const shots = join(repoRoot, "docs/images");
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      page.setDefaultTimeout(60_000);
      const runCommand = async (title: string): Promise<void> => {
        await page.keyboard.press("F1");
        await page.locator(".quick-input-widget input").fill(`>${title}`);
        await page.locator(".quick-input-widget .monaco-list-row", { hasText: title }).first().click();
      };
      const started = Date.now();
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`, { timeout: 120_000 });
      await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "lb01" }).first().click();
      await page
        .locator('.explorer-folders-view .monaco-list-row[aria-level="2"]', { hasText: "keepalived.conf" })
        .first()
        .click();
      const editor = page.locator(".monaco-editor .view-lines").first();
      // The server's cold start: bounded generously, as CI runs this beside the rest of the suite on 2 cores.
      await page.locator(".monaco-editor .squiggly-error").first().waitFor({ timeout: 180_000 });
      timings.firstSquiggle = Date.now() - started;

      // 1. Inlay hints after the weight and the priority, and the code lens on the instance.
      const shown = async (text: string): Promise<void> =>
        page
          .locator(".monaco-editor .view-lines", { hasText: text })
          .waitFor()
          .catch(async (error: Error) => {
            throw new Error(`${error.message}\nThe editor shows:\n${await editor.innerText()}`);
          });
      await shown("lb01 102→100 · lb02 92 · no failover");
      await shown("lb01 102 · lb02 92 · VIP on lb01");
      const lens = page.locator(".monaco-editor .codelens-decoration", {
        hasText: /failover: \d+ of \d+ scenarios fail/,
      });
      await lens.first().waitFor();
      await page.screenshot({ path: join(shots, "vscode-inlay-hints.png") });

      // The matrix opens in a read-only view: not a document, never dirty, every column there.
      await lens.locator("a").first().click();
      const tab = page.locator(".tabs-container .tab", { hasText: "Failover matrix" });
      await tab.waitFor();
      expect(await tab.getAttribute("class")).not.toMatch(/\bdirty\b/);
      let matrixText = "";
      await expect
        .poll(
          async () => {
            for (const frame of page.frames())
              matrixText =
                (await frame
                  .locator("body")
                  .innerText()
                  .catch(() => "")) || matrixText;
            return /NO FAILOVER/.test(matrixText) && /lb01:script:chk_haproxy/.test(matrixText);
          },
          { timeout: 20_000 },
        )
        .toBe(true);
      expect(matrixText).toMatch(/VIP holder/);
      // Nothing that matters is cut off: the verdict column ends inside the view.
      const verdictVisible = await Promise.all(
        page.frames().map((frame) =>
          frame
            .evaluate(
              `(() => { const cell = document.querySelector("td.verdict");
                return cell ? cell.getBoundingClientRect().right <= window.innerWidth : undefined; })()`,
            )
            .catch(() => undefined),
        ),
      );
      expect(verdictVisible).toContain(true);
      expect(verdictVisible).not.toContain(false);
      await page.screenshot({ path: join(shots, "vscode-matrix.png") });

      // The view updates when the cluster changes: a weight that moves the VIP.
      await editor.click();
      await page.keyboard.press("Control+Home");
      await runCommand("Go to Line/Column");
      await page.keyboard.type("9");
      await page.keyboard.press("Enter");
      await page.keyboard.press("End");
      await page.keyboard.press("Backspace");
      await page.keyboard.type("-30");
      await expect
        .poll(
          async () => {
            let text = "";
            for (const frame of page.frames())
              text +=
                (await frame
                  .locator("body")
                  .innerText()
                  .catch(() => "")) || "";
            // weight -30: lb01 drops from 100 to 70, below lb02's 92.
            return /lb01:script:chk_haproxy\s+OK\s+lb02\s+70 BACKUP\s+92 MASTER/.test(text);
          },
          { timeout: 20_000 },
        )
        .toBe(true);
      // Back to weight 2: HA001's error returns.
      for (let typed = 0; typed < 3; typed++) await page.keyboard.press("Backspace");
      await page.keyboard.type("2");
      await page.locator(".monaco-editor .squiggly-error").first().waitFor();

      // 3. Status bar: cluster, node, versions.
      const status = page.locator(".statusbar-item", { hasText: "seed-postgres · lb01" });
      await status.waitFor();
      expect(await status.innerText()).toMatch(/HAProxy \d\.\d.* · keepalived \d\.\d/);

      // Commands: the output channel shows the server's log; restart brings the diagnostics back.
      await runCommand("ha-lint: Show output");
      await page.locator(".output-view, .panel", { hasText: "analysed:" }).first().waitFor();
      await runCommand("ha-lint: Restart server");
      await page.locator(".monaco-editor .squiggly-error").first().waitFor({ timeout: 180_000 });

      // Snippets registered with Insert Snippet.
      await editor.click();
      await runCommand("Snippets: Insert Snippet");
      await page.locator(".quick-input-widget .monaco-list-row", { hasText: "vrrp_instance" }).first().waitFor();
      await page.keyboard.press("Escape");

      // Document links and semantic tokens are checked over LSP in test/lsp/editor-hints.test.ts.
      timings.features = Date.now() - started;
    } catch (e) {
      const page = browser.pages()[0];
      const shot = join(root, "..", `ha-lint-vscode-failure-${process.pid}.png`);
      if (page) await page.screenshot({ path: shot }).catch(() => undefined);
      process.stderr.write(`vscode e2e: failure screenshot ${shot}\n`);
      throw e;
    } finally {
      await browser.close();
    }
  }, 600_000);
});
