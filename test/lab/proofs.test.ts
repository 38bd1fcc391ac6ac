/**
 * The lab proofs (server/src/lab/proofs.ts): each fixture's finding of a runtime rule is played with the real
 * keepalived in network namespaces, and what the daemons did must be what the rule's message claims.
 *  - HA037 (fixtures/ha037-nftables-drops-vrrp): lb02's own nftables ruleset drops the adverts: both nodes hold the VIP.
 *  - HA039 (fixtures/ha039-netplan-drops-vip): the VIP deleted on the holder: keepalived leaves MASTER, re-adds it.
 *  - KA080 (fixtures/ka080-check-never-fails): HAProxy stopped on the holder, the real script still exits 0.
 * Runs as root with keepalived, ip, nft and haproxy installed, on keepalived 2.2.7 and 2.3.4 (HA_LINT_LAB_VERSIONS);
 * HA_LINT_LAB=0 skips it. The figures measured are printed (HA_LINT_LAB_REPORT=1 prints every proof in full).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { findKeepalived } from "../../server/src/lab/keepalived-binary.js";
import { runProofs, type ProofResult } from "../../server/src/lab/proofs.js";
import { listNamespaces } from "../../server/src/lab/system.js";
import { analyzeFixture, fixturesDir } from "../support/fixture-run.js";

function has(cmd: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const canRun =
  process.env.HA_LINT_LAB !== "0" &&
  process.platform === "linux" &&
  process.getuid?.() === 0 &&
  ["keepalived", "ip", "nft", "haproxy"].every(has);

const wanted = (process.env.HA_LINT_LAB_VERSIONS ?? "2.2.7,2.3.4").split(",").map((v) => v.trim());
const versions = canRun ? wanted.filter((v) => findKeepalived(v) !== undefined) : [];

const PROOFS: [rule: string, fixture: string][] = [
  ["HA037", "ha037-nftables-drops-vrrp"],
  ["HA039", "ha039-netplan-drops-vip"],
  ["KA080", "ka080-check-never-fails"],
];

/** Every proof has a setup precondition for a root's keepalived that the root may lack (curl for KA080's script). */
const rootLacks = (version: string, rule: string): boolean => {
  const root = findKeepalived(version)?.root;
  return rule === "KA080" && root !== undefined && !has(`chroot ${root} sh -c 'command -v curl' >/dev/null`);
};

const measured: string[] = [];
afterAll(() => {
  if (measured.length) process.stderr.write(`lab proofs:\n${measured.map((m) => `  ${m}`).join("\n")}\n`);
});

describe.runIf(versions.length > 0).each(versions.length ? versions : ["none"])("lab proofs on keepalived %s", (v) => {
  test.each(PROOFS)(
    "%s on %s: the daemons do what the rule claims",
    async (rule, fixture) => {
      const dir = join(fixturesDir, fixture);
      const analysis = analyzeFixture(dir, { keepalivedVersion: v });
      const findings = analysis.findings.filter((f) => f.rule === rule);
      expect(findings.length).toBeGreaterThan(0);
      const keepalived = findKeepalived(v);
      if (!keepalived) throw new Error(`no keepalived ${v}`);
      const results: ProofResult[] = await runProofs(analysis.input.simulations, findings, {
        keepalived,
        readFile: (p) => readFileSync(p, "utf8"),
        displayId: (id) => id.replace(`${fixturesDir}/`, ""),
      });
      expect(results.map((r) => r.rule)).toEqual([rule]);
      const [r] = results;
      if (process.env.HA_LINT_LAB_REPORT) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      measured.push(`${v} ${rule} ${r.node}: ${r.agree}: ${r.observed} ${JSON.stringify(r.measured)} (${r.seconds}s)`);
      expect(r.keepalivedVersion).toBe(v);
      // Cleanup: no namespace of the proof remains.
      const left = listNamespaces();
      expect(r.namespaces.length).toBeGreaterThan(0);
      expect(r.namespaces.filter((n) => left.includes(n))).toEqual([]);
      if (rootLacks(v, rule)) {
        // The script's own tools are missing in the root: the lab must say it cannot set the proof up.
        expect(r.agree, JSON.stringify(r, null, 2)).toBe("setup");
        return;
      }
      expect(r.error, JSON.stringify(r.logs, null, 2)).toBeUndefined();
      expect(r.setupProblems).toEqual([]);
      expect({ agree: r.agree, observed: r.observed }, JSON.stringify(r, null, 2)).toEqual({
        agree: "yes",
        observed: r.observed,
      });
    },
    120_000,
  );
});
