/**
 * Per-version parity with the real binaries (issue 15): for each binary's verdicts on the shared corpus and on every
 * fixture file (test/versions/verdicts/, made by scripts/versions/tool-verdicts.ts), with the analysis set to that
 * binary's version: no file the binary accepts gets an ha-lint error, and every file it rejects for a configuration
 * reason gets a finding on the line of its first message about the content (an error when it refuses to start).
 * Each binary's suite runs where this machine has the binary (CI builds the Debian roots); it first checks that the
 * committed verdicts are still that binary's, on every fixture file (and that they cover every fixture file).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import {
  corpusAvailable,
  readExclusions,
  readVersionVerdicts,
  repoRoot,
  runParity,
  versionVerdictsDir,
  type ParityRow,
} from "../support/corpus-parity.js";
import { collectFiles } from "../../server/src/cli/collect-files.js";
import { detectLanguage } from "../../server/src/language.js";
import { fixtureSandbox } from "../support/fixture-sandbox.js";
import { fixtureDirs } from "../support/fixture-run.js";
import { checkConfig, toolsetFor } from "../support/real-binaries.js";
import { readToolOutput, type Tool } from "../support/real-tool-messages.js";

/**
 * Per-version gaps not closed yet (test/versions/known-gaps.tsv: binary, file, kind, reason). Each is an open bug or
 * a fact of this machine, named with its reason; a listed gap that no longer shows fails the test (delete its row).
 */
interface KnownGap {
  binary: string;
  file: string;
  kind: "missed" | "false-reject";
  reason: string;
}
function readKnownGaps(): KnownGap[] {
  const path = join(repoRoot, "test/versions/known-gaps.tsv");
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith("#"))
    .map((line) => {
      const [binary, file, kind, reason] = line.split("\t");
      return { binary, file, kind: kind as KnownGap["kind"], reason };
    });
}
const knownGaps = readKnownGaps();

const names = existsSync(versionVerdictsDir)
  ? readdirSync(versionVerdictsDir).filter((n) => /^(haproxy|keepalived)-[\d.]+\.tsv$/.test(n))
  : [];

function describeRow(r: ParityRow): string {
  const ours = r.findings.map((f) => `${f.rule}@${f.range.start.line + 1}`).join(", ") || "nothing";
  const fatal = r.fatal ? " (fatal: needs an error)" : "";
  return `${r.file}: the tool said on line ${r.message?.line ?? "-"}${fatal}: ${r.firstError.slice(0, 120)}; ha-lint: ${ours}`;
}

/** Every disagreement is a listed gap of this binary, and every listed gap still shows. */
function expectOnlyKnownGaps(
  binary: string,
  kind: KnownGap["kind"],
  found: readonly string[],
  checked: ReadonlySet<string>,
): void {
  // Gaps of files this run did not check (the shared corpus absent) are neither confirmed nor stale.
  const gaps = knownGaps.filter((gap) => gap.binary === binary && gap.kind === kind && checked.has(gap.file));
  const fileOf = (line: string): string => line.slice(0, line.indexOf(": "));
  const unlisted = found.filter((line) => !gaps.some((gap) => gap.file === fileOf(line)));
  expect(unlisted, `not in test/versions/known-gaps.tsv`).toEqual([]);
  const stale = gaps.filter((gap) => !found.some((line) => fileOf(line) === gap.file)).map((gap) => gap.file);
  expect(stale, `listed in test/versions/known-gaps.tsv for ${binary} but agreeing now: delete the rows`).toEqual([]);
  for (const gap of gaps)
    expect(gap.reason, `${gap.file}: a reason`).toMatch(/^(ha-lint bug|environment)[^:]*: .{20,}/);
}

/** Every fixture file of each tool, as scripts/versions/tool-verdicts.ts finds them. */
function fixtureFiles(): Record<Tool, string[]> {
  const found: Record<Tool, string[]> = { haproxy: [], keepalived: [] };
  for (const dir of fixtureDirs())
    for (const file of collectFiles([dir])) {
      const language = detectLanguage(file.path, readFileSync(file.path, "utf8"));
      if (language) found[language].push(relative(repoRoot, file.path));
    }
  return found;
}

describe("the committed verdicts cover every fixture file", () => {
  const fixtures = fixtureFiles();
  test.each(names)("%s", (name) => {
    const tool = name.split("-")[0] as Tool;
    const covered = new Set(readVersionVerdicts(name).map((v) => v.file));
    const missing = fixtures[tool].filter((file) => !covered.has(file));
    expect(missing, "run npx tsx scripts/versions/tool-verdicts.ts --fixtures").toEqual([]);
  });
});

for (const name of names) {
  const [tool, version] = name.replace(/\.tsv$/, "").split("-") as [Tool, string];
  const toolset = toolsetFor(tool, version);
  describe.runIf(toolset !== undefined)(`${tool} ${version}`, () => {
    // Collection runs this body even when the suite is skipped: read the verdicts only when it runs.
    const verdicts = toolset ? readVersionVerdicts(name) : [];
    const usable = verdicts.filter((v) => existsSync(v.path!) && (corpusAvailable() || !v.path!.includes("/corpus/")));
    const rows = toolset ? runParity(usable, readExclusions()) : [];

    test("the committed verdicts are this binary's (every fixture file run again)", () => {
      const fixtures = verdicts.filter((v) => v.file.startsWith("fixtures/"));
      expect(fixtures.length).toBeGreaterThan(0);
      for (const v of fixtures) {
        const dir = join(repoRoot, v.file.split("/").slice(0, 2).join("/"));
        const files: Record<string, string> = {};
        const walk = (d: string): void => {
          for (const entry of readdirSync(d, { withFileTypes: true })) {
            const p = join(d, entry.name);
            if (entry.isDirectory()) walk(p);
            else files[relative(dir, p)] = readFileSync(p, "utf8");
          }
        };
        walk(dir);
        const root = relative(dir, join(repoRoot, v.file));
        const sandbox = fixtureSandbox(tool, version, dir, join(repoRoot, v.file), files);
        const run = checkConfig(toolset!, tool, root, files, [], 20_000, sandbox);
        const now = readToolOutput(tool, run.output, run.timedOut ? null : run.status, files[root]);
        // The verdict files keep each distinct message once (scripts/versions/tool-verdicts.ts).
        const seen = new Set<string>();
        const distinct = now.messages.filter((m) => {
          const key = `${m.level} ${m.line} ${m.text}`;
          return !seen.has(key) && seen.add(key) !== undefined;
        });
        const kept = v.messages!.filter((m) => !/more messages left out/.test(m.text));
        expect({ file: v.file, exit: now.exitCode, lines: distinct.slice(0, 40).map((m) => m.line) }).toEqual({
          file: v.file,
          exit: v.exitCode,
          lines: kept.map((m) => m.line),
        });
      }
    }, 300_000);

    test("no file the binary accepts gets an ha-lint error", () => {
      // Files the binary refuses only for reasons of this machine (env-only) are neither accepted nor rejected.
      const falseRejects = rows
        .filter((r) => r.cls === "ok" && !r.agrees)
        .map(
          (r) => `${r.file}: ${r.errors[0]?.rule}@${(r.errors[0]?.range.start.line ?? 0) + 1} ${r.errors[0]?.message}`,
        );
      expectOnlyKnownGaps(`${tool}-${version}`, "false-reject", falseRejects, new Set(rows.map((r) => r.file)));
    });

    test("every configuration rejection is caught on its line (an error when fatal)", () => {
      const missed = rows.filter((r) => r.cls === "syntax" && !r.agrees).map(describeRow);
      expectOnlyKnownGaps(`${tool}-${version}`, "missed", missed, new Set(rows.map((r) => r.file)));
    });
  });
}
