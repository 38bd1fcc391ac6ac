/**
 * Where the simulation's premise (the model's reading of each instance) differs from keepalived's own reading of the
 * same configuration (its dump). A scenario that disagrees in a cluster with such a difference disagrees because the
 * model misread the configuration, not because the election went another way: the report says so.
 * The model's values are mapped into the lab with the lab's own address reading, never the other way round.
 */
import { authApplies, type ClusterSimulation } from "../simulation.js";
import type { DumpedInstance } from "./keepalived-dump.js";
import type { LabClusterPlan } from "./lab-config.js";
import type { NodeReading } from "./lab-reading.js";

export interface ReadingDifference {
  node: string;
  instance: string;
  /** The configuration item (`unicast_src_ip`, `unicast_peer`, `virtual_ipaddress`, ...). */
  item: string;
  /** The model's reading, in lab addresses. */
  model: string;
  /** keepalived's reading, in lab addresses. */
  keepalived: string;
}

const list = (xs: readonly string[]): string => (xs.length ? [...xs].sort().join(", ") : "none");
const authName = (t: string | undefined): string =>
  t === undefined ? "none" : t === "SIMPLE_PASSWORD" ? "PASS" : t === "IPSEC_AH" ? "AH" : t;

export function readingDifferences(
  sim: ClusterSimulation,
  plan: LabClusterPlan,
  readings: ReadonlyMap<string, NodeReading>,
): ReadingDifference[] {
  const out: ReadingDifference[] = [];
  const seen = new Set<string>();
  const lab = (word: string): string => plan.addresses.labAddress(word) ?? word;
  for (const r of sim.routers) {
    // The members and trackers of the shared simulation (no context of the lab's own).
    for (const m of r.context.members) {
      const key = `${m.node.name}\u0000${m.instance.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const nodePlan = plan.nodes.find((p) => p.node === m.node);
      const dump = nodePlan ? readings.get(nodePlan.key)?.dump : undefined;
      if (!dump) continue;
      const add = (item: string, model: string, keepalived: string): void => {
        if (model !== keepalived) out.push({ node: m.node.name, instance: m.instance.name, item, model, keepalived });
      };
      const inst: DumpedInstance | undefined = dump.instances.find((i) => i.name === m.instance.name);
      if (!inst) {
        add("vrrp_instance", "runs", "not run (keepalived dropped the instance)");
        continue;
      }
      const mi = m.instance;
      add("virtual_router_id", String(mi.vrid?.value ?? "none"), String(inst.vrid ?? "none"));
      add("priority", String(mi.basePriority), String(inst.priority ?? "none"));
      add("version", String(mi.vrrpVersion), String(inst.version ?? "none"));
      add("advert_int", String(mi.advertInt), String(inst.advertInt ?? "none"));
      add("strict mode", mi.strict !== undefined ? "on" : "off", inst.strict ? "on" : "off");
      add(
        "unicast_src_ip",
        mi.unicastSrcIp ? lab(mi.unicastSrcIp.value) : "none",
        inst.sourceFromConfig && inst.source ? inst.source : "none",
      );
      add("adverts", mi.unicastPeers.length > 0 ? "unicast" : "multicast", inst.unicast ? "unicast" : "multicast");
      add("unicast_peer", list(mi.unicastPeers.map((p) => lab(p.address))), list(inst.peers));
      add("virtual_ipaddress", list(mi.vips.map((v) => lab(v.address))), list(inst.vips.map((v) => v.address)));
      const modelAuth = authApplies(mi) ? (mi.authentication?.type?.value ?? "none") : "none";
      add("authentication", modelAuth, authName(inst.authType));
      if (modelAuth === "PASS" && inst.authType === "SIMPLE_PASSWORD") {
        const pass = (mi.authentication?.pass?.value ?? "").slice(0, 8);
        // Never printed: only whether both read the same password.
        if (pass !== inst.password) add("auth_pass", "one password", "another password");
      }
      add("garp_master_refresh", String(mi.garp.refresh), String(inst.garpRefresh ?? "none"));
      add("garp_lower_prio_repeat", String(mi.garp.lowerPrioRepeat), String(inst.garpLowerPrioRepeat ?? "none"));
      const trackers = r.trackers.get(m);
      const modelScripts = (trackers?.active ?? [])
        .filter((t) => t.kind === "script")
        .map((t) => `${t.name} ${t.weight}${t.reverse ? " reverse" : ""}`);
      const keptScripts = inst.trackedScripts.map((t) => `${t.name} ${t.weight}${t.reverse ? " reverse" : ""}`);
      add("track_script", list(modelScripts), list(keptScripts));
      for (const t of trackers?.active ?? []) {
        if (t.kind !== "script" || !t.script) continue;
        const ds = dump.scripts.find((s) => s.name === t.name);
        if (!ds) continue;
        add(`vrrp_script ${t.name} interval`, String(t.script.interval), String(ds.interval ?? "none"));
        add(`vrrp_script ${t.name} fall`, String(t.script.fall), String(ds.fall ?? "none"));
        add(`vrrp_script ${t.name} rise`, String(t.script.rise), String(ds.rise ?? "none"));
      }
    }
  }
  return out;
}

export function describeDifference(d: ReadingDifference): string {
  return `${d.node}/${d.instance} ${d.item}: the model reads ${d.model}, keepalived ${d.keepalived}`;
}
