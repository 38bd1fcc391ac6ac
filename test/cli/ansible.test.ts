/**
 * `ha-lint ansible` on real public roles (fixtures/ansible, see SOURCES) with the real ansible-playbook: the rendered
 * hosts are linted as a cluster and the findings land on the template lines, naming the host.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { repoRoot } from "../support/corpus-parity.js";
import { runCli } from "../support/cli.js";

const fixtures = join(repoRoot, "fixtures/ansible");
const hasAnsible = spawnSync("ansible-playbook", ["--version"], { encoding: "utf8" }).status === 0;
const work = mkdtempSync(join(tmpdir(), "ha-lint-ansible-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface JsonFinding {
  rule: string;
  file: string;
  line: number;
  messageId?: string;
  data?: Record<string, unknown>;
  renderedFor?: string[];
  message: string;
  related?: { file: string; line: number; message: string }[];
}

/** "RULE host file:line", the file relative to fixtures/ansible, as expected-findings.json lists them. */
const keys = (findings: JsonFinding[]): string[] =>
  [
    ...new Set(
      findings.map(
        (f) => `${f.rule} ${f.renderedFor?.join(",") ?? "-"} ${relative(fixtures, join(repoRoot, f.file))}:${f.line}`,
      ),
    ),
  ].sort();

const expected = (file: string): { command: string; findings: string[] } =>
  JSON.parse(readFileSync(join(fixtures, file), "utf8")) as { command: string; findings: string[] };

/** The arguments of an expected-findings.json command (after 'ha-lint'), relative to the repository. */
const argsOf = (command: string): string[] =>
  command
    .split(" ")
    .slice(1)
    .map((arg) => (arg.startsWith("fixtures/") ? join(repoRoot, arg) : arg));

test("ansible-playbook is there when CI runs (.ci/run installs Debian's ansible)", () => {
  if (process.env.CI) expect(hasAnsible).toBe(true);
});

describe.skipIf(!hasAnsible)("ha-lint ansible with the real ansible-playbook", () => {
  test("the keepalived role on two hosts: HA001 at the template's weight line, named for lb01, the rendered line related", async () => {
    const want = expected("keepalived-role/expected-findings.json");
    const kept = join(work, "rendered");
    const run = await runCli([...argsOf(want.command), "-f", "json", "--keep-rendered", kept]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: JsonFinding[]; clusters: { nodes: { name: string }[] }[] };
    expect(keys(report.findings)).toEqual(want.findings);
    expect(report.clusters.map((c) => c.nodes.map((n) => n.name))).toEqual([["lb01", "lb02"]]);
    // The rendered tree: one node per host, the file where the role would write it.
    const rendered = readFileSync(join(kept, "lb01/etc/keepalived/keepalived.conf"), "utf8");
    expect(rendered).toMatch(/priority 150/);
    expect(readFileSync(join(kept, "lb02/etc/keepalived/keepalived.conf"), "utf8")).toMatch(/priority 100/);
    const ha001 = report.findings.find((f) => f.rule === "HA001");
    expect(ha001).toMatchObject({
      messageId: "priorityGapTooSmall",
      renderedFor: ["lb01"],
      data: { node: "lb01", priorities: "lb01 130, lb02 100" },
    });
    const template = readFileSync(join(fixtures, "roles/keepalived/templates/keepalived.conf.j2"), "utf8");
    expect(template.split("\n")[(ha001?.line ?? 0) - 1]).toMatch(/^\s+weight \{\{ details\.weight/);
    const renderedPlace = ha001?.related?.[0];
    // The ansible command's own note on the related place (not a rule message): its text is what it adds.
    expect(renderedPlace?.message).toBe("as rendered for lb01 (/etc/keepalived/keepalived.conf)");
    expect(rendered.split("\n")[(renderedPlace?.line ?? 0) - 1].trim()).toBe(
      "weight -20       # adjust priority by this weight, (default: 0)",
    );
    // The other node's priority, as related place, maps to the template's priority line.
    const onTemplate = (ha001?.related ?? []).filter((r) => r.file.endsWith("keepalived.conf.j2"));
    expect(
      onTemplate
        .map((r) => template.split("\n")[r.line - 1])
        .filter((line) => /priority \{\{ instance\.priority/.test(line)),
    ).not.toEqual([]);
  }, 600_000);

  test("a site playbook applying both roles to three hosts", async () => {
    const want = expected("site-expected-findings.json");
    const run = await runCli([...argsOf(want.command), "-f", "json"]);
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as { findings: JsonFinding[] };
    expect(keys(report.findings)).toEqual(want.findings);
    // Warnings and infos only (HA013, HP035, HP019, KA004, HA022): exit 0 at the default --fail-on error.
    expect(run.code).toBe(0);
  }, 600_000);

  test("a broken inventory, a file that is not a playbook, a non-empty --keep-rendered folder: a message and exit 2", async () => {
    // The CLI's one-line messages for these bad inputs are what the user reads: their text is under test here.
    const inventory = join(work, "broken.yml");
    writeFileSync(inventory, "lb:\n  hosts: [lb01\n");
    const broken = await runCli(["ansible", "-i", inventory, join(fixtures, "roles/keepalived")]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.yml: Ansible cannot read this inventory/);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
    const notPlaybook = await runCli([
      "ansible",
      "-i",
      join(fixtures, "keepalived-role/inventory.ini"),
      join(fixtures, "roles/keepalived/defaults/main.yml"),
    ]);
    expect(notPlaybook.code).toBe(2);
    expect(notPlaybook.stderr).toMatch(/not a playbook/);
    const full = await runCli([
      "ansible",
      "-i",
      join(fixtures, "keepalived-role/inventory.ini"),
      "--keep-rendered",
      fixtures,
      join(fixtures, "roles/keepalived"),
    ]);
    expect(full.code).toBe(2);
    expect(full.stderr).toMatch(/not empty/);
  }, 300_000);
});

test("without Ansible: a message naming the package, exit 2", async () => {
  const run = await runCli(
    ["ansible", "-i", join(fixtures, "keepalived-role/inventory.ini"), join(fixtures, "roles/keepalived")],
    { HA_LINT_ANSIBLE_PLAYBOOK: join(work, "no-such-dir/ansible-playbook") },
  );
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(
    /ansible-inventory not found: 'ha-lint ansible' renders with the real Ansible \(Debian: apt-get install ansible\)/,
  );
  expect(existsSync(join(work, "no-such-dir"))).toBe(false);
});
