/**
 * Host facts kept apart from the configs: a manifest node's `hostFacts` folder is read as that node's root, in place
 * of its own tree. The configs of fixtures/ha037-nftables-drops-vrrp, laid out flat per node, with each node's
 * nftables.conf and ip -j addr output under facts/<node>/: HA037 comes back on lb02, and only with the folder named.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { analyzeWorkspace } from "../../server/src/workspace/analyze-workspace.js";
import { loadConfig } from "../../server/src/workspace/config-file.js";
import { diskFileSystem } from "../../server/src/workspace/file-system.js";

const FIXTURE = join(__dirname, "../../fixtures/ha037-nftables-drops-vrrp");
const scratch = mkdtempSync(join(tmpdir(), "ha-lint-facts-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function workspace(name: string, withFacts: boolean): string {
  const dir = join(scratch, name);
  for (const node of ["lb01", "lb02"]) {
    const from = join(FIXTURE, node, "etc");
    mkdirSync(join(dir, "configs", node), { recursive: true });
    cpSync(join(from, "keepalived/keepalived.conf"), join(dir, "configs", node, "keepalived.conf"));
    cpSync(join(from, "keepalived/check_haproxy.sh"), join(dir, "configs", node, "check_haproxy.sh"));
    cpSync(join(from, "haproxy/haproxy.cfg"), join(dir, "configs", node, "haproxy.cfg"));
    mkdirSync(join(dir, "facts", node, "etc"), { recursive: true });
    cpSync(join(from, "nftables.conf"), join(dir, "facts", node, "etc/nftables.conf"));
    cpSync(join(from, "ha-lint/ip-addr.json"), join(dir, "facts", node, "ip-addr.json"));
  }
  const node = (n: string): string =>
    `      - name: ${n}\n        keepalived: configs/${n}/keepalived.conf\n        haproxy: configs/${n}/haproxy.cfg\n` +
    (withFacts ? `        hostFacts: facts/${n}\n` : "");
  writeFileSync(join(dir, ".ha-lint.yaml"), `clusters:\n  - id: web\n    nodes:\n${node("lb01")}${node("lb02")}`);
  return dir;
}

function ha037(dir: string): string[] {
  const run = analyzeWorkspace({
    paths: [dir],
    fs: diskFileSystem,
    config: loadConfig(join(dir, ".ha-lint.yaml")),
    configDirFallback: dir,
  });
  return run.result.findings
    .filter((f) => f.rule === "HA037")
    .map((f) => `${relative(dir, f.file)}:${f.range.start.line + 1}`);
}

describe("manifest hostFacts folders", () => {
  test("the folder named for a node is read as its host root", () => {
    expect(ha037(workspace("named", true))).toEqual(["configs/lb02/keepalived.conf:20"]);
  });

  test("without it the facts folder is not the node's tree, and nothing is known about the firewall", () => {
    expect(ha037(workspace("unnamed", false))).toEqual([]);
  });

  test("an empty hostFacts value is refused with the manifest's own message", () => {
    const dir = workspace("empty", true);
    writeFileSync(
      join(dir, ".ha-lint.yaml"),
      "clusters:\n  - id: web\n    nodes:\n      - name: lb01\n        keepalived: configs/lb01/keepalived.conf\n" +
        '        hostFacts: ""\n',
    );
    expect(() => loadConfig(join(dir, ".ha-lint.yaml"))).toThrow(/hostFacts/);
  });
});
