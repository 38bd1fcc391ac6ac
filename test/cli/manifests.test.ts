/**
 * `ha-lint --from-manifests`: keepalived and HAProxy configs read out of Kubernetes manifests (a helm-template-style
 * sample and kubeadm-style static pods in fixtures/manifests), findings on the manifest's lines.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readManifest } from "../../server/src/cli/manifests/read-manifests.js";
import { repoRoot } from "../support/corpus-parity.js";
import { runCli } from "../support/cli.js";

const fixtures = join(repoRoot, "fixtures/manifests");
const work = mkdtempSync(join(tmpdir(), "ha-lint-manifests-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface JsonFinding {
  rule: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

const keys = (findings: JsonFinding[], base = fixtures): string[] =>
  findings
    .map((f) => `${f.rule} ${f.message.split(":")[0]} ${relative(base, join(repoRoot, f.file))}:${f.line}`)
    .sort();

const expected = JSON.parse(readFileSync(join(fixtures, "expected-findings.json"), "utf8")) as {
  runs: { command: string; findings: string[] }[];
};

describe("the fixtures' expected findings", () => {
  for (const run of expected.runs) {
    test(run.command, async () => {
      const args = run.command
        .split(" ")
        .slice(1)
        .map((arg) => (arg.startsWith("fixtures/") ? join(repoRoot, arg) : arg));
      const result = await runCli([...args, "-f", "json"]);
      expect(result.stderr).toBe("");
      const report = JSON.parse(result.stdout) as { findings: JsonFinding[] };
      expect(keys(report.findings)).toEqual(run.findings);
    });
  }
});

test("a finding's line and column are the manifest's: the block scalar's line and its indentation", async () => {
  const file = join(fixtures, "helm-template.yaml");
  const result = await runCli(["--from-manifests", file, "-f", "json"]);
  const report = JSON.parse(result.stdout) as {
    findings: JsonFinding[];
    clusters: { id: string; nodes: { name: string }[] }[];
  };
  expect(result.code).toBe(1);
  const lines = readFileSync(file, "utf8").split("\n");
  const ha001 = report.findings.find((f) => f.rule === "HA001");
  expect(lines[(ha001?.line ?? 0) - 1].slice((ha001?.column ?? 0) - 1)).toBe("weight -20");
  const ha013 = report.findings.find((f) => f.rule === "HA013");
  expect(lines[(ha013?.line ?? 0) - 1].slice((ha013?.column ?? 0) - 1)).toBe("bind 192.0.2.100:80");
  // The shared haproxy ConfigMap is each node's; the cluster is the namespace.
  expect(report.clusters.map((c) => [c.id, c.nodes.map((n) => n.name)])).toEqual([
    ["manifests:edge", ["lb01", "lb02"]],
  ]);
});

test("'-' reads standard input (helm template ... | ha-lint --from-manifests -)", () => {
  const text = readFileSync(join(fixtures, "helm-template.yaml"), "utf8");
  const script = `import { main } from ${JSON.stringify(join(repoRoot, "server/src/cli/main.ts"))}; main(["--from-manifests", "-", "-f", "json"]).then((code) => { process.exitCode = code; });`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    input: text,
    encoding: "utf8",
    cwd: repoRoot,
    timeout: 120_000,
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(1);
  const report = JSON.parse(run.stdout) as { findings: JsonFinding[] };
  expect(report.findings.map((f) => `${f.rule} ${f.file}:${f.line}`).sort()).toEqual([
    "HA001 <stdin>:73",
    "HA013 <stdin>:41",
    "HA013 <stdin>:41",
  ]);
}, 150_000);

test("YAML errors, files without configs and missing files: one message, exit 2, no stack trace", async () => {
  // The CLI's messages for bad input are what the user reads: their text is under test here.
  const broken = join(work, "broken.yaml");
  writeFileSync(broken, "apiVersion: v1\nkind: ConfigMap\ndata:\n  haproxy.cfg: |\n    global\n  bad: [\n");
  const yamlError = await runCli(["--from-manifests", broken]);
  expect(yamlError.code).toBe(2);
  expect(yamlError.stderr).toMatch(/broken\.yaml:\d+:\d+: not valid YAML: /);
  expect(yamlError.stderr).not.toMatch(/\n\s+at /);
  const empty = join(work, "empty.yaml");
  writeFileSync(empty, "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n");
  const none = await runCli(["--from-manifests", empty]);
  expect(none.code).toBe(2);
  expect(none.stderr).toMatch(/no keepalived or HAProxy configuration found in .*empty\.yaml/);
  const missing = await runCli(["--from-manifests", join(work, "nope.yaml")]);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/nope\.yaml: no such file or directory/);
  expect((await runCli(["--from-manifests", empty, "--fix"])).code).toBe(2);
});

test("nodes: the annotation (a list), the pod's nodeName, the object's name without the daemon word, else the file", () => {
  const manifest = [
    "kind: ConfigMap",
    "metadata: { name: lb01-keepalived, namespace: edge }",
    "data:",
    "  keepalived.conf: |",
    "    vrrp_instance VI_1 {",
    "    }",
    "---",
    "kind: ConfigMap",
    "metadata: { name: keepalived, annotations: { ha-lint.io/cluster: pair } }",
    "data:",
    '  keepalived.conf: "vrrp_instance VI_1 {\\n}\\n"',
    "---",
    "kind: Pod",
    "metadata: { name: keepalived-cp3 }",
    "spec:",
    "  nodeName: cp3",
    "  containers:",
    "    - name: keepalived",
    "      env:",
    "        - name: KEEPALIVED_CONF",
    "          value: |",
    "            vrrp_instance VI_1 {",
    "            }",
  ].join("\n");
  const configs = readManifest("m.yaml", manifest, "m");
  expect(configs.map((c) => [c.cluster, c.node, c.language, c.lines[0]?.line ?? c.fallbackLine])).toEqual([
    ["edge", "lb01", "keepalived", 4],
    ["pair", "m", "keepalived", 10],
    ["default", "cp3", "keepalived", 21],
  ]);
  expect(configs[2].lines[0]).toEqual({ line: 21, column: 12 });
});
