/** The CLI as a user meets it: exit codes, configuration, suppressions, baselines, fixes, simulate, secrets. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { exampleHaproxy, examplePair } from "../../server/src/rules/cluster/example-pair.js";
import { runCli } from "../support/cli.js";

const root = mkdtempSync(join(tmpdir(), "ha-lint-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

function project(files: Record<string, string>): string {
  const dir = join(root, `p${n++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const clean = (): Record<string, string> => ({
  ...examplePair(),
  "lb01/haproxy.cfg": exampleHaproxy(),
  "lb02/haproxy.cfg": exampleHaproxy(),
  "lb01/sysctl.conf": "net.ipv4.ip_nonlocal_bind = 1\n",
  "lb02/sysctl.conf": "net.ipv4.ip_nonlocal_bind = 1\n",
});

describe("exit codes", () => {
  test("0 when nothing reaches the threshold, 1 when something does, --exit-zero, --fail-on, --max-warnings", async () => {
    const ok = project(clean());
    const r0 = await runCli([ok, "-f", "json"]);
    const summary = JSON.parse(r0.stdout).summary;
    expect(summary.errors).toBe(0);
    expect(r0.code).toBe(0);
    const bad = project({ ...clean(), "lb02/keepalived.conf": examplePair({}, { vrid: 52 })["lb02/keepalived.conf"] });
    expect((await runCli([bad])).code).toBe(1);
    expect((await runCli([bad, "--exit-zero"])).code).toBe(0);
    const warn = project({
      ...clean(),
      "lb01/haproxy.cfg": exampleHaproxy("*:80"),
      "lb02/haproxy.cfg": exampleHaproxy("*:80"),
    });
    const rw = await runCli([warn, "-f", "json"]);
    expect(JSON.parse(rw.stdout).summary.errors).toBe(0);
    expect(rw.code).toBe(0);
    expect((await runCli([warn, "--fail-on", "warning"])).code).toBe(1);
    expect((await runCli([warn, "--max-warnings", "0"])).code).toBe(1);
    expect((await runCli([warn, "--max-warnings", "100"])).code).toBe(0);
  });

  test("2 with a one-line message for usage errors, missing input and bad configuration", async () => {
    // The CLI's messages for bad input are what the user reads: their text is under test here.
    const missing = await runCli([join(root, "nope")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^ha-lint: .*nope: no such file or directory\n$/);
    expect((await runCli(["--format", "xml", "."])).code).toBe(2);
    expect((await runCli([root, "--max-warnings", "x"])).code).toBe(2);
    const badConfig = project({ ...clean(), ".ha-lint.yaml": "rules:\n  HA014: loud\nhaproxy: 3\n" });
    const rc = await runCli([badConfig]);
    expect(rc.code).toBe(2);
    expect(rc.stderr).toContain("invalid configuration");
    expect(rc.stderr).toContain("/rules/HA014 must be equal to one of the allowed values (off, info, warning, error)");
    expect(rc.stderr).toContain("must NOT have additional properties 'haproxy'");
    expect(rc.stderr).not.toMatch(/\n\s+at /);
    const empty = project({ "README.md": "nothing here\n" });
    expect((await runCli([empty])).stderr).toContain("no keepalived or HAProxy configuration found");
  });
});

describe("configuration", () => {
  test(".ha-lint.yaml found by walking up: severities, rules off, versions, ignore globs", async () => {
    const files = {
      ...clean(),
      "lb01/haproxy.cfg": exampleHaproxy("*:80"),
      "lb02/haproxy.cfg": exampleHaproxy("*:80"),
      "old/lb9/keepalived.conf": "vrrp_instance X {\n  priorty 1\n}\n",
    };
    const dir = project({ ...files, ".ha-lint.yaml": "rules:\n  HA014: error\n  HA016: off\nignore:\n  - old/**\n" });
    const r = await runCli([join(dir, "lb01", ".."), "-f", "json"]);
    const report = JSON.parse(r.stdout);
    expect(
      report.findings
        .filter((f: { rule: string }) => f.rule === "HA014")
        .every((f: { severity: string }) => f.severity === "error"),
    ).toBe(true);
    expect(
      report.findings.some((f: { rule: string; file: string }) => f.rule === "HA016" || f.file.includes("old/")),
    ).toBe(false);
    expect(r.code).toBe(1);
    const v = project({
      ...clean(),
      "lb01/haproxy.cfg": exampleHaproxy(
        "192.0.2.100:80",
        "backend b2\n    option forwarded\n    server s 203.0.113.9:80 check\n",
      ),
      ".ha-lint.yaml": 'haproxyVersion: "3.2"\n',
    });
    expect(
      JSON.parse((await runCli([v, "-f", "json"])).stdout).findings.some((f: { rule: string }) => f.rule === "HP017"),
    ).toBe(false);
    expect(
      JSON.parse((await runCli([v, "-f", "json", "--haproxy-version", "2.6"])).stdout).findings.some(
        (f: { rule: string }) => f.rule === "HP017",
      ),
    ).toBe(true);
  });

  test("a manifest names clusters whose files live anywhere", async () => {
    const pair = examplePair();
    const dir = project({
      "k/first.conf": pair["lb01/keepalived.conf"],
      "k/second.conf": examplePair({}, { vrid: 52 })["lb02/keepalived.conf"],
      "h/shared.cfg": exampleHaproxy(),
      ".ha-lint.yaml":
        "clusters:\n  - id: web\n    nodes:\n      - name: lb01\n        keepalived: k/first.conf\n        haproxy: h/shared.cfg\n      - name: lb02\n        keepalived: k/second.conf\n        haproxy: h/shared.cfg\n",
    });
    const report = JSON.parse((await runCli([dir, "-f", "json"])).stdout);
    expect(report.clusters[0].id).toBe("web");
    expect(report.clusters[0].nodes.map((x: { name: string }) => x.name)).toEqual(["lb01", "lb02"]);
    expect(
      report.findings.some(
        (f: { rule: string; file: string }) => f.rule === "HA005" && f.file.endsWith("k/second.conf"),
      ),
    ).toBe(true);
  });

  test("--select and --ignore", async () => {
    const dir = project({ ...clean(), "lb02/keepalived.conf": examplePair({}, { vrid: 52 })["lb02/keepalived.conf"] });
    const only = JSON.parse((await runCli([dir, "-f", "json", "--select", "HA005"])).stdout);
    expect(new Set(only.findings.map((f: { rule: string }) => f.rule))).toEqual(new Set(["HA005"]));
    const without = JSON.parse((await runCli([dir, "-f", "json", "--ignore", "vrid-mismatch"])).stdout);
    expect(without.findings.some((f: { rule: string }) => f.rule === "HA005")).toBe(false);
  });
});

describe("suppressions", () => {
  test("disable-next-line and disable-file silence findings; unused ones are reported; --no-inline-config ignores them", async () => {
    const hp = exampleHaproxy("*:80").replace(
      "    bind *:80",
      "    # ha-lint disable-next-line HA014 -- legacy clients use the node address\n    bind *:80",
    );
    const dir = project({
      ...clean(),
      "lb01/haproxy.cfg": hp,
      "lb02/haproxy.cfg": `# ha-lint disable-file wildcard-bind-with-vip -- same\n# ha-lint disable-file HP006 -- nothing to hide\n${exampleHaproxy("*:80")}`,
    });
    const report = JSON.parse((await runCli([dir, "-f", "json"])).stdout);
    expect(report.findings.filter((f: { rule: string }) => f.rule === "HA014")).toEqual([]);
    const unused = report.findings.filter((f: { rule: string }) => f.rule === "HL001");
    expect(
      unused.map((f: { file: string; line: number }) => `${f.file.split("/").slice(-2).join("/")}:${f.line}`),
    ).toEqual(["lb02/haproxy.cfg:2"]);
    const raw = JSON.parse((await runCli([dir, "-f", "json", "--no-inline-config"])).stdout);
    expect(raw.findings.filter((f: { rule: string }) => f.rule === "HA014").length).toBe(2);
  });

  test("keepalived files take '!' comments too", async () => {
    const ka = examplePair({}, { vrid: 52 })["lb02/keepalived.conf"].replace(
      "    virtual_router_id 52",
      "    ! ha-lint disable-next-line HA005 -- migration in progress\n    virtual_router_id 52",
    );
    const dir = project({ ...clean(), "lb02/keepalived.conf": ka });
    const report = JSON.parse((await runCli([dir, "-f", "json"])).stdout);
    expect(report.findings.some((f: { rule: string }) => f.rule === "HA005")).toBe(false);
  });
});

describe("baseline", () => {
  test("only new findings are reported, and moving lines does not make old ones new", async () => {
    const dir = project({
      ...clean(),
      "lb01/haproxy.cfg": exampleHaproxy("*:80"),
      "lb02/haproxy.cfg": exampleHaproxy("*:80"),
    });
    const base = join(dir, "baseline.json");
    const w = await runCli([dir, "--write-baseline", base, "-f", "json"]);
    expect(JSON.parse(readFileSync(base, "utf8")).findings.length).toBe(JSON.parse(w.stdout).findings.length);
    expect(JSON.parse((await runCli([dir, "--baseline", base, "-f", "json"])).stdout).findings).toEqual([]);
    writeFileSync(join(dir, "lb01/haproxy.cfg"), `# a comment pushes every line down\n\n${exampleHaproxy("*:80")}`);
    writeFileSync(join(dir, "lb02/keepalived.conf"), examplePair({}, { vrid: 52 })["lb02/keepalived.conf"]);
    const after = JSON.parse((await runCli([dir, "--baseline", base, "-f", "json"])).stdout);
    expect(after.findings.map((f: { rule: string }) => f.rule)).toEqual(["HA005"]);
  });
});

describe("fixes", () => {
  test("--fix --diff prints a unified diff and writes nothing; --fix writes and the finding is gone", async () => {
    const files = examplePair({ priority: 100, weight: 2 }, { priority: 90, weight: 2 });
    const dir = project(files);
    const before = readFileSync(join(dir, "lb01/keepalived.conf"), "utf8");
    const d = await runCli([dir, "--fix", "--diff"]);
    expect(d.code).toBe(0);
    expect(d.stdout).toContain("-    weight 2\n+    weight 11");
    expect(readFileSync(join(dir, "lb01/keepalived.conf"), "utf8")).toBe(before);
    const f = await runCli([dir, "--fix", "-f", "json"]);
    expect(f.stderr).toMatch(/applied 1 fix to 2 files/);
    expect(readFileSync(join(dir, "lb01/keepalived.conf"), "utf8")).toContain("    weight 11\n");
    expect(JSON.parse(f.stdout).findings.some((x: { rule: string }) => x.rule === "HA001")).toBe(false);
  });

  test("unsafe fixes need --unsafe-fixes", async () => {
    const dir = project({ ...examplePair(), "lb01/haproxy.cfg": exampleHaproxy("*:80") });
    expect((await runCli([dir, "--fix", "--diff", "--select", "HA014"])).stdout).toBe("");
    expect((await runCli([dir, "--fix", "--diff", "--unsafe-fixes", "--select", "HA014"])).stdout).toContain(
      "+    bind 192.0.2.100:80",
    );
  });
});

describe("simulate", () => {
  test("the failover matrix of the seed PostgreSQL pair shows the failure the seed describes", async () => {
    const json = JSON.parse((await runCli(["simulate", "fixtures/seed-postgres", "-f", "json"])).stdout);
    expect(json.version).toBe(1);
    const inst = json.clusters[0].instances[0];
    expect(inst).toMatchObject({ name: "VI_1", vrid: 51, vips: ["10.114.16.72/24"], nodes: ["lb01", "lb02"] });
    expect(inst.scenarios[0]).toMatchObject({
      id: "baseline",
      faults: [],
      priorities: { lb01: 102, lb02: 92 },
      holders: ["lb01"],
      verdict: "ok",
    });
    expect(inst.scenarios.find((s: { id: string }) => s.id === "lb01:script:chk_haproxy")).toMatchObject({
      faults: ["lb01:script:chk_haproxy"],
      priorities: { lb01: 100, lb02: 92 },
      states: { lb01: "MASTER", lb02: "BACKUP" },
      holders: ["lb01"],
      verdict: "no-failover",
    });
    const text = (await runCli(["simulate", "fixtures/seed-postgres"], { NO_COLOR: "1" })).stdout;
    expect(text).toMatch(/lb01:script:chk_haproxy\s+100 MASTER\s+92 BACKUP\s+lb01\s+NO FAILOVER/);
  });

  test("the seed nginx pair fails over", async () => {
    const json = JSON.parse((await runCli(["simulate", "fixtures/seed-nginx", "-f", "json"])).stdout);
    expect(
      json.clusters[0].instances[0].scenarios.find((s: { id: string }) => s.id === "lb01:script:chk_haproxy"),
    ).toMatchObject({ holders: ["lb02"], verdict: "ok" });
  });
});

describe("secrets never leave", () => {
  test("no format prints auth_pass values, stats auth passwords or userlist passwords", async () => {
    const ka = examplePair(
      { auth: { type: "PASS", pass: "Zq8uniqA1" } },
      { auth: { type: "PASS", pass: "Zq8uniqB2" } },
    );
    const hp = exampleHaproxy(
      "192.0.2.100:80",
      "listen stats\n    bind 192.0.2.100:8404\n    stats enable\n    stats uri /\n    stats auth admin:Pw7secretX\nuserlist users\n    user bob insecure-password Ul9secretY\n",
    );
    const dir = project({ ...ka, "lb01/haproxy.cfg": hp, "lb02/haproxy.cfg": hp.replace("Pw7secretX", "Pw7secretZ") });
    for (const format of ["text", "json", "sarif", "github", "junit", "checkstyle", "gitlab"]) {
      const r = await runCli([dir, "-f", format]);
      for (const secret of ["Zq8uniq", "Pw7secret", "Ul9secret"])
        expect(r.stdout + r.stderr, `${format} leaks ${secret}`).not.toContain(secret);
    }
    const sim = await runCli(["simulate", dir, "-f", "json"]);
    expect(sim.stdout).not.toContain("Zq8uniq");
  });
});

describe("input", () => {
  test("a file named on the command line is analysed whatever its name: language from the content, or --lang", async () => {
    const dir = project({
      "edge.cfg.j2": "frontend f\n    bind :80\n    timout client 5s\n",
      "vrrp.txt": "vrrp_instance V {\n    priorty 100\n}\n",
      "odd.txt": "foo bar\n",
    });
    const r1 = JSON.parse((await runCli([join(dir, "edge.cfg.j2"), "-f", "json"])).stdout);
    expect(r1.findings.some((f: { rule: string }) => f.rule === "HP017")).toBe(true);
    const r2 = JSON.parse((await runCli([join(dir, "vrrp.txt"), "-f", "json"])).stdout);
    expect(r2.findings.some((f: { rule: string }) => f.rule === "KA018")).toBe(true);
    const r3 = await runCli([join(dir, "odd.txt")]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain("--lang");
    expect((await runCli([join(dir, "odd.txt"), "--lang", "haproxy", "-f", "json"])).code).toBe(1);
  });

  test("rules and explain", async () => {
    const rules = await runCli(["rules", "-f", "json"]);
    expect(JSON.parse(rules.stdout).find((r: { rule: string }) => r.rule === "HA001")).toMatchObject({
      name: "failover-not-triggered",
      severity: "error",
    });
    const explain = await runCli(["explain", "failover-not-triggered"]);
    expect(explain.stdout.startsWith("# HA001 failover-not-triggered")).toBe(true);
    expect((await runCli(["explain", "XX1"])).code).toBe(2);
  });
});
