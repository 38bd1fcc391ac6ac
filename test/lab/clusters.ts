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
  /** Addresses each node has (as `addresses:` of .ha-lint.yaml declares them), by node name. */
  declared?: Record<string, string[]>;
  /**
   * What the real daemons do, per keepalived version (checked with the binaries, on every run): scenario id ->
   * holders (`lb01`, `lb01+lb02`, `nobody`). The lab suite asserts it whatever the simulation says.
   */
  real?: (version: string) => Record<string, string>;
  /**
   * The keepalived behaviour the simulation does not follow yet (the core's version work): where the simulation's
   * prediction differs from `real`, the disagreement is expected and reported as waiting for the core.
   */
  waitsForCore?: string;
  /** Reading differences (items) the current core is known to have with keepalived of this version. */
  coreMisreads?: (version: string) => string[];
  /** Detection time bounds of a script fault (seconds from the fail file to keepalived's log line), per version. */
  detection?: (version: string) => { scenario: string; min?: number; max?: number };
  /** The lab must report this lab-setup problem (and run no scenario). */
  setupProblem?: RegExp;
  /** Part of the sample `npm test` runs (the whole suite with HA_LINT_LAB_FULL=1). */
  ci?: boolean;
}

/** keepalived version at or above `than` ("2.3.3"). */
export const atLeast = (version: string, than: string): boolean => {
  const a = version.split(".").map(Number);
  const b = than.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

/** The holders of a normal pair (lb01 120 master, lb02 100, weight -30) in each scenario. */
const NORMAL_PAIR: Record<string, string> = {
  baseline: "lb01",
  "lb01:script:chk_haproxy": "lb02",
  "recover:lb01:script:chk_haproxy": "lb01",
  "lb01:interface:eth0": "lb02",
  "recover:lb01:interface:eth0": "lb01",
  "lb02:script:chk_haproxy": "lb01",
  "recover:lb02:script:chk_haproxy": "lb01",
  "lb02:interface:eth0": "lb01",
  "recover:lb02:interface:eth0": "lb01",
  "lb01:down": "lb02",
  "recover:lb01:down": "lb01",
  "lb02:down": "lb01",
  "recover:lb02:down": "lb01",
};

/** Both nodes MASTER except while one is away (adverts dropped both ways). */
const SPLIT_PAIR: Record<string, string> = Object.fromEntries(
  Object.entries(NORMAL_PAIR).map(([id, holder]) => [id, /^lb0[12]:(interface|down)/.test(id) ? holder : "lb01+lb02"]),
);

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

/** Marks a cluster as part of the sample `npm test` runs. */
const inCi = (cluster: LabCluster): LabCluster => ({ ...cluster, ci: true });

const auth = (pass: string): string => `  authentication {\n    auth_type PASS\n    auth_pass ${pass}\n  }`;

export const labClusters: LabCluster[] = [
  // The fixture of issue 14: unicast_src_ip and unicast_peer written with /24 on both nodes (inet_stosockaddr()
  // drops the prefix): a normal unicast pair on every version. The model of main reads no address there.
  {
    ...fixture("unicast-prefix-24"),
    real: () => NORMAL_PAIR,
    coreMisreads: () => ["unicast_src_ip", "adverts", "unicast_peer"],
    ci: true,
  },
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
  inCi(
    build("neg-weight-just-too-small", "120/100, weight -20: 100 = 100, equal never preempts (seed 3b)", [
      { priority: 120, state: "MASTER", weight: -20 },
      { priority: 100, state: "BACKUP", weight: -20 },
    ]),
  ),
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
  // Not in the npm test sample: its start-up decides by a 39 ms skew difference, which a loaded machine (load 30 on
  // 2 cores) overruns three boots in a row (lb02 then keeps the VIP).
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
  inCi(
    build("sync-group-weight-zero", "sync group with a weight-0 script: FAULT moves both instances", [
      { priority: 120, state: "MASTER", weight: 0, syncGroup: true },
      { priority: 100, state: "BACKUP", weight: 0, syncGroup: true },
    ]),
  ),

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

  // Address forms as keepalived reads them (issue 14): inet_stosockaddr() (lib/utils.c) cuts a source or peer word
  // at its first '-' or '/' before inet_pton(), so these pairs peer by unicast like plain addresses.
  {
    ...build("prefix-24", "unicast_src_ip and unicast_peer written with /24 on both nodes: a normal unicast pair", [
      { priority: 120, state: "MASTER", weight: -30, src: `${A}/24` },
      { priority: 100, state: "BACKUP", weight: -30, src: `${B}/24` },
    ]),
    real: () => NORMAL_PAIR,
    coreMisreads: () => ["unicast_src_ip", "adverts", "unicast_peer"],
  },
  {
    ...build(
      "prefix-24-one-node",
      "only lb01 writes /24 (source and peer): a normal unicast pair; a model that misreads /24 sees unicast vs multicast",
      [
        { priority: 120, state: "MASTER", weight: -30, src: `${A}/24` },
        { priority: 100, state: "BACKUP", weight: -30 },
      ],
      (t, i) => (i === 0 ? swap(t, `    ${B}\n`, `    ${B}/24\n`) : swap(t, `    ${A}/24\n`, `    ${A}\n`)),
    ),
    ci: true,
    real: () => NORMAL_PAIR,
    coreMisreads: () => ["unicast_src_ip", "adverts", "unicast_peer"],
  },
  {
    ...build(
      "peer-range",
      "lb01's peer written as a range (192.0.2.2-5): keepalived peers with 192.0.2.2 only",
      [
        { priority: 120, state: "MASTER", weight: -30 },
        { priority: 100, state: "BACKUP", weight: -30 },
      ],
      onNode(0, (t) => swap(t, `    ${B}\n`, `    ${B}-5\n`)),
    ),
    real: () => NORMAL_PAIR,
    coreMisreads: () => ["adverts", "unicast_peer"],
  },
  {
    ...build(
      "same-source-two-nodes",
      "lb02 copied lb01's unicast_src_ip and no node addresses are declared: a lab-setup problem, not a disagreement",
      [
        { priority: 120, state: "MASTER", weight: -30 },
        { priority: 100, state: "BACKUP", weight: -30, src: A },
      ],
    ),
    setupProblem: /cannot tell whose address it is/,
    ci: true,
  },

  // Behaviour changes between keepalived 2.2.7 and 2.3.x (issue 15), each checked on both versions.
  {
    ...build(
      "strict-false-auth-mismatch",
      "vrrp_strict false + auth_pass differing: 2.2 reads any argument as strict mode on, which drops authentication " +
        "(one master); 2.3 reads false (auth kept: split-brain)",
      [
        { priority: 120, state: "MASTER", weight: -30 },
        { priority: 100, state: "BACKUP", weight: -30 },
      ],
      (t, i) =>
        swap(
          swap(t, "global_defs {\n", "global_defs {\n  vrrp_strict false\n"),
          "  advert_int 1\n",
          `  advert_int 1\n${auth(i === 0 ? "secretAA" : "secretBB")}\n`,
        ),
    ),
    real: (v) => (atLeast(v, "2.3.0") ? SPLIT_PAIR : NORMAL_PAIR),
    waitsForCore: "2.3.0 reads vrrp_strict's argument as a boolean (global_parser.c vrrp_strict_handler())",
    coreMisreads: (v) => (atLeast(v, "2.3.0") ? ["strict mode", "authentication"] : []),
    ci: true,
  },
  {
    ...build(
      "subsecond-script-interval",
      "vrrp_script interval 0.25, fall 8: 2.2 rejects 0.25 and keeps 1 s (8 s to fail over); 2.3 runs it every 250 ms (2 s)",
      [
        { priority: 120, state: "MASTER", weight: -30 },
        { priority: 100, state: "BACKUP", weight: -30 },
      ],
      // timeout 1: the default timeout is the interval, and a 250 ms budget for a fork on a loaded machine is the
      // machine's limit, not keepalived's behaviour.
      (t) => swap(t, "  interval 1\n", "  interval 0.25\n  fall 8\n  timeout 1\n"),
    ),
    real: () => NORMAL_PAIR,
    detection: (v) =>
      atLeast(v, "2.3.2")
        ? { scenario: "lb01:script:chk_haproxy", max: 4.5 }
        : { scenario: "lb01:script:chk_haproxy", min: 6.5 },
    coreMisreads: (v) => (atLeast(v, "2.3.2") ? [] : ["vrrp_script chk_haproxy interval"]),
    ci: true,
  },
  {
    ...build(
      "unicast-src-not-on-node",
      "lb01's unicast_src_ip (192.0.2.9) is not its address (192.0.2.1): 2.2 cannot bind it (lb01 in FAULT); " +
        "2.3.3 sets IP_FREEBIND and sends from it",
      [
        { priority: 120, state: "MASTER", weight: -30, src: "192.0.2.9" },
        { priority: 100, state: "BACKUP", weight: -30 },
      ],
      onNode(1, (t) => swap(t, "    192.0.2.9\n", `    ${A}\n`)),
    ),
    declared: { lb01: [A], lb02: [B] },
    real: (v) =>
      atLeast(v, "2.3.3")
        ? {
            ...NORMAL_PAIR,
            // lb02's adverts go to 192.0.2.1, but lb01 listens on the address it binds (192.0.2.9): while lb01 is
            // below lb02 both are master.
            "lb01:script:chk_haproxy": "lb01+lb02",
          }
        : {
            // lb01 is in FAULT throughout: lb02 holds the VIP alone, and nobody when it is away.
            ...Object.fromEntries(Object.keys(NORMAL_PAIR).map((id) => [id, "lb02"])),
            "lb02:interface:eth0": "nobody",
            "lb02:down": "nobody",
          },
    ci: true,
  },

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
  {
    ...build(
      "vip-set-mismatch",
      "lb02 has one more VIP: 2.2 drops the adverts (split-brain); 2.3.3 accepts them (issue 15)",
      [
        { priority: 120, state: "MASTER", weight: -30 },
        { priority: 100, state: "BACKUP", weight: -30 },
      ],
      onNode(1, (t) =>
        swap(t, "    192.0.2.100/24 dev eth0\n", "    192.0.2.100/24 dev eth0\n    192.0.2.101/24 dev eth0\n"),
      ),
    ),
    real: (v) => (atLeast(v, "2.3.3") ? NORMAL_PAIR : SPLIT_PAIR),
    waitsForCore: "2.3.3 accepts adverts whose VIP set differs (vrrp.c vrrp_check_packet())",
    ci: true,
  },
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
