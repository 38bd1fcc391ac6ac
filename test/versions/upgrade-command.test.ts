/** ha-lint upgrade and per-node versions in .ha-lint.yaml, through the CLI. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type { UpgradeReport } from "../../server/src/cli/upgrade.js";
import type { FailoverMatrix } from "../../server/src/simulate/failover-matrix.js";
import { runCli } from "../support/cli.js";
import { fixturesDir } from "../support/fixture-run.js";

const fixture = join(fixturesDir, "upgrade-keepalived-2.3");
const work = mkdtempSync(join(tmpdir(), "ha-lint-upgrade-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function report(args: string[]): Promise<UpgradeReport> {
  const run = await runCli(["upgrade", fixture, ...args, "-f", "json"]);
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as UpgradeReport;
}

const rulesOf = (list: { rule: string; severity: string }[]): string[] =>
  [...new Set(list.map((f) => `${f.rule} ${f.severity}`))].sort();

describe("ha-lint upgrade", () => {
  test("keepalived 2.2 -> 2.3.4: the strict-mode findings go, the split-brain becomes OK", async () => {
    const r = await report(["--keepalived-version", "2.3.4"]);
    expect(r.from).toEqual({ haproxy: "2.6.12", keepalived: "2.2.8" });
    expect(r.to).toEqual({ haproxy: "2.6.12", keepalived: "2.3.4" });
    expect(rulesOf(r.findings.disappear)).toEqual([
      "HA025 warning",
      "HA040 warning",
      "KA015 warning",
      "KA016 warning",
      "KA017 warning",
      "KA070 warning",
    ]);
    expect(r.findings.appear).toEqual([]);
    const baseline = r.scenarios.find((s) => s.scenario === "baseline")!;
    expect(baseline.before).toEqual({ verdict: "split-brain", holders: ["lb01", "lb02"] });
    expect(baseline.after).toEqual({ verdict: "ok", holders: ["lb01"] });
  });

  test("HAProxy 2.6 -> 3.2: init-state is known, the unit-less timeout is now warned about", async () => {
    const r = await report(["--haproxy-version", "3.2"]);
    expect(rulesOf(r.findings.appear)).toEqual(["HP060 warning"]);
    expect(rulesOf(r.findings.disappear)).toEqual(["HP017 error", "HP060 info"]);
    expect(r.scenarios).toEqual([]);
  });

  test("text report and exit code", async () => {
    const run = await runCli(["upgrade", fixture, "--keepalived-version", "2.3.4", "--haproxy-version", "3.2"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^upgrade from HAProxy 2\.6\.12, keepalived 2\.2\.8 to HAProxy 3\.2, keepalived 2\.3\.4/,
    );
    expect(run.stdout).toMatch(/findings that appear \(2\):\n.*lb01\/haproxy\.cfg:22:26 {2}warning .*HP060/);
    expect(run.stdout).toMatch(/VI_WWW · baseline: SPLIT-BRAIN \(lb01\+lb02\) -> OK \(lb01\)/);
  });

  test("a new error makes the exit code 1", async () => {
    const dir = join(work, "symlink-check");
    cpSync(fixture, dir, { recursive: true });
    for (const node of ["lb01", "lb02"]) {
      const file = join(dir, node, "keepalived.conf");
      const text = readFileSync(file, "utf8").replace(
        '"/etc/keepalived/check_haproxy.sh"',
        '"/bin/sh /etc/keepalived/check_haproxy.sh"',
      );
      writeFileSync(file, text.replace("script_user keepalived_script", "script_user root"));
    }
    const run = await runCli(["upgrade", dir, "--keepalived-version", "2.3.3", "-f", "json"]);
    const r = JSON.parse(run.stdout) as UpgradeReport;
    expect(rulesOf(r.findings.appear)).toContain("KA073 error");
    expect(run.code).toBe(1);
  });

  test("--from-* sets today's versions; bad versions are usage errors", async () => {
    const run = await runCli([
      "upgrade",
      fixture,
      "--from-keepalived-version",
      "2.3.4",
      "--keepalived-version",
      "2.4.0",
      "-f",
      "json",
    ]);
    const r = JSON.parse(run.stdout) as UpgradeReport;
    expect(rulesOf(r.findings.appear)).toEqual([]);
    expect(run.code).toBe(0);
    const strict = await runCli(["upgrade", fixture, "--from-keepalived-version", "2.2", "--keepalived-version", "x"]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/--keepalived-version takes a version such as 2\.3 or 2\.3\.3, not 'x'/);
    const none = await runCli(["upgrade", fixture]);
    expect(none.code).toBe(2);
  });
});

describe("per-node versions in .ha-lint.yaml (a rolling upgrade)", () => {
  const dir = join(work, "rolling");
  cpSync(fixture, dir, { recursive: true });
  writeFileSync(
    join(dir, ".ha-lint.yaml"),
    "keepalivedVersion: 2.2.7\nnodes:\n  lb01:\n    keepalivedVersion: 2.3.4\n",
  );

  test("lb01 on 2.3.4 reads vrrp_strict false as off, lb02 on 2.2.7 as on", async () => {
    const run = await runCli([dir, "-f", "json", "--exit-zero"]);
    const findings = (JSON.parse(run.stdout) as { findings: { rule: string; file: string }[] }).findings;
    const ka070 = findings.filter((f) => f.rule === "KA070").map((f) => f.file.split("/").slice(-2).join("/"));
    expect(ka070).toEqual(["lb02/keepalived.conf"]);
  });

  test("the simulation: lb02 (2.2.7, strict) sends no authentication, lb01 (2.3.4, not strict) drops it", async () => {
    // lb02 reads 'vrrp_strict false' as on and ignores its authentication block (vrrp_complete_instance()); lb01
    // still authenticates and drops lb02's adverts, lb02 drops lb01's VIP set: split-brain whoever fails.
    const run = await runCli(["simulate", dir, "-f", "json"]);
    const matrix = JSON.parse(run.stdout) as FailoverMatrix;
    const scenarios = matrix.clusters[0].instances[0].scenarios;
    const get = (id: string) => scenarios.find((s) => s.id === id)!;
    expect(get("baseline").holders).toEqual(["lb01", "lb02"]);
    expect(get("lb01:script:chk_haproxy")).toMatchObject({ holders: ["lb01", "lb02"], verdict: "split-brain" });
    // Without the authentication block, only the VIP check is left: lb01 accepts lb02's adverts when it is lower.
    const noAuth = join(work, "rolling-no-auth");
    cpSync(dir, noAuth, { recursive: true });
    for (const node of ["lb01", "lb02"]) {
      const file = join(noAuth, node, "keepalived.conf");
      writeFileSync(file, readFileSync(file, "utf8").replace(/ {4}authentication \{[^}]*\}\n/, ""));
    }
    const second = JSON.parse((await runCli(["simulate", noAuth, "-f", "json"])).stdout) as FailoverMatrix;
    const find = (id: string) => second.clusters[0].instances[0].scenarios.find((s) => s.id === id)!;
    expect(find("baseline").holders).toEqual(["lb01", "lb02"]);
    expect(find("lb01:script:chk_haproxy")).toMatchObject({ holders: ["lb02"], verdict: "ok" });
  });

  test("upgrading the last node: the split-brain goes", async () => {
    const run = await runCli(["upgrade", dir, "--keepalived-version", "2.3.4", "-f", "json"]);
    const r = JSON.parse(run.stdout) as UpgradeReport;
    expect(r.from.nodes).toEqual({ lb01: { keepalived: "2.3.4" } });
    expect(r.scenarios.find((s) => s.scenario === "baseline")?.after.verdict).toBe("ok");
  });

  test("an invalid version in .ha-lint.yaml is refused", async () => {
    const bad = join(work, "bad");
    cpSync(fixture, bad, { recursive: true });
    writeFileSync(join(bad, ".ha-lint.yaml"), "nodes:\n  lb01:\n    keepalivedVersion: latest\n");
    const run = await runCli([bad]);
    expect(run.code).toBe(2);
    // The CLI's message for a bad config file is what the user reads: its text is under test here.
    expect(run.stderr).toMatch(/invalid configuration/);
  });
});
