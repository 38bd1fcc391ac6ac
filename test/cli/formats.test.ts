/** Every report format on the seed fixtures: the JSON contract, SARIF against the official 2.1.0 schema, the others well formed. */
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { afterAll, describe, expect, test } from "vitest";
import { runCli } from "../support/cli.js";

const require = createRequire(import.meta.url);
const tmp = mkdtempSync(join(tmpdir(), "ha-lint-formats-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SEED = "fixtures/seed-postgres";

/** The JSON contract of issue 5, as a schema: other tools rely on it. */
const contract = {
  type: "object",
  required: ["version", "tool", "clusters", "findings", "summary"],
  properties: {
    version: { const: 1 },
    tool: {
      type: "object",
      required: ["name", "version"],
      properties: { name: { const: "ha-lint" }, version: { type: "string" } },
    },
    clusters: {
      type: "array",
      items: {
        type: "object",
        required: ["id", "nodes"],
        properties: {
          id: { type: "string" },
          nodes: {
            type: "array",
            items: {
              type: "object",
              required: ["name", "files"],
              properties: { name: { type: "string" }, files: { type: "array", items: { type: "string" } } },
            },
          },
        },
      },
    },
    findings: {
      type: "array",
      items: {
        type: "object",
        required: [
          "rule",
          "name",
          "severity",
          "message",
          "file",
          "line",
          "column",
          "endLine",
          "endColumn",
          "related",
          "docs",
        ],
        properties: {
          rule: { type: "string", pattern: "^(KA|HP|HA|HL)[0-9]{3}$" },
          name: { type: "string" },
          severity: { enum: ["error", "warning", "info"] },
          message: { type: "string" },
          file: { type: "string" },
          line: { type: "integer", minimum: 1 },
          column: { type: "integer", minimum: 1 },
          endLine: { type: "integer", minimum: 1 },
          endColumn: { type: "integer", minimum: 1 },
          related: { type: "array", items: { type: "object", required: ["file", "line", "column", "message"] } },
          docs: { type: "string" },
        },
      },
    },
    summary: {
      type: "object",
      required: ["files", "errors", "warnings", "infos"],
      properties: {
        files: { type: "integer" },
        errors: { type: "integer" },
        warnings: { type: "integer" },
        infos: { type: "integer" },
      },
    },
  },
};

describe("formats", () => {
  test("json matches the contract, with paths relative to the current directory", async () => {
    const r = await runCli([SEED, "-f", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const validate = new Ajv({ strict: false }).compile(contract);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.clusters).toEqual([
      {
        id: SEED,
        nodes: [
          { name: "lb01", files: [`${SEED}/lb01/keepalived.conf`, `${SEED}/lb01/haproxy.cfg`] },
          { name: "lb02", files: [`${SEED}/lb02/keepalived.conf`, `${SEED}/lb02/haproxy.cfg`] },
        ],
      },
    ]);
    const ha001 = report.findings.find((f: { rule: string }) => f.rule === "HA001");
    expect(ha001).toMatchObject({
      name: "failover-not-triggered",
      severity: "error",
      file: `${SEED}/lb01/keepalived.conf`,
      line: 9,
      column: 5,
    });
    expect(ha001.related.map((x: { file: string }) => x.file)).toContain(`${SEED}/lb02/keepalived.conf`);
    expect(report.summary.errors).toBe(
      report.findings.filter((f: { severity: string }) => f.severity === "error").length,
    );
  });

  test("sarif validates against the official SARIF 2.1.0 schema, with rules, help URIs and related locations", async () => {
    const r = await runCli([SEED, "-f", "sarif"]);
    const log = JSON.parse(r.stdout);
    const schema = JSON.parse(
      readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
    );
    // The official schema is draft-04; ajv-draft-04 is a CommonJS module exporting the class.
    const AjvDraft04 = require("ajv-draft-04") as new (options: object) => Ajv;
    const ajv = new AjvDraft04({ strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toContain("HA001");
    expect(run.tool.driver.rules.every((x: { helpUri: string }) => x.helpUri.endsWith(".md"))).toBe(true);
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === "HA001");
    expect(result.relatedLocations.length).toBeGreaterThan(0);
    expect(result.locations[0].physicalLocation.region.startLine).toBe(9);
  });

  test("github annotations", async () => {
    const r = await runCli([SEED, "-f", "github"]);
    // The annotation format is under test: title, then the finding's message after "::".
    expect(r.stdout).toMatch(
      /^::error file=fixtures\/seed-postgres\/lb01\/keepalived\.conf,line=9,col=5,endLine=9,endColumn=13,title=HA001 failover-not-triggered::failover does not happen/m,
    );
    expect(
      r.stdout
        .split("\n")
        .filter(Boolean)
        .every((l) => /^::(error|warning|notice) file=/.test(l)),
    ).toBe(true);
  });

  test("junit, checkstyle and gitlab", async () => {
    const junit = (await runCli([SEED, "-f", "junit"])).stdout;
    expect(junit).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="ha-lint"/);
    // The formats under test carry the finding's message in an attribute: its start shows it is there, escaped.
    expect(junit).toContain('<failure type="error" message="failover does not happen');
    const checkstyle = (await runCli([SEED, "-f", "checkstyle"])).stdout;
    expect(checkstyle).toContain('<file name="fixtures/seed-postgres/lb01/keepalived.conf">');
    expect(checkstyle).toMatch(
      /<error line="9" column="5" severity="error" message="failover does not happen[^"]*" source="ha-lint\.HA001\.failover-not-triggered"\/>/,
    );
    const gitlab = JSON.parse((await runCli([SEED, "-f", "gitlab"])).stdout);
    expect(gitlab.find((i: { check_name: string }) => i.check_name.startsWith("HA001"))).toMatchObject({
      severity: "major",
      location: { path: "fixtures/seed-postgres/lb01/keepalived.conf", lines: { begin: 9 } },
    });
    expect(new Set(gitlab.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(gitlab.length);
  });

  test("text: grouping first, then findings by file with the source line and a caret, then a summary", async () => {
    const r = await runCli([SEED], { NO_COLOR: "1" });
    expect(
      r.stdout.startsWith(`cluster ${SEED} (2 nodes)\n  lb01: ${SEED}/lb01/keepalived.conf, ${SEED}/lb01/haproxy.cfg`),
    ).toBe(true);
    expect(r.stdout).toContain("    9 |     weight 2\n      |     ^^^^^^^^");
    expect(r.stdout).toMatch(/✖ \d+ problems \(\d+ errors?, \d+ warnings?, \d+ infos?\) in 4 files\n$/);
    expect(r.stdout).not.toContain("\u001b[");
  });

  test("-o FORMAT=FILE writes several reports in one run", async () => {
    const sarif = join(tmp, "out.sarif");
    const json = join(tmp, "out.json");
    const r = await runCli([SEED, "-o", `sarif=${sarif}`, "-o", `json=${json}`, "-f", "github"]);
    expect(r.stdout).toMatch(/^::error /m);
    expect(JSON.parse(readFileSync(sarif, "utf8")).version).toBe("2.1.0");
    expect(JSON.parse(readFileSync(json, "utf8")).version).toBe(1);
  });
});
