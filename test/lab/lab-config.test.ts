/** The lab copy of each node's config (no root needed): mapping, stubs, and everything else kept. */
import { describe, expect, test } from "vitest";
import { planCluster } from "../../server/src/lab/lab-config.js";
import { buildKeepalivedConfig } from "../../server/src/model/keepalived-config.js";
import { parseKeepalived } from "../../server/src/syntax/keepalived/parse.js";
import { analyzeFiles } from "../support/cluster-builder.js";
import { labClusters } from "./clusters.js";

const LAB = /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/;

function plan(name: string) {
  const c = labClusters.find((x) => x.name === name)!;
  const cluster = analyzeFiles(c.files).input.clusters[0];
  return planCluster(cluster, "/tmp/ha-lint-lab-test/c0");
}

const reparse = (text: string) => buildKeepalivedConfig(parseKeepalived("/lab.conf", text));

describe("lab configs", () => {
  test("addresses map one-to-one into the lab ranges, in the same order, consistently across nodes", () => {
    const p = plan("seed-postgres");
    const map = new Map(p.addresses.entries());
    expect([...map.keys()].sort()).toEqual(["10.114.16.50", "10.114.16.64", "10.114.16.72"]);
    for (const v of map.values()) expect(v).toMatch(LAB);
    expect(new Set(map.values()).size).toBe(map.size);
    expect(Number(map.get("10.114.16.50")!.split(".")[3])).toBeLessThan(Number(map.get("10.114.16.64")!.split(".")[3]));
    const [a, b] = p.nodes.map((n) => reparse(n.config));
    expect(a.instances[0].unicastSrcIp?.value).toBe(map.get("10.114.16.50"));
    expect(b.instances[0].unicastPeers.map((x) => x.address)).toEqual([map.get("10.114.16.50")]);
    expect(a.instances[0].vips[0].text).toBe(`${map.get("10.114.16.72")}/24`);
    // The lab's first guess of the nodes' addresses (keepalived's own reading confirms it before the run).
    expect(p.nodes.map((n) => n.guessedAddresses)).toEqual([[map.get("10.114.16.50")], [map.get("10.114.16.64")]]);
    for (const n of p.nodes) expect(n.config).not.toContain("10.114.16.");
  });

  test("a typo in a peer list maps to an address no node has", () => {
    const p = plan("peer-typo-higher-node");
    const a = reparse(p.nodes[0].config);
    const own = p.nodes.flatMap((n) => n.guessedAddresses);
    expect(a.instances[0].unicastPeers).toHaveLength(1);
    expect(own).not.toContain(a.instances[0].unicastPeers[0].address);
  });

  test("scripts become stubs with a fail file; interval, fall, rise, weight and reverse are kept; notify is left out", () => {
    const p = plan("seed-nginx");
    const n = p.nodes[0];
    const k = reparse(n.config);
    const s = k.scripts.get("chk_haproxy")!;
    expect(s.command?.args).toEqual([
      p.shell,
      "-c",
      `test ! -e /tmp/ha-lint-lab-test/c0/lb01/${n.failFiles.get("chk_haproxy")}`,
    ]);
    expect([s.interval, s.fall, s.rise, s.weight, s.weightReverse]).toEqual([2, 3, 2, -30, false]);
    expect(k.enableScriptSecurity).toBeDefined();
    expect(k.scriptUser?.value).toBe("root");
    const r = reparse(plan("reverse-positive").nodes[0].config).scripts.get("chk_haproxy")!;
    expect([r.weight, r.weightReverse]).toEqual([30, true]);
    expect(plan("seed-postgres").nodes[0].config).not.toContain("notify_master");
    expect(plan("seed-postgres").nodes[0].notes.join()).toContain("notify_master");
  });

  test("address words keep their suffix as written: keepalived reads the lab copy as it reads the original", () => {
    const p = planCluster(
      analyzeFiles({
        "/c/lb01/keepalived.conf": [
          "vrrp_instance VI_1 {",
          "  interface eth0",
          "  virtual_router_id 51",
          "  unicast_src_ip 10.0.0.91/24",
          "  unicast_peer {",
          "    10.0.0.92/24",
          "    10.0.0.93-95",
          "    10.0.0.94x",
          "    010.0.0.1",
          "  }",
          "  virtual_ipaddress {",
          "    10.0.0.100/24 dev eth0 brd 10.0.0.255",
          "    10.0.0.101/33",
          "  }",
          "}",
          "",
        ].join("\n"),
      }).input.clusters[0],
      "/tmp/x",
    );
    const m = new Map(p.addresses.entries());
    const lab = (a: string) => m.get(a)!;
    const config = p.nodes[0].config;
    expect(config).toContain(`unicast_src_ip ${lab("10.0.0.91")}/24\n`);
    expect(config).toContain(`    ${lab("10.0.0.92")}/24\n`);
    expect(config).toContain(`    ${lab("10.0.0.93")}-95\n`);
    expect(config).toContain(`    ${lab("10.0.0.94")}x\n`);
    // Not an address inet_pton() reads (a leading zero): left as written, as keepalived skips it either way.
    expect(config).toContain("    010.0.0.1\n");
    expect(config).toContain(`    ${lab("10.0.0.100")}/24 dev eth0 brd ${lab("10.0.0.255")}\n`);
    expect(config).toContain(`    ${lab("10.0.0.101")}/33\n`);
    expect(config).not.toMatch(/\b10\.0\.0\./);
    // Numeric order is kept (keepalived breaks ties by the higher address).
    const order = ["10.0.0.91", "10.0.0.92", "10.0.0.93", "10.0.0.94", "10.0.0.100", "10.0.0.101", "10.0.0.255"];
    const hosts = order.map((a) => Number(lab(a).split(".")[3]));
    expect([...hosts].sort((x, y) => x - y)).toEqual(hosts);
    expect(p.nodes[0].guessedAddresses).toEqual([lab("10.0.0.91")]);
  });

  test("declared node addresses come first and an IPv6 address word is refused", () => {
    const c = labClusters.find((x) => x.name === "neg-weight-enough")!;
    const cluster = analyzeFiles(c.files).input.clusters[0];
    const p = planCluster(cluster, "/tmp/x", {
      declaredAddresses: new Map([[cluster.nodes[0].keepalived!.file, ["192.0.2.7"]]]),
    });
    expect(p.nodes[0].declaredAddresses).toEqual([new Map(p.addresses.entries()).get("192.0.2.7")]);
    expect(p.nodes[1].declaredAddresses).toEqual([]);
    const v6 = analyzeFiles({
      "/c/lb01/keepalived.conf":
        "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 5\n  virtual_ipaddress {\n    2001:db8::1/64\n  }\n}\n",
    }).input.clusters[0];
    expect(() => planCluster(v6, "/tmp/x")).toThrow(/IPv6/);
  });

  test("interfaces: the VRRP interface is the lab link (same name), other interfaces are dummies", () => {
    const p = plan("track-interface-fault");
    expect(p.nodes[0].link).toBe("eth0");
    expect(p.nodes[0].dummies).toEqual(["eth1"]);
    expect(plan("seed-postgres").nodes[0].link).toBe("enp1s0");
  });

  test("everything the election depends on is kept", () => {
    for (const c of labClusters) {
      const cluster = analyzeFiles(c.files).input.clusters[0];
      const p = planCluster(cluster, "/tmp/x");
      p.nodes.forEach((n) => {
        const orig = n.node.keepalived!;
        const lab = reparse(n.config);
        const pick = (k: typeof orig) =>
          k.instances.map((i) => ({
            name: i.name,
            state: i.initialState,
            base: i.basePriority,
            vrid: i.vrid?.value,
            advert: i.advertInt,
            nopreempt: i.nopreempt !== undefined,
            preemptDelay: i.preemptDelay?.value,
            auth: [i.authentication?.type?.value, i.authentication?.pass?.value],
            strict: i.strict !== undefined,
            version: i.vrrpVersion,
            vips: i.vips.length,
            peers: i.unicastPeers.length,
            tracks: i.trackScripts.map((t) => [t.name, t.weightOverride, t.reverseOverride]),
            trackIfaces: i.trackInterfaces.map((t) => [t.name, t.weight, t.reverse]),
            group: i.syncGroup,
          }));
        expect(pick(lab), `${c.name} ${n.node.name}`).toEqual(pick(orig));
        expect(lab.syncGroups.map((g) => [g.name, g.trackingWeight])).toEqual(
          orig.syncGroups.map((g) => [g.name, g.trackingWeight]),
        );
        expect(n.config).not.toMatch(/pgrep|killall|check_haproxy\.sh/);
      });
    }
  });
});
