/**
 * Real VS Code (code-server 4.100.3 = VS Code 1.100.3, installed by scripts/e2e/install-code-server.sh) driven by
 * Debian's Chromium through playwright-core: installs the built .vsix, opens the seed PostgreSQL cluster, reads the
 * Problems panel (the rule codes must equal the CLI's for the same files), hovers a keyword, shows the failover where
 * you type and the matrix; then, each in its own test, the rename and references across nodes, and on a copy of the
 * seed nginx pair (test/e2e/vscode-features-workspace.ts) the language features as Monaco draws them and the settings
 * UI with the trace. Screenshots go to docs/images/, a failing test's to /tmp. Skipped when code-server or Chromium is
 * missing.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runAnalysis } from "../../server/src/cli/run-analysis.js";
import { fixture, repoRoot } from "../lsp/harness.js";
import { checkConfig, toolsetFor } from "../support/real-binaries.js";
import { featuresWorkspace, type FeatureLines } from "./vscode-features-workspace.js";
import {
  codesOf,
  filteredProblemRows,
  goTo,
  inspectToken,
  openFile,
  problemRows,
  renderedWord,
  rgbOf,
  runCommand,
  textDecorationsOf,
  withFailureShot,
} from "./vscode-page.js";

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
      await runCommand(page, "View: Toggle Maximized Panel");
      // Wait until every finding has a row (bounded); then read them.
      await page
        .waitForFunction(
          `[...document.querySelectorAll(".markers-panel .monaco-list-row")]` +
            `.filter((r) => /(HA|HP|KA|HL)\\d{3}/.test(r.textContent || "")).length >= ${expected.length}`,
          undefined,
          { timeout: 30_000 },
        )
        .catch(() => undefined);
      const texts = await page.locator(".markers-panel .monaco-list-row").allInnerTexts();
      const codes = texts.flatMap((x) => /\b((?:HA|HP|KA|HL)\d{3})\b/.exec(x)?.[1] ?? []).sort();
      timings.problems = Date.now() - t;
      expect(codes).toEqual(expected);
      expect(codes).toContain("HA001");
      await runCommand(page, "View: Toggle Maximized Panel");
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

  test("1, 3. failover where you type, the matrix view, the status bar, commands and snippets", async () => {
    const browser = await launch("chromium-features");
    const shots = join(repoRoot, "docs/images");
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      page.setDefaultTimeout(60_000);
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
      await runCommand(page, "Go to Line/Column");
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
      await runCommand(page, "ha-lint: Show output");
      await page.locator(".output-view, .panel", { hasText: "analysed:" }).first().waitFor();
      await runCommand(page, "ha-lint: Restart server");
      await page.locator(".monaco-editor .squiggly-error").first().waitFor({ timeout: 180_000 });

      // Snippets registered with Insert Snippet.
      await editor.click();
      await runCommand(page, "Snippets: Insert Snippet");
      await page.locator(".quick-input-widget .monaco-list-row", { hasText: "vrrp_instance" }).first().waitFor();
      await page.keyboard.press("Escape");

      // The settings UI, the trace and the language features have their own tests below.
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

  /** A fresh Chromium on the workbench of `folder`, its explorer shown. */
  const openWorkspace = async (name: string, folder: string) => {
    const context = await launch(name);
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(60_000);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`, { timeout: 120_000 });
    await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ timeout: 120_000 });
    return { context, page };
  };
  const shots = join(repoRoot, "docs/images");

  test("2. across nodes: F2 renames a vrrp_script on both nodes (no HA017), Shift+F12 lists both nodes", async () => {
    const folder = join(root, "rename", "seed-postgres");
    cpSync(fixture("seed-postgres"), folder, { recursive: true });
    const files = ["lb01", "lb02"].map((node) => join(folder, node, "keepalived.conf"));
    const before = runAnalysis([folder], {})
      .result.findings.map((finding) => finding.rule)
      .sort();
    const { context, page } = await openWorkspace("chromium-rename", folder);
    try {
      await withFailureShot(context, "rename", async () => {
        await openFile(page, "lb01/keepalived.conf", "keepalived");
        await page.locator(".monaco-editor .squiggly-error").first().waitFor({ timeout: 180_000 });
        const started = Date.now();
        // `vrrp_script chk_haproxy {` is line 6; the name starts at column 13.
        await goTo(page, 6, 14);
        await page.keyboard.press("Shift+F12");
        const fileRows = page.locator(".reference-zone-widget .ref-tree .reference-file");
        await expect
          .poll(async () => (await fileRows.allInnerTexts()).map((row) => row.replace(/\s+/g, " ").trim()).sort(), {
            timeout: 30_000,
          })
          .toEqual([
            expect.stringMatching(/keepalived\.conf.*lb01.*2/),
            expect.stringMatching(/keepalived\.conf.*lb02.*2/),
          ]);
        await page.screenshot({ path: join(shots, "vscode-references.png") });
        await page.keyboard.press("Escape");

        await goTo(page, 6, 14);
        await page.keyboard.press("F2");
        const input = page.locator(".rename-box input");
        await input.waitFor();
        await input.fill("chk_lb");
        await page.keyboard.press("Enter");
        // The peers' part of the edit needs confirmation: VS Code shows it in the Refactor Preview, unticked.
        const preview = page.locator(".bulk-edit-panel");
        const peer = preview.locator(".monaco-list-row", { hasText: "lb02" }).first();
        await peer.waitFor();
        await page.screenshot({ path: join(shots, "vscode-rename-preview.png") });
        const peerBox = peer.locator("input.edit-checkbox").first();
        expect(await peerBox.isChecked()).toBe(false);
        await peerBox.check();
        await preview.locator(".buttons .monaco-button", { hasText: "Apply" }).first().click();
        await runCommand(page, "File: Save All");
        // Poll for the renamed text itself: while VS Code saves, a file can be read empty for a moment, and an empty
        // file also lacks the old name.
        const renamed = (text: string) =>
          !/chk_haproxy/.test(text) && /vrrp_script chk_lb \{[\s\S]*\n\s+chk_lb\n/.test(text);
        await expect
          .poll(() => files.map((file) => renamed(readFileSync(file, "utf8"))), { timeout: 30_000 })
          .toEqual([true, true]);
        // The server has analysed the renamed pair (HA001 names the script) and finds no drift: the panel, maximised so
        // that it renders every row, shows the findings of before the rename.
        await problemRows(page);
        await runCommand(page, "View: Toggle Maximized Panel");
        await expect
          .poll(
            async () => {
              const rows = await problemRows(page);
              return { renamed: rows.some((row) => /when chk_lb fails on lb01/.test(row)), codes: codesOf(rows) };
            },
            { timeout: 90_000 },
          )
          .toEqual({ renamed: true, codes: before });
        expect(before).not.toContain("HA017");
        await runCommand(page, "View: Toggle Maximized Panel");
        const onDisk = runAnalysis([folder], {})
          .result.findings.map((finding) => finding.rule)
          .sort();
        expect(onDisk).toEqual(before);
        timings.renameAcrossNodes = Date.now() - started;
      });
    } finally {
      await context.close();
    }
  }, 600_000);

  describe("language features in VS Code", () => {
    let context: Awaited<ReturnType<typeof launch>>;
    let page: Page;
    let lines: FeatureLines;
    let folder: string;

    beforeAll(async () => {
      folder = join(root, "features", "seed-nginx");
      lines = featuresWorkspace(folder);
      ({ context, page } = await openWorkspace("chromium-language-features", folder));
      const started = Date.now();
      await openFile(page, "lb01/haproxy.cfg", "haproxy");
      // The first squiggle in view (the errors are further down).
      await page
        .locator(".monaco-editor .squiggly-warning, .monaco-editor .squiggly-error")
        .first()
        .waitFor({ timeout: 180_000 });
      timings.featuresFirstSquiggle = Date.now() - started;
    }, 420_000);
    afterAll(async () => {
      await context?.close();
    });
    const step = (name: string, body: () => Promise<void>) => () => withFailureShot(context, name, body);

    test(
      "4. semantic tokens: keyword, section name, reference, address, and the secret dimmed like a comment",
      step("semantic-tokens", async () => {
        await openFile(page, "lb01/haproxy.cfg", "haproxy");
        const keyword = await inspectToken(page, lines.balanceKeyword, 6);
        const section = await inspectToken(page, lines.backendHeader, 10);
        const reference = await inspectToken(page, lines.defaultBackend, 22);
        const address = await inspectToken(page, lines.serverAddress, 19);
        const comment = await inspectToken(page, lines.comment, 4);
        const secret = await inspectToken(page, lines.statsAuth, 17, join(shots, "vscode-semantic-tokens.png"));
        const inspected = { keyword, section, reference, address, secret, comment };
        const summary = JSON.stringify(inspected, (key, value: unknown) => (key === "text" ? undefined : value));
        expect(keyword.semanticType, summary).toBe("keyword");
        expect(section.semanticType, summary).toBe("namespace");
        expect(section.modifiers, summary).toMatch(/declaration/);
        expect(reference.semanticType, summary).toBe("namespace");
        expect(reference.modifiers ?? "", summary).not.toMatch(/declaration/);
        expect(address.semanticType, summary).toBe("number");
        expect(secret.semanticType, summary).toBe("secret");
        // Dimmed: the secret takes the theme's comment colour; the keyword and the address do not.
        expect(secret.foreground, summary).toBeDefined();
        expect(secret.foreground, summary).toBe(comment.foreground);
        expect(keyword.foreground, summary).not.toBe(comment.foreground);
        expect(address.foreground, summary).not.toBe(comment.foreground);
        // And Monaco draws the word so.
        const drawn = await renderedWord(page, lines.statsAuth, "admin:strong_password_here");
        expect(drawn?.color).toBe(rgbOf(comment.foreground ?? ""));
        const drawnKeyword = await renderedWord(page, lines.statsAuth, "stats");
        expect(drawnKeyword?.color).toBe(rgbOf(keyword.foreground ?? ""));
      }),
      300_000,
    );

    test(
      "4. document links: crt and errorfile paths, and a keepalived script path that opens the node's script",
      step("document-links", async () => {
        await openFile(page, "lb01/haproxy.cfg", "haproxy");
        await goTo(page, lines.crt, 1);
        const link = (text: string) => page.locator(".view-line span.detected-link", { hasText: text }).first();
        await link("/etc/haproxy/site.pem").waitFor();
        await link("/etc/haproxy/errors/503.http").waitFor();
        await link("/etc/haproxy/site.pem").hover();
        await page
          .locator(".monaco-hover:not(.hidden)", { hasText: join(folder, "lb01/site.pem") })
          .first()
          .waitFor();
        await page.screenshot({ path: join(shots, "vscode-document-links.png") });
        await page.keyboard.press("Escape");

        await openFile(page, "lb01/keepalived.conf", "keepalived");
        await goTo(page, lines.script, 1);
        await link("check_haproxy.sh").waitFor();
        // Ctrl+click's keyboard twin, with the cursor inside the link.
        await goTo(page, lines.script, 20);
        await runCommand(page, "Open Link");
        await page.locator(".tabs-container .tab.active", { hasText: "check_haproxy.sh" }).waitFor();
        await runCommand(page, "View: Close Editor");
      }),
      300_000,
    );

    test(
      "4. signature help for a server line, then path completion after crt lists the node's files",
      step("signature-and-paths", async () => {
        await openFile(page, "lb01/haproxy.cfg", "haproxy");
        await goTo(page, lines.lastServer, 200);
        await page.keyboard.press("End");
        await page.keyboard.press("Enter");
        await page.keyboard.type("server web04 ");
        const signature = page.locator(".parameter-hints-widget .signature", { hasText: /^server </ });
        await signature.waitFor();
        expect(await signature.locator(".parameter.active").innerText()).toMatch(/address/);
        await page.screenshot({ path: join(shots, "vscode-signature-help.png") });
        await page.keyboard.press("Escape");
        await page.keyboard.press("Escape");

        await page.keyboard.type("192.168.10.24:443 ssl crt ");
        const suggestions = page.locator(".suggest-widget.visible .monaco-list-row");
        await suggestions.filter({ hasText: "site.pem" }).first().waitFor();
        const offered = await suggestions.allInnerTexts();
        expect(offered.join("\n")).toMatch(/503\.http/);
        expect(offered.join("\n")).toMatch(/check_haproxy\.sh/);
        await page.screenshot({ path: join(shots, "vscode-path-completion.png") });
        await page.keyboard.press("Escape");
        await runCommand(page, "Delete Line");
      }),
      300_000,
    );

    test(
      "4. deprecation: a deprecated completion item and a deprecated keyword are struck through",
      step("deprecation", async () => {
        await openFile(page, "lb01/haproxy.cfg", "haproxy");
        await goTo(page, lines.lastServer, 200);
        await page.keyboard.press("End");
        await page.keyboard.press("Enter");
        await page.keyboard.type("bind-p");
        const item = page.locator(".suggest-widget.visible .monaco-list-row", { hasText: "bind-process" }).first();
        await item.waitFor();
        await item.locator(".monaco-icon-label.deprecated").waitFor();
        const struck = await textDecorationsOf(
          page,
          ".suggest-widget.visible .monaco-icon-label.deprecated .monaco-icon-name-container",
        );
        expect(struck).toEqual([{ text: expect.stringContaining("bind-process"), decoration: "line-through" }]);
        await page.screenshot({ path: join(shots, "vscode-deprecated-completion.png") });
        await page.keyboard.press("Escape");
        await runCommand(page, "Delete Line");

        await openFile(page, "lb01/keepalived.conf", "keepalived");
        await goTo(page, lines.deprecated, 1);
        await expect
          .poll(async () => renderedWord(page, lines.deprecated, "vmac_garp_intvl"), { timeout: 60_000 })
          .toMatchObject({
            className: expect.stringMatching(/squiggly-inline-deprecated/),
            textDecoration: expect.stringMatching(/line-through/),
          });
        await page.screenshot({ path: join(shots, "vscode-deprecated-keyword.png") });
      }),
      300_000,
    );

    test(
      "4. an untaken .if branch is faded (unnecessary), not a problem",
      step("inactive-if", async () => {
        await openFile(page, "lb01/haproxy.cfg", "haproxy");
        await goTo(page, lines.inactive, 1);
        let drawn: Awaited<ReturnType<typeof renderedWord>>;
        await expect
          .poll(
            async () => {
              drawn = await renderedWord(page, lines.inactive, "httplog");
              return /squiggly-inline-unnecessary/.test(drawn?.className ?? "") && Number(drawn?.opacity) < 1;
            },
            { timeout: 60_000 },
          )
          .toBe(true);
        // The active line above it is drawn in full.
        expect(Number((await renderedWord(page, lines.inactive - 2, "default_backend"))?.opacity)).toBe(1);
        await page.screenshot({ path: join(shots, "vscode-inactive-if.png") });
      }),
      300_000,
    );

    test(
      "4. balance sourcexyzzy: an error squiggle whose message agrees with haproxy -c of the target version",
      step("enumerated-value", async () => {
        await openFile(page, "lb01/haproxy.cfg", "haproxy");
        const status = await page
          .locator(".statusbar-item", { hasText: /HAProxy \d+\.\d+/ })
          .first()
          .innerText();
        const target = /HAProxy (\d+\.\d+)/.exec(status)?.[1] ?? "";
        await goTo(page, lines.balanceValue, 14);
        // The word shares its span with the space before it (it has no semantic token).
        const word = page.locator(".view-line span span", { hasText: /^\s*sourcexyzzy$/ }).first();
        await word.hover();
        const hover = page.locator(".monaco-hover:not(.hidden)", { hasText: "HP031" }).first();
        await hover.waitFor();
        const message = await hover.innerText();
        expect(message).toMatch(/'balance' expects one of .*not 'sourcexyzzy'/);
        await page.screenshot({ path: join(shots, "vscode-enumerated-value.png") });
        await page.keyboard.press("Escape");
        const rows = await filteredProblemRows(page, "HP031", 2);
        const at = new RegExp(`HP031[\\s\\S]*Ln ${lines.balanceValue}, Col 13`);
        expect(rows.filter((row) => at.test(row))).toHaveLength(2);

        const tools = toolsetFor("haproxy", target);
        expect(tools, `no haproxy ${target} on this machine`).toBeDefined();
        if (!tools) return;
        const text = readFileSync(join(folder, "lb01/haproxy.cfg"), "utf8");
        const run = checkConfig(tools, "haproxy", "haproxy.cfg", { "haproxy.cfg": text });
        const alert = /\[ALERT\].*parsing \[haproxy\.cfg:(\d+)\] : balance only supports (.*) options/.exec(run.output);
        expect(run.status, run.output).not.toBe(0);
        expect(Number(alert?.[1]), run.output).toBe(lines.balanceValue);
        // Every value HAProxy names is among the values the message offers ('hdr(name)' is written 'hdr(...)').
        const named = [...(alert?.[2] ?? "").matchAll(/'([^']+)'/g)].map((m) => m[1].replace("(name)", "(...)"));
        expect(named.length).toBeGreaterThan(5);
        for (const value of named) expect(message).toContain(`'${value}'`);
      }),
      300_000,
    );

    test(
      "3. the settings appear in the settings UI; ha-lint.trace.server puts the message trace in the output",
      step("settings-and-trace", async () => {
        await runCommand(page, "Preferences: Open Settings (UI)");
        await page.locator(".settings-editor").waitFor();
        await page.keyboard.type("ha-lint");
        const items = page.locator(".settings-editor .setting-item-contents");
        const trace = items.filter({ hasText: "Traces the messages" }).first();
        await trace.waitFor();
        const body = await page.locator(".settings-editor .settings-body").innerText();
        for (const title of ["Haproxy Version", "Keepalived Version", "Rules", "Trace: Server"])
          expect(body, body).toContain(title);
        expect(body).toMatch(/Target HAProxy version/);
        await page.screenshot({ path: join(shots, "vscode-settings.png") });
        // VS Code draws its own drop-down for a <select>; on a loaded machine the first click can land before the
        // settings list has settled and open nothing. Then the element's own change event sets the value.
        const select = trace.locator("select").first();
        await select.scrollIntoViewIfNeeded();
        await select.click();
        const row = page.locator(".select-box-dropdown-list-container .monaco-list-row", { hasText: "messages" });
        const opened = await row
          .first()
          .waitFor({ timeout: 10_000 })
          .then(() => true)
          .catch(() => false);
        if (opened) await row.first().click();
        else await select.selectOption("messages");
        const settingsFile = join(dirs.user, "User/settings.json");
        await expect
          .poll(() => readFileSync(settingsFile, "utf8"), { timeout: 20_000 })
          .toMatch(/"ha-lint\.trace\.server": "messages"/);
        await runCommand(page, "View: Close Editor");

        await openFile(page, "lb01/haproxy.cfg", "haproxy");
        await goTo(page, lines.lastServer, 200);
        await page.keyboard.press("End");
        await page.keyboard.type(" ");
        await page.keyboard.press("Backspace");
        await runCommand(page, "ha-lint: Show output");
        // The view shows the channel's last lines: any traced message will do (the server's own log has none).
        await page
          .locator(".output-view, .panel", { hasText: /\[info\]\sSending\s(request|notification)\s'textDocument\// })
          .first()
          .waitFor({ timeout: 60_000 });
        await page.screenshot({ path: join(shots, "vscode-output-trace.png") });
      }),
      300_000,
    );
  });
});
