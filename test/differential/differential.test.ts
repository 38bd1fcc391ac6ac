/**
 * The bounded differential sample of CI: 40 variants per tool (seed 14), each through the real binary of every
 * release this machine has and through ha-lint set to that version; any disagreement not documented in
 * test/differential/exceptions.tsv fails, printed with its smallest instance. `npm run differential -- --long` runs
 * thousands and writes test/differential/REPORT.md.
 */
import { describe, expect, test } from "vitest";
import { baseConfigs } from "./bases.js";
import { exceptionFor, readExceptions, REASON } from "./exceptions.js";
import { makeVariant, makeVariants } from "./generate.js";
import { classReports, smallestInstance } from "./report.js";
import { runDifferential } from "./run-differential.js";
import { checkConfigBatch, toolsets } from "../support/real-binaries.js";
import { compareRun } from "./verdicts.js";

const SEED = 14;
const PER_TOOL = 40;
const runnable = toolsets().length > 0 && process.getuid?.() === 0;

describe("differential harness", () => {
  test("every exception has a reason that says how it is known, and its patterns compile", () => {
    for (const e of readExceptions()) expect(e.reason, `exceptions.tsv line ${e.line}`).toMatch(REASON);
  });

  test("variants are made again from the run seed and their index", () => {
    for (const tool of ["keepalived", "haproxy"] as const) {
      const bases = baseConfigs(tool);
      const first = makeVariants(tool, SEED, 30, bases);
      expect(makeVariants(tool, SEED, 30, bases)).toEqual(first);
      expect(makeVariant(tool, SEED, 17, bases)).toEqual(first[17]);
      expect(new Set(first.map((v) => v.text)).size).toBeGreaterThan(25);
    }
  });

  test("the generators make a variant of every base, with the corpus too, without failing", () => {
    for (const tool of ["keepalived", "haproxy"] as const) {
      const bases = baseConfigs(tool, { corpus: true });
      const variants = makeVariants(tool, SEED + 1, 1000, bases);
      expect(variants.filter((v) => v.category !== "base").length).toBeGreaterThan(900);
    }
  });

  test("a binary's message ha-lint does not report is a disagreement on its line", () => {
    const text = "global\n    daemon\nfrontend fe\n    bind :80\n";
    const run = {
      status: 1,
      timedOut: false,
      output: "[ALERT]    (1) : config : parsing [haproxy.cfg:2] : made up.\n",
    };
    const comparison = compareRun({ tool: "haproxy", version: "2.6.12" }, text, {}, run);
    expect(comparison.disagreements.map((d) => [d.kind, d.line, d.cls])).toEqual([
      ["missed", 2, "haproxy missed: made up."],
    ]);
  });
});

describe.runIf(runnable)("ha-lint agrees with the real binaries on a seeded sample of variants", () => {
  test("hiding the system CA folder changes nothing haproxy -c says", { timeout: 60_000 }, async () => {
    const set = toolsets().find((s) => s.haproxy && !s.root);
    if (!set) return;
    const variants = makeVariants("haproxy", SEED, 12, baseConfigs("haproxy"));
    const jobs = variants.map((v) => ({ text: v.text, env: v.env }));
    const hidden = await checkConfigBatch(set, "haproxy", jobs, { hideSystemCa: true });
    const shown = await checkConfigBatch(set, "haproxy", jobs);
    const strip = (output: string): string => output.replace(/\(\d+\)/g, "(pid)");
    expect(hidden.map((r) => [r.status, strip(r.output)])).toEqual(shown.map((r) => [r.status, strip(r.output)]));
  });

  test(`${PER_TOOL} variants per tool and version, seed ${SEED}`, { timeout: 170_000 }, async () => {
    const run = await runDifferential({ seed: SEED, variantsPerTool: PER_TOOL });
    const exceptions = readExceptions();
    expect(run.targets.every((t) => t.variants === PER_TOOL)).toBe(true);
    const open = run.classes.filter(
      (c) => !c.instances.every((i) => exceptionFor(exceptions, c.tool, i.outcome.target.version, c.cls)),
    );
    const reports = classReports({ ...run, classes: open }, exceptions, new Map());
    const described = reports.map((r, i) => {
      const repro = r.reproduction;
      const outcome = smallestInstance(open[i]);
      return [
        `${r.cls}  (${r.instances}× on ${r.versions.join(", ")})`,
        `  ${repro.variant} on ${r.tool} ${repro.version}: ${repro.mutation}`,
        ...(repro.env ? [`  environment: ${JSON.stringify(repro.env)}`] : []),
        `  binary (exit ${repro.exitCode ?? "timeout"}): ${repro.toolSays.join(" | ").slice(0, 400)}`,
        `  ha-lint: ${repro.haLintSays.join(" | ").slice(0, 400) || "nothing"}`,
        `  disagreement: ${open[i].instances.find((x) => x.outcome === outcome)?.disagreement.detail.slice(0, 300)}`,
      ].join("\n");
    });
    expect(described, "disagreements with the real binaries that exceptions.tsv does not document").toEqual([]);
  });
});
