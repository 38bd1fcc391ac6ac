/** Discovery of nodes and clusters from paths, and their split by VRRP linkage. */
import { describe, expect, test } from "vitest";
import { analyze } from "../../server/src/analyze.js";
import { layoutFiles } from "../../server/src/model/discovery.js";
import { examplePair, exampleKeepalived } from "../../server/src/rules/cluster/example-pair.js";
import { virtualHost } from "../support/virtual-host.js";

const ka = (p: string) => ({ path: p, language: "keepalived" as const });
const hp = (p: string) => ({ path: p, language: "haproxy" as const });

function run(files: Record<string, string>, manifest?: Parameters<typeof analyze>[0]["manifest"]) {
  const roots = Object.keys(files).filter((f) => /(keepalived.*\.conf|\.conf\.[a-z0-9]+|haproxy\.cfg)$/.test(f));
  return analyze({ files: roots.map((path) => ({ path, text: files[path] })), host: virtualHost(files), manifest });
}

describe("layouts", () => {
  test("DIR/<node>/keepalived.conf + haproxy.cfg: the node is the folder", () => {
    const l = layoutFiles([
      ka("/x/lb01/keepalived.conf"),
      hp("/x/lb01/haproxy.cfg"),
      ka("/x/lb02/keepalived.conf"),
      hp("/x/lb02/haproxy.cfg"),
    ]);
    expect(l.map((c) => [c.id, c.nodes.map((n) => [n.name, n.keepalived, n.haproxy])])).toEqual([
      [
        "/x",
        [
          ["lb01", "/x/lb01/keepalived.conf", "/x/lb01/haproxy.cfg"],
          ["lb02", "/x/lb02/keepalived.conf", "/x/lb02/haproxy.cfg"],
        ],
      ],
    ]);
  });

  test("/etc trees: DIR/<node>/etc/keepalived/keepalived.conf, etc/haproxy/haproxy.cfg", () => {
    const l = layoutFiles([
      ka("/x/lb01/etc/keepalived/keepalived.conf"),
      hp("/x/lb01/etc/haproxy/haproxy.cfg"),
      ka("/x/lb02/etc/keepalived/keepalived.conf"),
    ]);
    expect(l[0].nodes.map((n) => [n.name, n.etcRoot, n.haproxy])).toEqual([
      ["lb01", "/x/lb01", "/x/lb01/etc/haproxy/haproxy.cfg"],
      ["lb02", "/x/lb02", undefined],
    ]);
  });

  test("one folder with keepalived files named per node and one shared haproxy.cfg", () => {
    const cases: [string[], string[]][] = [
      [
        ["keepalived-lb01.conf", "keepalived-lb02.conf"],
        ["lb01", "lb02"],
      ],
      [
        ["lb01.keepalived.conf", "lb02.keepalived.conf"],
        ["lb01", "lb02"],
      ],
      [
        ["keepalived.conf.lb01", "keepalived.conf.lb02"],
        ["lb01", "lb02"],
      ],
      [
        ["keepalived-master.conf", "keepalived-backup.conf"],
        ["backup", "master"],
      ],
    ];
    for (const [names, nodes] of cases) {
      const l = layoutFiles([ka(`/x/${names[0]}`), ka(`/x/${names[1]}`), hp("/x/haproxy.cfg")]);
      expect(l.length).toBe(1);
      expect(l[0].nodes.map((n) => n.haproxy)).toEqual(["/x/haproxy.cfg", "/x/haproxy.cfg"]);
      expect(l[0].nodes.map((n) => n.name)).toEqual(nodes);
    }
  });

  test("a manifest names clusters, nodes and their files", () => {
    const l = layoutFiles([ka("/m/a.conf"), hp("/m/shared.cfg")], {
      dir: "/m",
      clusters: [
        {
          id: "pg",
          nodes: [
            { name: "lb01", keepalived: "a.conf", haproxy: "shared.cfg", addresses: ["198.51.100.11"] },
            { name: "lb02", keepalived: "b.conf", haproxy: "shared.cfg" },
          ],
        },
      ],
    });
    expect(
      l.map((c) => [c.id, c.explicit, c.nodes.map((n) => [n.name, n.keepalived, n.haproxy, n.addresses])]),
    ).toEqual([
      [
        "pg",
        true,
        [
          ["lb01", "/m/a.conf", "/m/shared.cfg", ["198.51.100.11"]],
          ["lb02", "/m/b.conf", "/m/shared.cfg", []],
        ],
      ],
    ]);
  });
});

describe("clusters", () => {
  test("nodes under one parent that share a VRID form one cluster; others split off", () => {
    const pair = examplePair();
    const other = exampleKeepalived({
      vrid: 77,
      vips: ["203.0.113.50/24"],
      src: "198.51.100.31",
      peers: ["198.51.100.32"],
    });
    const r = run({
      "/x/lb01/keepalived.conf": pair["lb01/keepalived.conf"],
      "/x/lb02/keepalived.conf": pair["lb02/keepalived.conf"],
      "/x/db01/keepalived.conf": other,
    });
    expect(r.input.clusters.map((c) => [c.id, c.nodes.map((n) => n.name)])).toEqual([
      ["/x#1", ["db01"]],
      ["/x#2", ["lb01", "lb02"]],
    ]);
  });

  test("a lone file is a one-node cluster", () => {
    const r = run({ "/y/keepalived.conf": exampleKeepalived({}) });
    expect(r.input.clusters.map((c) => [c.nodes.length, c.routers.length])).toEqual([[1, 1]]);
  });

  test("scripts are read as text from the node's tree, never run", () => {
    const pair = examplePair({ check: "/etc/keepalived/check.sh" });
    const r = run({
      "/e/lb01/etc/keepalived/keepalived.conf": pair["lb01/keepalived.conf"],
      "/e/lb01/etc/keepalived/check.sh": "#!/bin/sh\npidof haproxy\n",
      "/e/lb02/keepalived.conf": examplePair({}, { check: "/etc/keepalived/check.sh" })["lb02/keepalived.conf"],
      "/e/lb02/check.sh": "#!/bin/sh\nss -lnt | grep -q ':80 '\n",
    });
    const scripts = r.input.clusters[0].nodes.map((n) => n.keepalived!.scripts.get("chk_haproxy")!.command!);
    expect(scripts.map((c) => [c.filePath, c.fileText?.split("\n")[1]])).toEqual([
      ["/e/lb01/etc/keepalived/check.sh", "pidof haproxy"],
      ["/e/lb02/check.sh", "ss -lnt | grep -q ':80 '"],
    ]);
  });

  test("sysctl settings come from etc/sysctl.conf and etc/sysctl.d/*.conf, the later one winning", () => {
    const pair = examplePair();
    const r = run({
      "/s/lb01/etc/keepalived/keepalived.conf": pair["lb01/keepalived.conf"],
      "/s/lb01/etc/sysctl.conf": "net.ipv4.ip_nonlocal_bind = 0\n",
      "/s/lb01/etc/sysctl.d/99-haproxy.conf": "# allow VIP binds\nnet.ipv4.ip_nonlocal_bind=1\n",
    });
    const node = r.input.clusters[0].nodes[0];
    expect(node.sysctl?.get("net.ipv4.ip_nonlocal_bind")?.value).toBe("1");
    expect(node.sysctlFiles).toEqual(["/s/lb01/etc/sysctl.conf", "/s/lb01/etc/sysctl.d/99-haproxy.conf"]);
  });
});
