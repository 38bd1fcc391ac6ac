/**
 * The traffic suite's clusters: keepalived pairs from test/support/cluster-builder.ts (lb01 = 192.0.2.1, lb02 = .2,
 * VIP 192.0.2.100/24, vrrp_script chk_haproxy = `pgrep -x haproxy`, interval 1) with a haproxy.cfg (and sysctl.conf
 * where the case needs one) on each node, plus the two seed fixtures. `expect` names verdicts the suite checks on top
 * of "every verdict matches the static prediction".
 */
import { keepalivedConf, type NodeSpec } from "../support/cluster-builder.js";
import { labClusters } from "./clusters.js";

export interface TrafficLabCluster {
  name: string;
  about: string;
  files: Record<string, string>;
  /** scenario id prefix -> verdict the lab must see. */
  expect: Record<string, string>;
}

/** The clusters `npm test` runs (HA_LINT_LAB_FULL=1 runs all): a failover, the both-HAProxy-down case, blocked math. */
export const TRAFFIC_CI_SAMPLE = ["tr-failover", "tr-standby-cannot-bind", "tr-priority-blocked"];

const SRC = ["192.0.2.1", "192.0.2.2", "192.0.2.3"];

interface HaproxySpec {
  /** Bind address (default `*`). */
  bind?: string;
  mode?: "http" | "tcp";
  /** Servers: name -> `check` or not. */
  servers?: [string, boolean][];
  check?: string;
}

function haproxyCfg(h: HaproxySpec): string {
  const servers = h.servers ?? [
    ["app1", true],
    ["app2", true],
  ];
  const mode = h.mode ?? "http";
  return [
    "global",
    "    maxconn 2000",
    "defaults",
    `    mode ${mode}`,
    "    timeout connect 1s",
    "    timeout client 5s",
    "    timeout server 5s",
    "frontend entry",
    `    bind ${h.bind ?? "*"}:80`,
    "    default_backend app",
    "backend app",
    "    balance roundrobin",
    ...(mode === "http" ? ["    option httpchk GET /health"] : []),
    ...servers.map(
      ([name, check], i) =>
        `    server ${name} 192.0.2.${21 + i}:8080${check ? ` check ${h.check ?? "inter 500 fall 2 rise 2"}` : ""}`,
    ),
    "",
  ].join("\n");
}

function build(
  name: string,
  about: string,
  specs: (Omit<NodeSpec, "peers" | "src"> & { sysctl?: string })[],
  h: HaproxySpec,
  expect: Record<string, string>,
  edit?: (t: string, i: number) => string,
): TrafficLabCluster {
  const files: Record<string, string> = {};
  specs.forEach((s, i) => {
    const peers = SRC.slice(0, specs.length).filter((_, j) => j !== i);
    const text = keepalivedConf({ ...s, src: SRC[i], peers });
    files[`/lab/${name}/lb0${i + 1}/keepalived.conf`] = edit ? edit(text, i) : text;
    files[`/lab/${name}/lb0${i + 1}/haproxy.cfg`] = haproxyCfg(h);
    if (s.sysctl) files[`/lab/${name}/lb0${i + 1}/sysctl.conf`] = s.sysctl;
  });
  return { name, about, files, expect };
}

const pair = (weight: number | undefined, extra: Partial<NodeSpec> = {}): Omit<NodeSpec, "peers" | "src">[] => [
  { priority: 120, state: "MASTER", ...(weight !== undefined ? { weight } : {}), ...extra },
  { priority: 100, state: "BACKUP", ...(weight !== undefined ? { weight } : {}), ...extra },
];
const NONLOCAL = "net.ipv4.ip_nonlocal_bind = 1\n";

const seed = (name: string, expect: Record<string, string>): TrafficLabCluster => {
  const c = labClusters.find((x) => x.name === name);
  if (!c) throw new Error(`no lab cluster ${name}`);
  return { name, about: c.about, files: c.files, expect };
};

export const trafficClusters: TrafficLabCluster[] = [
  seed("seed-nginx", { "keepalived-stop": "OK" }),
  seed("seed-postgres", { "haproxy-stop": "NO FAILOVER" }),
  build(
    "tr-failover",
    "120/100, weight -30, wildcard binds, two checked servers: every scenario OK",
    pair(-30),
    {},
    { "haproxy-stop": "OK", "keepalived-stop": "OK", "backend-stop": "OK" },
  ),
  build(
    "tr-standby-cannot-bind",
    "binds the VIP; only lb01 sets ip_nonlocal_bind=1: HAProxy cannot start on lb02 (HA013)",
    [{ ...pair(-30)[0], sysctl: NONLOCAL }, { ...pair(-30)[1] }],
    { bind: "192.0.2.100" },
    // HAProxy stopped on lb01 does NOT fail over: lb02's HAProxy never started, so its own chk_haproxy fails too
    // (100 - 30 = 70 < 120 - 30 = 90) and lb01 keeps the VIP (the fixture ha013-no-nonlocal-bind says the same).
    // Only keepalived stopped on lb01 moves the VIP, onto a node without HAProxy.
    { baseline: "STANDBY CANNOT BIND", "haproxy-stop": "NO FAILOVER", "keepalived-stop": "STANDBY CANNOT BIND" },
  ),
  build(
    "tr-nonlocal-both",
    "binds the VIP; both nodes set ip_nonlocal_bind=1: failover works",
    pair(-30).map((s) => ({ ...s, sysctl: NONLOCAL })),
    { bind: "192.0.2.100" },
    { baseline: "OK", "haproxy-stop": "OK" },
  ),
  build(
    "tr-no-check",
    "server app1 has no 'check' (HP006): it keeps receiving requests when down",
    pair(-30),
    {
      servers: [
        ["app1", false],
        ["app2", true],
      ],
    },
    { "backend-stop": "BACKEND NOT REMOVED" },
  ),
  build(
    "tr-priority-blocked",
    "120/100, weight -10: 110 > 100, HAProxy stopped does not move the VIP (HA001)",
    pair(-10),
    {},
    { "haproxy-stop": "NO FAILOVER" },
  ),
  build(
    "tr-no-tracking",
    "no vrrp_script: nothing tells keepalived that HAProxy stopped (HA011)",
    pair(undefined),
    {},
    { "haproxy-stop": "NO FAILOVER", "keepalived-stop": "OK" },
  ),
  build(
    "tr-slow-check",
    "chk_haproxy interval 2 fall 4: the failover comes 6-8 s after HAProxy stops, longer than --max-outage 5000",
    pair(-30),
    {},
    { "haproxy-stop": "OUTAGE LONGER THAN --max-outage" },
    (t) => t.replace("  interval 1\n", "  interval 2\n  fall 4\n  rise 1\n"),
  ),
  build(
    "tr-tcp-mode",
    "mode tcp frontend and backend: TCP probes through the failover",
    pair(-30),
    { mode: "tcp", check: "inter 500 fall 2 rise 2" },
    { "haproxy-stop": "OK", "backend-stop": "OK" },
  ),
  build(
    "tr-single-server",
    "one server only: stopping it is an outage HAProxy cannot route around",
    pair(-30),
    { servers: [["app1", true]] },
    { "backend-stop": "OUTAGE LONGER THAN --max-outage" },
  ),
  build(
    "tr-three-nodes",
    "120/110/100, weight -30: HAProxy stopped on lb01 moves the VIP to lb02",
    [
      { priority: 120, state: "MASTER", weight: -30 },
      { priority: 110, state: "BACKUP", weight: -30 },
      { priority: 100, state: "BACKUP", weight: -30 },
    ],
    {},
    { "haproxy-stop": "OK" },
  ),
];
