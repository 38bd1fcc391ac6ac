/**
 * The simulation follows each node's keepalived version where keepalived changed (schema/versions.ts; the sources
 * named in simulate/hearing.ts and simulate/trackers.ts): one cluster per behaviour change, run on the versions on
 * both sides of the change, and with mixed versions where the nodes interact.
 */
import { describe, expect, test } from "vitest";
import { analyze, type AnalysisResult } from "../../server/src/analyze.js";
import type { AnalysisSettings } from "../../server/src/rules/context.js";
import type { ScenarioOutcome } from "../../server/src/simulate/scenarios.js";
import { virtualHost } from "../support/virtual-host.js";

interface Node {
  priority: number;
  state?: "MASTER" | "BACKUP";
  src: string;
  peers?: string[];
  vips?: string[];
  global?: string;
  script?: string;
  extra?: string;
  unicast?: boolean;
}

const A = "192.0.2.11";
const B = "192.0.2.12";

function conf(n: Node): string {
  const unicast = n.unicast !== false;
  return `global_defs {
  enable_script_security
  script_user root
${n.global ?? ""}
}
vrrp_script chk_haproxy {
  script "${n.script ?? "/usr/bin/pgrep -x haproxy"}"
  interval 1
  weight -30
}
vrrp_instance VI_1 {
  state ${n.state ?? "BACKUP"}
  interface eth0
  virtual_router_id 51
  priority ${n.priority}
  advert_int 1
${unicast ? `  unicast_src_ip ${n.src}\n  unicast_peer {\n${(n.peers ?? []).map((p) => `    ${p}\n`).join("")}  }` : ""}
  virtual_ipaddress {
${(n.vips ?? ["192.0.2.100/24"]).map((v) => `    ${v} dev eth0\n`).join("")}  }
  track_script {
    chk_haproxy
  }
${n.extra ?? ""}
}
`;
}

/** lb01 and lb02 (peering with each other unless peers are given), analysed with these settings. */
function pair(lb01: Node, lb02: Node, settings: Partial<AnalysisSettings>): AnalysisResult {
  const files: Record<string, string> = {
    "/c/lb01/keepalived.conf": conf({ peers: [lb02.src], ...lb01 }),
    "/c/lb02/keepalived.conf": conf({ peers: [lb01.src], ...lb02 }),
  };
  return analyze({
    files: Object.entries(files).map(([path, text]) => ({ path, text })),
    host: virtualHost(files),
    settings,
  });
}

function scenario(result: AnalysisResult, id: string): ScenarioOutcome {
  const router = result.input.simulations[0].routers[0];
  const found = [router.baseline, ...router.failures, ...router.recoveries].find((s) => s.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}

const outcome = (r: AnalysisResult, id: string) => {
  const s = scenario(r, id);
  return { holders: s.holders, verdict: s.verdict };
};

describe("VIP sets that differ (vrrp_check_packet(); accepted from 2.3.3)", () => {
  const lb01: Node = { priority: 120, state: "MASTER", src: A, vips: ["192.0.2.100/24", "192.0.2.101/24"] };
  const lb02: Node = { priority: 100, src: B };
  test("2.2.7: adverts dropped, both MASTER", () => {
    expect(outcome(pair(lb01, lb02, { keepalivedVersion: "2.2.7" }), "baseline")).toEqual({
      holders: ["lb01", "lb02"],
      verdict: "split-brain",
    });
  });
  test("2.3.2: still dropped", () => {
    expect(outcome(pair(lb01, lb02, { keepalivedVersion: "2.3.2" }), "baseline").verdict).toBe("split-brain");
  });
  test("2.3.3: accepted, one master", () => {
    expect(outcome(pair(lb01, lb02, { keepalivedVersion: "2.3.3" }), "baseline")).toEqual({
      holders: ["lb01"],
      verdict: "ok",
    });
  });
  test("mixed (lb01 2.3.4, lb02 2.2.7): lb02 drops lb01's adverts; when lb01 fails, lb01 accepts lb02's", () => {
    const settings = {
      keepalivedVersion: "2.2.7",
      nodeVersions: { lb01: { keepalivedVersion: "2.3.4" } },
    };
    const r = pair(lb01, lb02, settings);
    expect(r.input.clusters[0].nodes.map((n) => n.keepalivedVersion)).toEqual(["2.3.4", "2.2.7"]);
    expect(outcome(r, "baseline")).toEqual({ holders: ["lb01", "lb02"], verdict: "split-brain" });
    expect(outcome(r, "lb01:script:chk_haproxy")).toEqual({ holders: ["lb02"], verdict: "ok" });
  });
  test("mixed the other way (lb01 2.2.7, lb02 2.3.4): lb02 accepts the master's adverts, no split-brain", () => {
    const r = pair(lb01, lb02, { keepalivedVersion: "2.3.4", nodeVersions: { lb01: { keepalivedVersion: "2.2.7" } } });
    expect(outcome(r, "baseline")).toEqual({ holders: ["lb01"], verdict: "ok" });
  });
});

describe("a VIP listed twice on one node (kept before 2.3.3, refused from 2.3.3)", () => {
  const lb01: Node = { priority: 120, state: "MASTER", src: A, vips: ["192.0.2.100/24", "192.0.2.100/24"] };
  const lb02: Node = { priority: 100, src: B };
  test("2.2.7: the advert carries two addresses, lb02 expects one: split-brain", () => {
    expect(outcome(pair(lb01, lb02, { keepalivedVersion: "2.2.7" }), "baseline").verdict).toBe("split-brain");
  });
  test("2.3.3: the repeat is dropped", () => {
    const r = pair(lb01, lb02, { keepalivedVersion: "2.3.3" });
    expect(r.input.clusters[0].nodes[0].keepalived!.instances[0].vips).toHaveLength(1);
    expect(outcome(r, "baseline").verdict).toBe("ok");
  });
});

describe("unicast_src_ip copied from the other node (FAULT before 2.3.3, IP_FREEBIND from 2.3.3)", () => {
  const lb01: Node = { priority: 120, state: "MASTER", src: A, peers: [B] };
  const lb02: Node = { priority: 100, src: A, peers: [A] };
  test("2.2.7: lb02 cannot bind the address and stays in FAULT", () => {
    const base = scenario(pair(lb01, lb02, { keepalivedVersion: "2.2.7" }), "baseline");
    expect(base.states.lb02).toBe("FAULT");
    expect(base.holders).toEqual(["lb01"]);
  });
  test("2.3.3: lb02 runs but hears nobody, and lb01 drops adverts from its own address: split-brain", () => {
    const base = scenario(pair(lb01, lb02, { keepalivedVersion: "2.3.3" }), "baseline");
    expect(base.states.lb02).toBe("MASTER");
    expect(base.verdict).toBe("split-brain");
  });
});

describe("vrrp_strict false (any argument meant on before 2.3.0)", () => {
  const global = "  vrrp_strict false";
  const lb01: Node = { priority: 120, state: "MASTER", src: A, global, unicast: false };
  const lb02: Node = { priority: 100, src: B, global, unicast: false };
  test("2.2.8: strict mode applies (state MASTER of a non-owner is reset)", () => {
    const r = pair(lb01, lb02, { keepalivedVersion: "2.2.8" });
    const inst = r.input.clusters[0].nodes[0].keepalived!.instances[0];
    expect(inst.strict).toBeDefined();
    const router = r.input.simulations[0].routers[0];
    expect([...router.trackers.values()].map((t) => t.initialState)).toEqual(["BACKUP", "BACKUP"]);
  });
  test("2.3.0: off", () => {
    const r = pair(lb01, lb02, { keepalivedVersion: "2.3.0" });
    expect(r.input.clusters[0].nodes[0].keepalived!.instances[0].strict).toBeUndefined();
    const router = r.input.simulations[0].routers[0];
    expect([...router.trackers.values()].map((t) => t.initialState)).toEqual(["MASTER", "BACKUP"]);
  });
});

describe("two address owners in strict mode (owner_ignore_adverts from 2.3.3)", () => {
  const global = "  vrrp_strict";
  const lb01: Node = { priority: 255, state: "MASTER", src: A, global, unicast: false };
  const lb02: Node = { priority: 255, state: "MASTER", src: B, global, unicast: false };
  test("2.2.7: the owners hear each other and one yields", () => {
    expect(outcome(pair(lb01, lb02, { keepalivedVersion: "2.2.7" }), "baseline").holders).toHaveLength(1);
  });
  test("2.3.3: each owner drops the other's adverts: both MASTER", () => {
    expect(outcome(pair(lb01, lb02, { keepalivedVersion: "2.3.3" }), "baseline").verdict).toBe("split-brain");
  });
});

describe("two address owners with `owner_ignore_adverts false` (vrrp.c vrrp_complete_instance() turns it on)", () => {
  const extra = "  owner_ignore_adverts false";
  const lb01: Node = { priority: 255, state: "MASTER", src: A, extra, unicast: false };
  const lb02: Node = { priority: 255, state: "MASTER", src: B, extra, unicast: false };
  test("2.3.3: the explicit false is overridden, each owner drops the other's adverts: both MASTER", () => {
    expect(outcome(pair(lb01, lb02, { keepalivedVersion: "2.3.3" }), "baseline").verdict).toBe("split-brain");
  });
  test("2.3.3: without the line (no strict mode, no global setting) the owners hear each other", () => {
    const plain = (n: Node): Node => ({ ...n, extra: "" });
    expect(outcome(pair(plain(lb01), plain(lb02), { keepalivedVersion: "2.3.3" }), "baseline").holders).toHaveLength(1);
  });
  test("2.3.3: an unknown word leaves the global vrrp_owner_ignore_adverts as it was (off)", () => {
    const odd = (n: Node): Node => ({ ...n, extra: "", global: "  vrrp_owner_ignore_adverts maybe" });
    expect(outcome(pair(odd(lb01), odd(lb02), { keepalivedVersion: "2.3.3" }), "baseline").holders).toHaveLength(1);
  });
});

describe("strict mode with unicast peers (the whole VRRP process stops from 2.4.0)", () => {
  const lb01: Node = { priority: 120, state: "MASTER", src: A, global: "  vrrp_strict" };
  const lb02: Node = { priority: 100, src: B };
  test("2.3.4: the check never fires, lb01 holds the VIP", () => {
    expect(outcome(pair(lb01, lb02, { keepalivedVersion: "2.3.4" }), "baseline").holders).toEqual(["lb01"]);
  });
  test("2.4.0: lb01 runs no VRRP at all", () => {
    const base = scenario(pair(lb01, lb02, { keepalivedVersion: "2.4.0" }), "baseline");
    expect(base.states.lb01).toBe("DOWN");
    expect(base.holders).toEqual(["lb02"]);
  });
  test("mixed: only the 2.4 node stops", () => {
    const settings = { keepalivedVersion: "2.3.4", nodeVersions: { lb01: { keepalivedVersion: "2.4.3" } } };
    expect(scenario(pair(lb01, lb02, settings), "baseline").states).toEqual({ lb01: "DOWN", lb02: "MASTER" });
  });
});

describe("a check written as /bin/... (disabled by keepalived 2.3.0 and later on merged-/usr systems)", () => {
  const script = "/bin/sh -c 'pgrep -x haproxy'";
  const lb01: Node = { priority: 120, state: "MASTER", src: A, script };
  const lb02: Node = { priority: 100, src: B, script };
  test("2.2.7: the check moves the VIP", () => {
    expect(outcome(pair(lb01, lb02, { keepalivedVersion: "2.2.7" }), "lb01:script:chk_haproxy")).toEqual({
      holders: ["lb02"],
      verdict: "ok",
    });
  });
  test("2.3.3: the tracker is dropped, HAProxy's failure does not move the VIP", () => {
    const r = pair(lb01, lb02, { keepalivedVersion: "2.3.3" });
    const router = r.input.simulations[0].routers[0];
    expect([...router.trackers.values()][0].dropped.map((d) => d.rule)).toEqual(["KA073"]);
    expect(outcome(r, "lb01:script:chk_haproxy")).toEqual({ holders: ["lb01"], verdict: "no-failover" });
  });
});

describe("vrrp_script interval in milliseconds (from 2.3.2)", () => {
  const lb01: Node = { priority: 120, state: "MASTER", src: A };
  const interval = (version: string): number => {
    const text = conf({ ...lb01, peers: [B] }).replace("interval 1", "interval 0.5");
    const r = analyze({ files: [{ path: "/c/lb01/keepalived.conf", text }], settings: { keepalivedVersion: version } });
    return r.input.clusters[0].nodes[0].keepalived!.scripts.get("chk_haproxy")!.interval;
  };
  test("2.3.1 refuses 0.5 and keeps 1 s; 2.3.2 reads 0.5 s", () => {
    expect(interval("2.3.1")).toBe(1);
    expect(interval("2.3.2")).toBe(0.5);
  });
});
