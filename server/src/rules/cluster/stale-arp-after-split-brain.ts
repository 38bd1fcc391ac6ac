import type { Node, VrrpInstance } from "../../model/types.js";
import type { Location } from "../../syntax/source.js";
import { defineRule } from "../rule.js";
import { related } from "./router-view.js";

/** The instances of one node whose GARPs one line turns off (a global vrrp_strict covers several). */
interface Silent {
  node: Node;
  cause: NonNullable<VrrpInstance["garp"]["lowerPrioOff"]>;
  instances: VrrpInstance[];
  /** The other nodes of the instances' virtual routers: the ones that take the VIP in a split brain. */
  others: Set<string>;
}

const CAUSES: Record<Silent["cause"]["keyword"], string> = {
  strict: "strict mode (vrrp_strict / strict_mode)",
  garp_lower_prio_repeat: "garp_lower_prio_repeat 0",
  vrrp_garp_lower_prio_repeat: "vrrp_garp_lower_prio_repeat 0",
};

/** One entry per node and line (a file several nodes read gives each node its own finding). */
const key = (node: Node, location: Location): string =>
  `${node.name}\u0000${location.file}:${location.range.start.line}:${location.range.start.character}`;

/** An instance that, staying MASTER through a split brain, never announces the VIP again. */
function sendsNoLaterGarp(instance: VrrpInstance): boolean {
  const { garp } = instance;
  return garp.refresh === 0 && garp.lowerPrioRepeat === 0 && !garp.virtualMac && instance.vips.length > 0;
}

export default defineRule({
  id: "HA040",
  name: "stale-arp-after-split-brain",
  severity: "warning",
  scope: "cluster",
  docs: {
    summary:
      "A node of a virtual router sends no gratuitous ARP while it stays MASTER (no garp_master_refresh, and " +
      "strict mode or a 0 garp_lower_prio_repeat turns off the GARPs that answer a lower-priority advert): after " +
      "a split brain ends, the LAN keeps sending VIP traffic to the node that gave the VIP back.",
    description:
      "For each virtual router with members on two or more nodes, reports each node whose instance keeps the " +
      "VIP without ever announcing it again: garp_master_refresh is 0 (the default; the global " +
      "vrrp_garp_master_refresh applies only when written before the instance), the GARPs keepalived sends when a " +
      "MASTER receives a lower-priority advert are off (always in strict mode; otherwise when " +
      "garp_lower_prio_repeat or the global vrrp_garp_lower_prio_repeat is 0), and the VIP does not answer with " +
      "a shared virtual MAC (use_vmac, use_ipvlan). The finding is on the line that turned the GARPs off.",
    why:
      "In a split brain (adverts lost for a while: a paused or snapshotted VM, a link or switch flap, a firewall " +
      "change) the backup becomes MASTER, adds the VIP and sends gratuitous ARPs with its own MAC, so hosts and " +
      "routers send the VIP's traffic to it. When the adverts come back, the node that stayed MASTER receives the " +
      "backup's lower-priority advert and answers it (vrrp.c vrrp_state_master_rx() at v2.2.7 and v2.3.4): it " +
      "sends an advert, which sends the backup back to BACKUP and removes the VIP there, and then " +
      "garp_lower_prio_repeat GARPs, which point the LAN back at it. With that repeat at 0 (vrrp_complete_instance(): " +
      "the default in strict mode, and strict mode resets any other value) and no periodic refresh " +
      "(vrrp_garp_refresh_handler(); VRRP_GARP_REFRESH is 0), nothing corrects the ARP entries: they keep the " +
      "backup's MAC until they expire or are re-resolved, seconds to minutes on Linux hosts and up to hours on " +
      "routers (4 hours is a common default), and the VIP is unreachable from those hosts meanwhile.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_state_master_rx() (lower-priority advert: vrrp_send_adv(), then " +
        "vrrp_send_link_update(vrrp, garp_lower_prio_rep)), vrrp_complete_instance() (garp_lower_prio_rep unset: 0 " +
        "in strict mode, else the global value; non-zero in strict mode: 'Strict mode requires no repeat garps' and " +
        "0), vrrp_complete_init() (global vrrp_garp_lower_prio_rep defaults to vrrp_garp_rep) at v2.2.7 and v2.3.4",
      "keepalived keepalived/vrrp/vrrp_data.c alloc_vrrp() (garp_refresh copied from the global value), " +
        "keepalived/include/vrrp.h VRRP_GARP_REFRESH 0, VRRP_GARP_REP 5 at v2.2.7",
      "keepalived#166 (after a split brain during a VM snapshot the master never changed state and sent no ARP: " +
        "the VIPs became unreachable), #20 (GARPs of a backup that briefly took over left a 4-hour stale ARP cache " +
        "on the routers; periodic GARP asked for), #1927 (a VM frozen by a backup: the router sent VIP traffic to " +
        "the other node for 4 hours), #2459 (the VIP's MAC stayed the previous node's after a switch; named by " +
        "the failure survey of ha-lint issue 19)",
      "lab proof test/lab/split-brain-garp.test.ts (keepalived 2.2.7 and 2.3.4 in namespaces: lb02 deaf to lb01 " +
        "until it is MASTER and has sent both GARP sets, then healed): with default GARPs the client's ARP entry " +
        "for the VIP is lb01's again; with vrrp_strict it stays lb02's",
    ],
    bad: "global_defs {\n  vrrp_strict\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  ...\n}\n",
    good:
      "global_defs {\n  vrrp_strict\n  vrrp_garp_master_refresh 60\n}\nvrrp_instance VI_1 {\n  interface eth0\n" +
      "  virtual_router_id 51\n  ...\n}\n",
    realTool:
      "Neither tool reports it: keepalived -t accepts the file, and the configuration dump (keepalived -d) shows " +
      "'Gratuitous ARP refresh timer = 0' and 'Gratuitous ARP lower priority repeat = 0' for the instance.",
    reportedBy: "none",
  },
  messages: {
    silent: (data: { node: string; instances: string; cause: string; others: string }) =>
      `${data.node} sends no gratuitous ARP while it stays MASTER (${data.instances}): ${data.cause} turns off the ` +
      `GARPs keepalived sends when a lower-priority advert arrives, and garp_master_refresh is 0. After a split ` +
      `brain (adverts lost for a while: a paused VM, a link flap), ${data.others} has taken the VIP and announced ` +
      `its own MAC; when the adverts return it gives the VIP back, but hosts and routers keep sending the VIP's ` +
      `traffic to it until their ARP entry expires (up to hours on routers). Set garp_master_refresh (e.g. 60) on ` +
      `every node, or use_vmac`,
  },
  check(ctx) {
    for (const cluster of ctx.clusters) {
      const silent = new Map<string, Silent>();
      for (const router of cluster.routers) {
        const nodes = new Set(router.members.map((member) => member.node.name));
        if (nodes.size < 2) continue;
        for (const { node, instance } of router.members) {
          const cause = instance.garp.lowerPrioOff;
          if (!cause || !sendsNoLaterGarp(instance)) continue;
          const entry = silent.get(key(node, cause.location)) ?? { node, cause, instances: [], others: new Set() };
          if (!entry.instances.includes(instance)) entry.instances.push(instance);
          for (const other of nodes) if (other !== node.name) entry.others.add(other);
          silent.set(key(node, cause.location), entry);
        }
      }
      for (const { node, cause, instances, others } of silent.values()) {
        const data = {
          node: node.name,
          instances: instances.map((instance) => instance.name).join(", "),
          cause: CAUSES[cause.keyword],
          others: [...others].join(" or "),
        };
        const relatedPlaces = instances.map((instance) => related(instance.nameLocation, "this instance"));
        ctx.report({ ...cause.location, messageId: "silent", data, related: relatedPlaces });
      }
    }
  },
});
