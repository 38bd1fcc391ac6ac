/** Diagnostics over LSP: the CLI's findings, versioned, across files, with the config file and suppressions honoured. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runAnalysis } from "../../server/src/cli/run-analysis.js";
import { fixture, TestClient, tempCopy, uriOf } from "./harness.js";

const seed = fixture("seed-postgres");
const lb01ka = join(seed, "lb01/keepalived.conf");
const lb02ka = join(seed, "lb02/keepalived.conf");

describe("diagnostics", () => {
  let client: TestClient;
  beforeAll(async () => {
    client = await TestClient.start({ folders: [seed] });
  });
  afterAll(async () => {
    await client.stop();
  });

  test("opening a file publishes the CLI's findings for every file of the cluster, versioned", async () => {
    const first = await client.openAndWait(lb01ka);
    expect(first.version).toBe(1);
    const cli = runAnalysis([seed], {});
    for (const file of new Set(cli.inputs.map((i) => i.path))) {
      const got = await client.diagnostics(file);
      const want = cli.result.findings
        .filter((f) => f.file === file)
        .map((f) => `${f.rule} ${f.range.start.line}:${f.range.start.character} ${f.severity}`);
      const sev = ["", "error", "warning", "info"];
      expect(
        got.diagnostics.map(
          (d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${sev[d.severity ?? 0]}`,
        ),
        file,
      ).toEqual(want);
    }
    const ha001 = first.diagnostics.find((d) => d.code === "HA001")!;
    expect(ha001).toBeDefined();
    expect(ha001.range.start).toEqual({ line: 8, character: 4 });
    expect(ha001.source).toBe("ha-lint");
    expect(ha001.codeDescription?.href).toMatch(/^file:\/\/.*\/docs\/rules\/HA001\.md$/);
    expect(ha001.relatedInformation?.map((r) => r.location.uri)).toContain(uriOf(lb02ka));
    const related02 = ha001.relatedInformation!.find((r) => r.location.uri === uriOf(lb02ka))!;
    expect(related02.location.range.start.line).toBe(14);
  });

  test("editing lb02/keepalived.conf updates the diagnostics of lb01/keepalived.conf", async () => {
    const text = client.text(lb02ka);
    await client.open(lb02ka, text);
    // lb02 at 99 + 2 = 101 outranks lb01 at 100 once lb01's check fails: failover now happens.
    const v = await client.change(lb02ka, text.replace("priority 90", "priority 99"));
    await client.diagnostics(lb02ka, (p) => p.version === v);
    const lb01 = await client.diagnostics(lb01ka, (p) => !p.diagnostics.some((d) => d.code === "HA001"));
    expect(lb01.version).toBe(1);
    // And back.
    const v2 = await client.change(lb02ka, text);
    await client.diagnostics(lb02ka, (p) => p.version === v2);
    await client.diagnostics(lb01ka, (p) => p.diagnostics.some((d) => d.code === "HA001"));
  });

  test("a file whose findings go away is cleared", async () => {
    const hp = join(seed, "lb01/haproxy.cfg");
    const text = client.text(hp);
    await client.open(hp, text, "haproxy");
    const clean = [
      "global",
      "    maxconn 1000",
      "",
      "defaults",
      "    mode tcp",
      "    timeout connect 5s",
      "    timeout client 1m",
      "    timeout server 1m",
      "",
    ].join("\n");
    const v = await client.change(hp, clean);
    const p = await client.diagnostics(hp, (x) => x.version === v);
    expect(p.diagnostics).toEqual([]);
    const v2 = await client.change(hp, text);
    const back = await client.diagnostics(hp, (x) => x.version === v2);
    expect(back.diagnostics.length).toBeGreaterThan(0);
  });
});

describe("config file, severity overrides and suppressions as in the CLI", () => {
  const copy = tempCopy("seed-postgres");
  let client: TestClient;
  beforeAll(async () => {
    writeFileSync(
      join(copy.dir, ".ha-lint.yaml"),
      "rules:\n  HA012: off\n  KA012: info\nignore:\n  - lb02/haproxy.cfg\n",
    );
    client = await TestClient.start({ folders: [copy.dir], settings: { rules: { HA014: "off", KA012: "error" } } });
  });
  afterAll(async () => {
    await client.stop();
    copy.cleanup();
  });

  test("rules off, severities, ignore globs; the config file wins over editor settings", async () => {
    const ka = join(copy.dir, "lb01/keepalived.conf");
    const p = await client.openAndWait(ka);
    const codes = p.diagnostics.map((d) => d.code);
    expect(codes).not.toContain("HA012");
    expect(p.diagnostics.find((d) => d.code === "KA012")?.severity).toBe(3);
    const hp1 = await client.diagnostics(join(copy.dir, "lb01/haproxy.cfg"));
    expect(hp1.diagnostics.map((d) => d.code)).not.toContain("HA014");
    expect(client.latest.has(uriOf(join(copy.dir, "lb02/haproxy.cfg")))).toBe(false);
    const cli = runAnalysis([copy.dir], {});
    expect(cli.result.findings.filter((f) => f.file === ka).map((f) => f.rule)).toEqual(
      codes.filter((c) => c !== "HA014"),
    );
  });

  test("inline suppressions apply to the open buffer", async () => {
    const ka = join(copy.dir, "lb01/keepalived.conf");
    const text = client.text(ka);
    const v = await client.change(
      ka,
      text.replace(
        '    script "killall',
        '    # ha-lint disable-next-line KA012 -- psmisc is installed\n    script "killall',
      ),
    );
    const p = await client.diagnostics(ka, (x) => x.version === v);
    expect(p.diagnostics.map((d) => d.code)).not.toContain("KA012");
    expect(p.diagnostics.map((d) => d.code)).toContain("HA001");
  });

  test("an invalid config file is reported on the config file", async () => {
    const bad = tempCopy("seed-postgres");
    writeFileSync(join(bad.dir, ".ha-lint.yaml"), "rules:\n  NOPE: off\n");
    const c = await TestClient.start({ folders: [bad.dir] });
    try {
      await c.open(join(bad.dir, "lb01/keepalived.conf"));
      const p = await c.diagnostics(join(bad.dir, ".ha-lint.yaml"));
      expect(p.diagnostics[0]).toMatchObject({ code: "config", data: { messageId: "configInvalid" } });
    } finally {
      await c.stop();
      bad.cleanup();
    }
  });
});
