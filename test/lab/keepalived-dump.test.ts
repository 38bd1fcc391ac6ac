/**
 * The reader of keepalived's own configuration dump (`-d`), on dumps the real binaries wrote for one configuration
 * (test/lab/fixtures/dump-source.conf, run with its link down: keepalived 2.2.7 of the machine, 2.3.3 of trixie,
 * 2.3.4 of sid). They show what each version reads from `/24` and `-range` source and peer words, a peer typo, a VIP
 * prefix out of range, `vrrp_strict false` and `interval 0.25`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { maskDumpSecrets, parseDump } from "../../server/src/lab/keepalived-dump.js";

const dump = (version: string) =>
  parseDump(readFileSync(join(import.meta.dirname, "fixtures", `dump-${version}.log`), "utf8"))!;

describe("keepalived's dump of its configuration", () => {
  test.each(["2.2.7", "2.3.3", "2.3.4"])("%s: addresses as keepalived reads them", (version) => {
    const d = dump(version);
    expect(d.complete).toBe(true);
    expect(d.instances.map((i) => i.name)).toEqual(["VI_1"]);
    const inst = d.instances[0];
    // inet_stosockaddr() cuts '/24' and '-20'; '192.0.2.13x' is skipped.
    expect(inst).toMatchObject({
      interface: "eth0",
      source: "192.0.2.10",
      sourceFromConfig: true,
      unicast: true,
      peers: ["192.0.2.11", "192.0.2.12"],
      vrid: 51,
      priority: 120,
      advertInt: 1,
      // Strict mode (2.2.7 reads 'vrrp_strict false' as on) resets state MASTER below priority 255.
      wantState: version === "2.2.7" ? "BACKUP" : "MASTER",
    });
    // A prefix out of range is read as /32.
    expect(inst.vips).toEqual([
      { address: "192.0.2.100", prefix: 24, dev: "eth0" },
      { address: "192.0.2.101", prefix: 32, dev: "eth0" },
      { address: "192.0.2.102", prefix: 32, dev: "eth0" },
    ]);
    expect(inst.trackedScripts).toEqual([{ name: "chk_fast", weight: -30, reverse: false }]);
  });

  test("2.2.7 reads 'vrrp_strict false' as strict mode and 'interval 0.25' as 1 s; 2.3.3 and 2.3.4 do not", () => {
    const old = dump("2.2.7");
    expect(old.strict).toBe(true);
    expect(old.instances[0].strict).toBe(true);
    // Strict mode drops the authentication, and the GARPs that answer a lower-priority advert (HA040).
    expect(old.instances[0].authType).toBe("none");
    expect(old.instances[0]).toMatchObject({ garpRefresh: 0, garpLowerPrioRepeat: 0 });
    expect(old.scripts[0]).toMatchObject({ name: "chk_fast", interval: 1, fall: 8, rise: 2, weight: -30 });
    for (const version of ["2.3.3", "2.3.4"]) {
      const d = dump(version);
      expect(d.strict).toBe(false);
      expect(d.instances[0].strict).toBe(false);
      expect(d.instances[0].authType).toBe("SIMPLE_PASSWORD");
      expect(d.instances[0].password).toBe("secret12");
      expect(d.instances[0]).toMatchObject({ garpRefresh: 0, garpLowerPrioRepeat: 5 });
      expect(d.scripts[0]).toMatchObject({ name: "chk_fast", interval: 0.25, fall: 8, rise: 2 });
    }
  });

  test("the last dump of a log is read; a log without one gives none; passwords are masked", () => {
    const text = readFileSync(join(import.meta.dirname, "fixtures", "dump-2.3.4.log"), "utf8");
    expect(parseDump("Starting Keepalived v2.3.4\n")).toBeUndefined();
    const twice = text.replace("192.0.2.11 min_ttl", "192.0.2.99 min_ttl") + text;
    expect(parseDump(twice)!.instances[0].peers).toEqual(["192.0.2.11", "192.0.2.12"]);
    const cut = text.slice(0, text.indexOf("------< Interfaces >------"));
    expect(parseDump(cut)!.complete).toBe(false);
    expect(maskDumpSecrets(text)).not.toContain("secret12");
    expect(maskDumpSecrets(text)).toContain("Password = ********");
  });
});
