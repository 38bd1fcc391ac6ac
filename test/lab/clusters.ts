/**
 * The lab suite's scenario clusters: small keepalived-only clusters built with test/support/cluster-builder.ts
 * (lb01 = 192.0.2.1, lb02 = .2, lb03 = .3, VIP 192.0.2.100/24, vrrp_script chk_haproxy with interval 1), plus the
 * two seed fixtures. Each one is a set of files under /lab/<name>/ analysed in memory.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { keepalivedConf, type NodeSpec } from "../support/cluster-builder.js";

export interface LabCluster {
  name: string;
  /** What the cluster exercises. */
  about: string;
  files: Record<string, string>;
}

const A = "192.0.2.1";
const B = "192.0.2.2";
const C = "192.0.2.3";
const SRC = [A, B, C];

type Spec = Omit<NodeSpec, "peers" | "src"> & { src?: string };
type Edit = (text: string, node: number) => string;

function build(name: string, about: string, specs: Spec[], edit?: Edit): LabCluster {
  const files: Record<string, string> = {};
  const full = specs.map((s, i) => ({ ...s, src: s.src ?? SRC[i] }));
  full.forEach((s, i) => {
    const peers = full.filter((_, j) => j !== i).map((o) => o.src);
    const text = keepalivedConf({ ...s, peers });
    files[`/lab/${name}/lb0${i + 1}/keepalived.conf`] = edit ? edit(text, i) : text;
  });
  return { name, about, files };
}

/** Replace one exact piece of the generated text (fails loudly when the builder's output changes). */
function swap(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`cluster edit: '${from}' not found`);
  return text.split(from).join(to);
}

const onNode =
  (n: number, edit: (t: string) => string): Edit =>
  (t, i) =>
    i === n ? edit(t) : t;

const multicast = (t: string): string =>
  t.replace(/ {2}unicast_src_ip .*\n {2}unicast_peer \{\n(?: {4}.*\n)* {2}\}\n/, "");

function fixture(name: string): LabCluster {
  const root = join(import.meta.dirname, "../../fixtures", name);
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else files[`/lab/${name}/${p.slice(root.length + 1)}`] = readFileSync(p, "utf8");
    }
  };
  walk(root);
  return { name, about: `the ${name} fixture`, files };
}

const auth = (pass: string): string => `  authentication {\n    auth_type PASS\n    auth_pass ${pass}\n  }`;

export const labClusters: LabCluster[] = [
  fixture("seed-postgres"),
  fixture("seed-nginx"),

  // Weights: negative, positive, zero; just too small and just large enough.
  build("neg-weight-enough", "120/100, weight -30: 90 < 100, failover (seed 2)", [
    { priority: 120, state: "MASTER", weight: -30 },
    { priority: 100, state: "BACKUP", weight: -30 },
  ]),
  build("neg-weight-too-small", "120/100, weight -10: 110 > 100, no failover (seed 3)", [
    { priority: 120, state: "MASTER", weight: -10 },
    { priority: 100, state: "BACKUP", weight: -10 },
  ]),
  build("neg-weight-just-too-small", "120/100, weight -20: 100 = 100, equal never preempts (seed 3b)", [
    { priority: 120, state: "MASTER", weight: -20 },
    { priority: 100, state: "BACKUP", weight: -20 },
  ]),
  build("neg-weight-just-enough", "120/100, weight -21: 99 < 100, failover", [
    { priority: 120, state: "MASTER", weight: -21 },
    { priority: 100, state: "BACKUP", weight: -21 },
  ]),
  build("pos-weight-just-enough", "100/99, weight 2: 100 < 101, failover (seed 1a)", [
    { priority: 100, state: "MASTER", weight: 2 },
    { priority: 99, state: "BACKUP", weight: 2 },
  ]),
  build("pos-weight-just-too-small", "100/99, weight 1: 100 = 100, no failover", [
    { priority: 100, state: "MASTER", weight: 1 },
    { priority: 99, state: "BACKUP", weight: 1 },
  ]),
  build("pos-weight-clamped", "200/100, weight 101: healthy 254 (clamped) vs 201, failed 200 < 201", [
    { priority: 200, state: "MASTER", weight: 101 },
    { priority: 100, state: "BACKUP", weight: 101 },
  ]),
  build("zero-weight", "100/120, weight 0: the master goes FAULT (seed 5)", [
    { priority: 100, state: "BACKUP", weight: 0 },
    { priority: 120, state: "MASTER", weight: 0 },
  ]),

  // Equal priorities: start-up races.
  build("equal-priorities-weighted", "100/100, weight 2: 102 = 102, start-up race (seed 1b)", [
    { priority: 100, state: "BACKUP", weight: 2 },
    { priority: 100, state: "BACKUP", weight: 2 },
  ]),
  build("equal-priorities-no-script", "100/100, both BACKUP, no tracking", [
    { priority: 100, state: "BACKUP" },
    { priority: 100, state: "BACKUP" },
  ]),

  // reverse
  build("reverse-negative", "100/120, weight -30 reverse: a failed check raises the priority", [
    { priority: 100, state: "BACKUP", weight: -30, reverse: true },
    { priority: 120, state: "MASTER", weight: -30, reverse: true },
  ]),
  build("reverse-positive", "120/100, weight 30 reverse: healthy nodes lose 30", [
    { priority: 120, state: "MASTER", weight: 30, reverse: true },
    { priority: 100, state: "BACKUP", weight: 30, reverse: true },
  ]),

  // nopreempt and preempt_delay
  build("nopreempt-both", "120/100 both nopreempt, weight -30: no failover (seed 4)", [
    { priority: 120, state: "BACKUP", nopreempt: true, weight: -30 },
    { priority: 100, state: "BACKUP", nopreempt: true, weight: -30 },
  ]),
  build("nopreempt-higher-node", "nopreempt on the 120 node only: it fails over but never takes the VIP back", [
    { priority: 120, state: "BACKUP", nopreempt: true, weight: -30 },
    { priority: 100, state: "BACKUP", weight: -30 },
  ]),
  build("nopreempt-lower-node", "nopreempt on the 100 node only: it never takes over from a live master", [
    { priority: 120, state: "BACKUP", weight: -30 },
    { priority: 100, state: "BACKUP", nopreempt: true, weight: -30 },
  ]),
  build("nopreempt-state-master", "state MASTER + nopreempt on both: nopreempt is cleared", [
    { priority: 120, state: "MASTER", nopreempt: true, weight: -30 },
    { priority: 100, state: "MASTER", nopreempt: true, weight: -30 },
  ]),
  build("preempt-delay", "preempt_delay 3 on the 120 node: it takes the VIP back after the delay", [
    { priority: 120, state: "BACKUP", weight: -30, extra: "  preempt_delay 3" },
    { priority: 100, state: "BACKUP", weight: -30 },
  ]),

  // Address owners
  build("owner-255", "priority 255: weights never apply to the owner", [
    { priority: 255, state: "MASTER", weight: -30 },
    { priority: 100, state: "BACKUP", weight: -30 },
  ]),
  build("state-master-no-priority", "state MASTER without priority is an owner (255)", [
    { state: "MASTER", weight: -30 },
    { priority: 100, state: "BACKUP", weight: -30 },
  ]),

  // Sync groups
  build(
    "sync-group-no-tracking-weight",
    "sync group without sync_group_tracking_weight: the weighted script is removed",
    [
      { priority: 120, state: "MASTER", weight: -30, syncGroup: true },
      { priority: 100, state: "BACKUP", weight: -30, syncGroup: true },
    ],
  ),
  build(
    "sync-group-tracking-weight",
    "sync group with sync_group_tracking_weight: the weight moves both instances",
    [
      { priority: 120, state: "MASTER", weight: -30, syncGroup: true },
      { priority: 100, state: "BACKUP", weight: -30, syncGroup: true },
    ],
    (t) => swap(t, "vrrp_sync_group G1 {\n", "vrrp_sync_group G1 {\n  sync_group_tracking_weight\n"),
  ),
  build("sync-group-weight-zero", "sync group with a weight-0 script: FAULT moves both instances", [
    { priority: 120, state: "MASTER", weight: 0, syncGroup: true },
    { priority: 100, state: "BACKUP", weight: 0, syncGroup: true },
  ]),

  // Unicast peer typos in each direction
  build(
    "peer-typo-higher-node",
    "lb01 (120) lists 192.0.2.9 instead of lb02: split-brain",
    [
      { priority: 120, state: "MASTER", weight: -30 },
      { priority: 100, state: "BACKUP", weight: -30 },
    ],
    onNode(0, (t) => swap(t, `    ${B}\n`, "    192.0.2.9\n")),
  ),
  build(
    "peer-typo-lower-node",
    "lb02 (100) lists 192.0.2.9 instead of lb01: fine until lb02 is master",
    [
      { priority: 120, state: "MASTER", weight: -30 },
      { priority: 100, state: "BACKUP", weight: -30 },
    ],
    onNode(1, (t) => swap(t, `    ${A}\n`, "    192.0.2.9\n")),
  ),

  // Packet checks
  build(
    "auth-mismatch",
    "auth_pass differs in its first 8 characters: split-brain",
    [
      { priority: 120, state: "MASTER", weight: -30 },
      { priority: 100, state: "BACKUP", weight: -30 },
    ],
    (t, i) => swap(t, "  advert_int 1\n", `  advert_int 1\n${auth(i === 0 ? "secretAA" : "secretBB")}\n`),
  ),
  build(
    "auth-truncation-match",
    "secret12AAA vs secret12BBB: equal after truncation to 8 characters",
    [
      { priority: 120, state: "MASTER", weight: -30 },
      { priority: 100, state: "BACKUP", weight: -30 },
    ],
    (t, i) => swap(t, "  advert_int 1\n", `  advert_int 1\n${auth(i === 0 ? "secret12AAA" : "secret12BBB")}\n`),
  ),
  build(
    "advert-int-mismatch",
    "advert_int 1 vs 2 (VRRPv2): adverts dropped, split-brain",
    [
      { priority: 120, state: "MASTER", weight: -30 },
      { priority: 100, state: "BACKUP", weight: -30 },
    ],
    onNode(1, (t) => swap(t, "  advert_int 1\n", "  advert_int 2\n")),
  ),
  build(
    "vip-set-mismatch",
    "lb02 has one more VIP: adverts dropped, split-brain",
    [
      { priority: 120, state: "MASTER", weight: -30 },
      { priority: 100, state: "BACKUP", weight: -30 },
    ],
    onNode(1, (t) =>
      swap(t, "    192.0.2.100/24 dev eth0\n", "    192.0.2.100/24 dev eth0\n    192.0.2.101/24 dev eth0\n"),
    ),
  ),
  build(
    "vrid-mismatch",
    "VRID 51 vs 52 for the same VIP: two routers, both master",
    [
      { priority: 120, state: "MASTER", weight: -30 },
      { priority: 100, state: "BACKUP", weight: -30 },
    ],
    onNode(1, (t) => swap(t, "virtual_router_id 51", "virtual_router_id 52")),
  ),
  build("version-mismatch", "VRRP version 2 vs 3: adverts dropped, split-brain", [
    { priority: 120, state: "MASTER", weight: -30 },
    { priority: 100, state: "BACKUP", weight: -30, extra: "  version 3" },
  ]),
  build(
    "unicast-multicast-mismatch",
    "lb01 unicast, lb02 multicast: split-brain",
    [
      { priority: 120, state: "MASTER", weight: -30 },
      { priority: 100, state: "BACKUP", weight: -30 },
    ],
    onNode(1, multicast),
  ),
  build(
    "multicast-pair",
    "multicast adverts over the lab bridge, 120/100, weight -30",
    [
      { priority: 120, state: "MASTER", weight: -30 },
      { priority: 100, state: "BACKUP", weight: -30 },
    ],
    multicast,
  ),
  build(
    "strict-mode",
    "vrrp_strict: state MASTER without 255 is reset to BACKUP; authentication ignored",
    [
      { priority: 120, state: "MASTER", weight: -30 },
      { priority: 100, state: "BACKUP", weight: -30 },
    ],
    (t) => swap(t, "global_defs {\n", "global_defs {\n  vrrp_strict\n"),
  ),

  // Three nodes
  build("three-nodes", "120/110/100, weight -30", [
    { priority: 120, state: "MASTER", weight: -30 },
    { priority: 110, state: "BACKUP", weight: -30 },
    { priority: 100, state: "BACKUP", weight: -30 },
  ]),
  build("three-nodes-equal-backups", "120/100/100, weight -30: two equal backups", [
    { priority: 120, state: "MASTER", weight: -30 },
    { priority: 100, state: "BACKUP", weight: -30 },
    { priority: 100, state: "BACKUP", weight: -30 },
  ]),
  build(
    "three-nodes-missing-peer",
    "lb01 does not list lb03: lb03 never hears the master",
    [
      { priority: 120, state: "MASTER", weight: -30 },
      { priority: 110, state: "BACKUP", weight: -30 },
      { priority: 100, state: "BACKUP", weight: -30 },
    ],
    onNode(0, (t) => swap(t, `    ${C}\n`, "")),
  ),

  // track_interface
  build("track-interface-fault", "track_interface eth1 (weight 0): eth1 down puts the node in FAULT", [
    { priority: 120, state: "MASTER", extra: "  track_interface {\n    eth1\n  }" },
    { priority: 100, state: "BACKUP", extra: "  track_interface {\n    eth1\n  }" },
  ]),
  build("track-interface-weighted", "track_interface eth1 weight -30: eth1 down lowers the priority", [
    { priority: 120, state: "MASTER", extra: "  track_interface {\n    eth1 weight -30\n  }" },
    { priority: 100, state: "BACKUP", extra: "  track_interface {\n    eth1 weight -30\n  }" },
  ]),
];
