/**
 * What the VS Code e2e tests do with the workbench page (code-server in Chromium): run a command from the palette,
 * open a file by Quick Open, put the cursor at a line and column, read the Problems panel, the token inspector and
 * the style Monaco gives a word. Every wait is a poll with a bound, never a sleep.
 */
import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";

/** Runs a command palette entry by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("F1");
  await page.locator(".quick-input-widget input").fill(`>${title}`);
  await page.locator(".quick-input-widget .monaco-list-row", { hasText: title }).first().click();
}

/** Opens `folder/name` (a path relative to the workspace, as `lb01/haproxy.cfg`) with Quick Open. */
export async function openFile(page: Page, relative: string, language: string): Promise<void> {
  const name = relative.split("/").pop() ?? relative;
  const folder = relative.split("/").slice(0, -1).join("/");
  await page.keyboard.press("F1");
  await page.locator(".quick-input-widget input").fill(relative);
  await page
    .locator(".quick-input-widget .monaco-list-row", { hasText: name })
    .filter({ hasText: folder })
    .first()
    .click();
  await page.locator(".tabs-container .tab.active", { hasText: name }).waitFor();
  await page.locator("#status\\.editor\\.mode", { hasText: language }).waitFor();
}

/** Puts the cursor at a 1-based line and column of the active editor (Go to Line/Column). */
export async function goTo(page: Page, line: number, column = 1): Promise<void> {
  await runCommand(page, "Go to Line/Column");
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press("Enter");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden" });
}

/** The rows of the Problems panel, as the panel renders them (Ctrl+Shift+M toggles it: pressed only when hidden). */
export async function problemRows(page: Page): Promise<string[]> {
  if (!(await page.locator(".markers-panel").first().isVisible())) await page.keyboard.press("Control+Shift+M");
  await page.locator(".markers-panel").first().waitFor();
  return page.locator(".markers-panel .monaco-list-row").allInnerTexts();
}

/** The Problems panel's rows under a filter (the list renders only the rows it has room for); clears it after. */
export async function filteredProblemRows(page: Page, filter: string, minimum: number): Promise<string[]> {
  await problemRows(page);
  const input = page.locator('.panel input[aria-label="Filter Problems"]').first();
  await input.fill(filter);
  const rows = page.locator(".markers-panel .monaco-list-row", { hasText: filter });
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(minimum);
  const texts = await page.locator(".markers-panel .monaco-list-row").allInnerTexts();
  await input.fill("");
  return texts;
}

/** The rule codes the Problems panel shows, sorted. */
export function codesOf(rows: readonly string[]): string[] {
  return rows.flatMap((row) => /\b((?:HA|HP|KA|HL)\d{3})\b/.exec(row)?.[1] ?? []).sort();
}

export interface InspectedToken {
  semanticType?: string;
  modifiers?: string;
  foreground?: string;
  text: string;
}

/** "Developer: Inspect Editor Tokens and Scopes" at a position: the semantic token type and the colour used. */
export async function inspectToken(page: Page, line: number, column: number, shot?: string): Promise<InspectedToken> {
  await goTo(page, line, column);
  await runCommand(page, "Developer: Inspect Editor Tokens and Scopes");
  const widget = page.locator(".token-inspect-widget");
  // The widget fills in its semantic part when the server's tokens arrive.
  await widget.filter({ hasText: /semantic token type|No theme selector|textmate scopes/ }).waitFor();
  const text = await widget.innerText();
  if (shot) await page.screenshot({ path: shot });
  await page.keyboard.press("Escape");
  await widget.waitFor({ state: "hidden" }).catch(() => undefined);
  const field = (name: string): string | undefined => new RegExp(`${name}\\s+([^\\n]+)`).exec(text)?.[1]?.trim();
  return {
    semanticType: field("semantic token type"),
    modifiers: field("modifiers"),
    foreground: /foreground\s+(#[0-9A-Fa-f]{6,8})/.exec(text)?.[1]?.toUpperCase(),
    text,
  };
}

export interface RenderedWord {
  className: string;
  color: string;
  opacity: string;
  textDecoration: string;
}

/**
 * How Monaco renders `word` on a 1-based line of the active editor (the line must be in view, as after `goTo`): the
 * classes of the span that holds it (a span can hold several words) and its computed colour, opacity and text
 * decoration. The line is found by its line number in
 * the margin, which sits at the same height as the line.
 */
export async function renderedWord(page: Page, line: number, word: string): Promise<RenderedWord | undefined> {
  // Runs in the page (the tests' TypeScript has no DOM library): the arguments go in as JSON.
  const inPage = `((lineNumber, wanted) => {
    const editor = document.querySelector(".part.editor .editor-group-container.active .monaco-editor");
    if (!editor) return undefined;
    const numbers = [...editor.querySelectorAll(".margin-view-overlays > div")];
    const number = numbers.find((n) => n.textContent.trim() === String(lineNumber));
    if (!number) return undefined;
    const viewLine = [...editor.querySelectorAll(".view-lines > .view-line")].find(
      (l) => l.style.top === number.style.top,
    );
    if (!viewLine) return undefined;
    const span = [...viewLine.querySelectorAll("span")].find(
      (s) => s.children.length === 0 && s.textContent.trim().split(/\\s+/).includes(wanted),
    );
    if (!span) return undefined;
    const style = getComputedStyle(span);
    return {
      className: span.className,
      color: style.color,
      opacity: style.opacity,
      textDecoration: style.textDecorationLine,
    };
  })(${JSON.stringify(line)}, ${JSON.stringify(word)})`;
  return page.evaluate<RenderedWord | undefined>(inPage);
}

/** The text and computed text decoration of each element matching `selector`. */
export async function textDecorationsOf(page: Page, selector: string): Promise<{ text: string; decoration: string }[]> {
  const inPage = `[...document.querySelectorAll(${JSON.stringify(selector)})].map((element) => ({
    text: element.textContent,
    decoration: getComputedStyle(element).textDecorationLine,
  }))`;
  return page.evaluate<{ text: string; decoration: string }[]>(inPage);
}

/** "#6A9955" -> "rgb(106, 153, 85)", as getComputedStyle writes a colour. */
export function rgbOf(hex: string): string {
  const parts = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${parts.join(", ")})`;
}

/** Runs `body`; on failure saves a screenshot beside the temporary folders and names it. */
export async function withFailureShot(context: BrowserContext, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const page = context.pages()[0];
    const shot = `/tmp/ha-lint-vscode-failure-${name}-${process.pid}.png`;
    if (page) await page.screenshot({ path: shot }).catch(() => undefined);
    process.stderr.write(`vscode e2e: failure screenshot ${shot}\n`);
    throw error;
  }
}
