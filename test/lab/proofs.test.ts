/**
 * The lab proofs (server/src/lab/proofs.ts): each fixture's finding of a runtime rule is played with the real
 * keepalived in network namespaces, and what the daemons did must be what the rule's message claims.
 *  - HA037 (fixtures/ha037-nftables-drops-vrrp): lb02's own nftables ruleset drops the adverts: both hold the VIP.
 *  - HA039 (fixtures/ha039-netplan-drops-vip): the VIP deleted on the holder: keepalived leaves MASTER, re-adds it.
 *  - KA080 (fixtures/ka080-check-never-fails): HAProxy stopped on the holder, the real script still exits 0.
 * Runs as root with keepalived, ip, nft and haproxy installed, on keepalived 2.2.7 and 2.3.4 (HA_LINT_LAB_VERSIONS);
 * HA_LINT_LAB=0 skips it. The figures measured are printed (HA_LINT_LAB_REPORT=1 prints every proof in full).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { findKeepalived } from "../../server/src/lab/keepalived-binary.js";
import { runProofs, type ProofResult } from "../../server/src/lab/proofs.js";
import { listNamespaces } from "../../server/src/lab/system.js";
import { analyzeFixture, fixturesDir } from "../support/fixture-run.js";
import { hasCommand, labCanRun, labVersions } from "./lab-gate.js";

const canRun = labCanRun(["keepalived", "ip"]);
const versions = labVersions(canRun);

/** Rule, fixture, and the machine's tools the proof needs besides keepalived and ip. */
const PROOFS: [rule: string, fixture: string, needs: string[]][] = [
  ["HA037", "ha037-nftables-drops-vrrp", ["nft"]],
  ["HA039", "ha039-netplan-drops-vip", []],
  ["KA080", "ka080-check-never-fails", ["haproxy"]],
];

/**
 * KA080's real script runs curl where keepalived runs it: inside a root that has no curl (roots built before
 * scripts/roots/build.sh installed it) the script cannot see HAProxy, and the lab must say it cannot set the proof up.
 */
const rootLacksCurl = (version: string, rule: string): boolean => {
  const root = findKeepalived(version)?.root;
  return rule === "KA080" && root !== undefined && !existsSync(join(root, "usr/bin/curl"));
};

/** Processes (keepalived, haproxy, a script) whose command line names the proof's lab folder. */
const processesUsing = (dir: string): number[] =>
  readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, "utf8").includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);

const measured: string[] = [];
afterAll(() => {
  if (measured.length) process.stderr.write(`lab proofs:\n${measured.map((m) => `  ${m}`).join("\n")}\n`);
});

describe.runIf(versions.length > 0).each(versions.length ? versions : ["none"])("lab proofs on keepalived %s", (v) => {
  test.each(PROOFS)(
    "%s on %s: the daemons do what the rule claims",
    async (rule, fixture, needs) => {
      const lacking = needs.filter((t) => !hasCommand(t));
      if (lacking.length) {
        process.stderr.write(`lab proof ${rule} skipped: ${lacking.join(", ")} not installed\n`);
        return;
      }
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
      expect(r.labDir).not.toBe("");
      expect(existsSync(r.labDir)).toBe(false);
      expect(processesUsing(r.labDir)).toEqual([]);
      if (rootLacksCurl(v, rule)) {
        expect(r.agree, JSON.stringify(r, null, 2)).toBe("setup");
        expect(r.setupProblems.join("\n")).toMatch(/printed the same with HAProxy running and stopped/);
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

  // A proof fails when the daemons do not do what the rule claims: lb02 given lb01's ruleset (which accepts the
  // adverts) hears the master, and the lab sees one holder, not the two HA037's finding claims.
  test.runIf(hasCommand("nft") && v === versions[0])(
    "HA037 with lb02's ruleset accepting VRRP: the proof disagrees with the finding",
    async () => {
      const dir = join(fixturesDir, "ha037-nftables-drops-vrrp");
      const analysis = analyzeFixture(dir, { keepalivedVersion: v });
      const keepalived = findKeepalived(v);
      if (!keepalived) throw new Error(`no keepalived ${v}`);
      const results = await runProofs(
        analysis.input.simulations,
        analysis.findings.filter((f) => f.rule === "HA037"),
        {
          keepalived,
          readFile: (p) => readFileSync(p.replace(/lb02(\/etc\/nftables\.conf)$/, "lb01$1"), "utf8"),
        },
      );
      expect(results.map((r) => [r.agree, r.measured.holders])).toEqual([["no", "lb01"]]);
    },
    120_000,
  );
});
