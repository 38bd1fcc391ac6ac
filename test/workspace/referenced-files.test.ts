/**
 * Files a node's configuration references, looked up in the node trees: missing ones (HA028) and ones that differ
 * between nodes (HA029) are reported by digest only; no finding shows a file's contents.
 */
import { join } from "node:path";
import { expect, test } from "vitest";
import { runCli } from "../support/cli.js";
import { analyzeFixture, fixturesDir } from "../support/fixture-run.js";

const fixture = join(fixturesDir, "referenced-files-drift");

test("lb02's certificate and map differ, its error page is missing", () => {
  const result = analyzeFixture(fixture);
  const found = result.findings.map((f) => [f.rule, f.range.start.line + 1, f.severity]);
  expect(found).toEqual([
    ["HA029", 27, "warning"],
    ["HA028", 31, "error"],
    ["HA029", 32, "warning"],
  ]);
  const lb02 = result.input.clusters[0].nodes.find((n) => n.name === "lb02");
  const cert = lb02?.referencedFiles?.find((f) => f.reference.keyword === "crt");
  expect(cert?.reference.secret).toBe(true);
  expect(cert?.fact?.digest).toMatch(/^[0-9a-f]{64}$/);
});

test("no report shows what the files hold", async () => {
  for (const format of ["text", "json", "sarif"]) {
    const run = await runCli([fixture, "--format", format]);
    expect(run.stdout).toContain("HA029");
    expect(run.stdout).not.toContain("SECRET-MARKER");
    expect(run.stdout).not.toContain("shop.example.com");
    expect(run.stdout).not.toContain("Back soon");
  }
});
