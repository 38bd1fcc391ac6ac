/**
 * Cluster templates (.ha-lint.yaml `template:` + node `vars`): each node's rendering is analysed, findings land on
 * the template line naming the node, in the CLI report and in the editor, and unset placeholders are reported.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { Analyzer } from "../../server/src/lsp/analyzer.js";
import { renderTemplate, templateOrigin } from "../../server/src/syntax/template.js";
import { runCli } from "../support/cli.js";
import { analyzeFixture, fixturesDir } from "../support/fixture-run.js";

const fixture = join(fixturesDir, "template-node-priority");
const template = join(fixture, "templates", "keepalived.conf.tmpl");
const scratch = mkdtempSync(join(tmpdir(), "ha-lint-templates-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the fixture with its .ha-lint.yaml changed. */
function variant(name: string, edit: (manifest: string) => string): string {
  const dir = join(scratch, name);
  cpSync(fixture, dir, { recursive: true });
  const file = join(dir, ".ha-lint.yaml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  return dir;
}

describe("rendering", () => {
  test("positions on a substituted value map to the placeholder; text after it shifts back", () => {
    const rendering = renderTemplate("/t", "priority ${PRIORITY} # ${X}\n", "lb01", { PRIORITY: 101, X: "long-value" });
    expect(rendering.text).toBe("priority 101 # long-value\n");
    const origin = templateOrigin(rendering, "test");
    const value = { start: { line: 0, character: 9 }, end: { line: 0, character: 12 } };
    expect(origin.map(value)).toEqual({ start: { line: 0, character: 9 }, end: { line: 0, character: 20 } });
    const hash = { start: { line: 0, character: 13 }, end: { line: 0, character: 14 } };
    expect(origin.map(hash)).toEqual({ start: { line: 0, character: 21 }, end: { line: 0, character: 22 } });
    // An edit of the substituted value cannot be made in the template; one of literal text can.
    expect(origin.mapEdit(value)).toBeUndefined();
    expect(origin.mapEdit({ start: { line: 0, character: 0 }, end: { line: 0, character: 8 } })).toEqual({
      start: { line: 0, character: 0 },
      end: { line: 0, character: 8 },
    });
  });

  test("only the forms the template enables are placeholders; unset ones stay as written", () => {
    const text = "a ${A} $B {{ c }} @@D@@ {{ e|int }}";
    const all = renderTemplate("/t", text, "n", { A: 1, B: 2, c: 3, D: 4 });
    expect(all.text).toBe("a 1 2 3 4 {{ e|int }}");
    expect(all.unsupported.map((u) => u.written)).toEqual(["{{ e|int }}"]);
    const dollarBrace = renderTemplate("/t", text, "n", { A: 1 }, ["${NAME}"]);
    expect(dollarBrace.text).toBe("a 1 $B {{ c }} @@D@@ {{ e|int }}");
    expect(dollarBrace.unsupported).toEqual([]);
    const unset = renderTemplate("/t", text, "n", {}, ["@@NAME@@"]);
    expect(unset.text).toBe(text);
    expect(unset.substitutions.map((s) => [s.name, s.value])).toEqual([["D", undefined]]);
  });
});

describe("a cluster rendered from one template", () => {
  test("the only bug is lb01's PRIORITY var: HA001 on the template's weight line, naming lb01", () => {
    const result = analyzeFixture(fixture);
    expect(result.findings.map((f) => [f.rule, f.file, f.range.start.line + 1])).toEqual([["HA001", template, 14]]);
    expect(result.findings[0]).toMatchObject({
      messageId: "priorityGapTooSmall",
      data: { node: "lb01" },
      renderedFor: ["lb01"],
    });
  });

  test("with PRIORITY 101 (what kubeadm's guide gives the MASTER) the cluster is clean", () => {
    const dir = variant("clean", (m) => m.replace("PRIORITY: 150", "PRIORITY: 101"));
    expect(analyzeFixture(dir).findings).toEqual([]);
  });

  test("a var missing on lb02: HA026 at the placeholder, naming lb02", () => {
    const dir = variant("unset", (m) => m.replace("STATE: BACKUP, PRIORITY: 100, ", "STATE: BACKUP, "));
    const result = analyzeFixture(dir);
    const unset = result.findings.filter((f) => f.rule === "HA026");
    expect(unset.map((f) => [f.file, f.range.start.line + 1, f.range.start.character + 1])).toEqual([
      [join(dir, "templates", "keepalived.conf.tmpl"), 21, 14],
    ]);
    expect(unset[0]).toMatchObject({ messageId: "unset", data: { node: "lb02", name: "PRIORITY" } });
  });

  test("a finding every node has at one template place is reported once, naming both nodes", () => {
    const dir = variant("both", (m) => m);
    const file = join(dir, "templates", "keepalived.conf.tmpl");
    writeFileSync(file, readFileSync(file, "utf8").replace("advert_int 1", "advert_int 1\n    garp_master_delai 5"));
    const typo = analyzeFixture(dir).findings.filter((f) => f.file === file && f.range.start.line === 22);
    expect(typo).toHaveLength(1);
    expect(typo[0]).toMatchObject({ rule: "KA018", messageId: "unknown", renderedFor: ["lb01", "lb02"] });
  });

  test("the CLI reports on the template file and names the node", async () => {
    const run = await runCli([fixture, "--format", "json"]);
    expect(run.code).toBe(1);
    type JsonFinding = { rule: string; file: string; messageId?: string; renderedFor?: string[] };
    const report = JSON.parse(run.stdout) as { findings?: JsonFinding[] };
    const findings = report.findings ?? (report as unknown as JsonFinding[]);
    expect(findings.map((f) => f.rule)).toEqual(["HA001"]);
    expect(findings[0].file).toContain("templates/keepalived.conf.tmpl");
    expect(findings[0]).toMatchObject({ messageId: "priorityGapTooSmall", renderedFor: ["lb01"] });
    const text = await runCli([fixture]);
    expect(text.stdout).toContain("keepalived.conf.tmpl");
    expect(text.stdout).not.toContain("#lb01");
  });

  test("the language server publishes the finding on the template document, and re-renders an edited buffer", () => {
    const analyzer = new Analyzer();
    analyzer.setFolders([fixture]);
    analyzer.open(template, readFileSync(template, "utf8"), 1);
    const onTemplate = analyzer.update(template).find((p) => p.file === template);
    expect(onTemplate?.findings.map((f) => [f.rule, f.range.start.line + 1])).toEqual([["HA001", 14]]);
    // A bigger weight in the open buffer moves the VIP: the finding goes away.
    analyzer.change(template, readFileSync(template, "utf8").replace("weight -30", "weight -60"), 2);
    const after = analyzer.update(template).find((p) => p.file === template);
    expect(after?.findings ?? []).toEqual([]);
  });
});
