import { advertVerdict, type AdvertPacket } from "../../model/firewall-verdict.js";
import type { FirewallRuleset } from "../../model/firewall.js";
import { instanceSourceAddress } from "../../model/node-addresses.js";
import type { Node, VirtualRouter, VrrpInstance } from "../../model/types.js";
import type { Location } from "../../syntax/source.js";
import { defineRule } from "../rule.js";
import { related } from "./router-view.js";

const VRRP_GROUP = "224.0.0.18";

interface Blocked {
  ruleset: FirewallRuleset;
  location: Location;
  byPolicy: boolean;
  conntrackAccept?: Location;
  senders: string[];
}

/** The adverts the instance must hear: one per unicast peer, else one multicast advert per other member. */
function advertsFor(router: VirtualRouter, node: Node, instance: VrrpInstance): (AdvertPacket & { sender?: string })[] {
  const interfaceName = instance.interface?.value;
  if (instance.unicastPeers.length > 0) {
    const destination = instanceSourceAddress(node, instance);
    return instance.unicastPeers.map((peer) => ({
      source: peer.address,
      destination,
      interfaceName,
      multicast: false,
    }));
  }
  const destination = instance.mcastDstIp?.value ?? VRRP_GROUP;
  const others = router.members.filter((member) => member.node !== node);
  const packets = others.map((member) => {
    const source = instanceSourceAddress(member.node, member.instance);
    return { source, destination, interfaceName, multicast: true, sender: source ?? member.node.name };
  });
  return packets.length > 0 ? packets : [{ destination, interfaceName, multicast: true }];
}

function place(location: Location): string {
  return `${location.file.split("/").pop() ?? location.file}:${location.range.start.line + 1}`;
}

/** Per ruleset, the adverts it drops for certain (a ruleset whose verdict is unknown for any advert is left out). */
function blockedBy(firewalls: FirewallRuleset[], packets: (AdvertPacket & { sender?: string })[]): Blocked[] {
  const out: Blocked[] = [];
  for (const ruleset of firewalls) {
    let blocked: Blocked | undefined;
    for (const packet of packets) {
      const verdict = advertVerdict(ruleset, packet);
      if (verdict.kind !== "dropped") continue;
      blocked ??= { ruleset, location: verdict.location, byPolicy: verdict.byPolicy, senders: [] };
      blocked.conntrackAccept ??= verdict.conntrackAccept;
      blocked.senders.push(packet.sender ?? packet.source ?? "the other nodes");
    }
    if (blocked) out.push(blocked);
  }
  return out;
}

export default defineRule({
  id: "HA037",
  name: "vrrp-adverts-blocked",
  severity: "error",
  scope: "cluster",
  docs: {
    summary:
      "The node's firewall files (nftables, iptables-save, firewalld) drop the VRRP adverts its instance must hear " +
      "(IP protocol 112 from the unicast peers, or to 224.0.0.18) and no rule before the drop accepts them: the " +
      "node never hears the master and becomes MASTER too.",
    description:
      "For each node whose tree holds firewall files (host facts: etc/nftables.conf, etc/iptables/rules.v4, " +
      "etc/firewalld/zones/*.xml ...), builds the advert each of its IPv4 VRRP instances must receive: from every " +
      "`unicast_peer` to the node's unicast_src_ip, else to the multicast group (mcast_dst_ip, default 224.0.0.18) " +
      "from the other nodes of the virtual router, on the instance's interface. It walks the input-path chains of " +
      "each ruleset as written for that packet in conntrack state `new` (the first advert), following jumps and " +
      "gotos, and reports when a rule or a chain policy drops or rejects it for certain. What the reader does not " +
      "evaluate (named sets, rate limits, marks, queue verdicts, unresolved includes, firewalld direct rules and " +
      "policies, zones whose file is not in the tree, IPv6 instances, the raw/mangle tables) makes the verdict " +
      "unknown and the rule silent. A `ct state established` accept does not admit the first advert; with unicast " +
      "it admits the peer's adverts once this node has sent one to the peer (conntrack sees them as replies), so " +
      "that case is a warning: the split lasts until this node's own advert opens the entry. With multicast it " +
      "never does.",
    why:
      "keepalived learns that a master exists only from the adverts it receives on its raw socket for protocol 112 " +
      "(vrrp.c open_vrrp_read_socket(), vrrp_scheduler.c vrrp_dispatcher_read() at v2.2.7); the kernel delivers a " +
      "raw socket only packets that netfilter's input hook let through. A backup that hears nothing for " +
      "master_down_interval (3 × advert_int + skew) goes MASTER (vrrp_scheduler.c vrrp_dispatcher_read_timeout() " +
      "-> vrrp_goto_master()), adds the VIP and sends gratuitous ARPs, while the real master keeps it: both hold " +
      "the VIP. keepalived reports nothing about the firewall. For unicast, the node's own advert to the peer " +
      "creates a conntrack entry whose reply the peer's next advert is, so an `established` accept lets later " +
      "adverts in (keepalived#2643, the maintainer: unicast adverts match RELATED,ESTABLISHED once the local " +
      "instance has sent adverts; multicast never does).",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c open_vrrp_read_socket() (SOCK_RAW, IPPROTO_VRRP), vrrp_scheduler.c " +
        "vrrp_dispatcher_read(), vrrp_dispatcher_read_timeout() -> vrrp_goto_master() at v2.2.7",
      "keepalived#821 (the firewall did not allow protocol 112: all instances MASTER; the fix an accept of -p " +
        "112); #1891, #893 (named by the failure survey of ha-lint issue 19, not re-read for this rule)",
      "keepalived#2643 (unicast adverts match RELATED,ESTABLISHED once the local instance has sent adverts, " +
        "multicast ones never), #2257 (protocol 112 not enabled in the firewalls)",
      "nft(8): base chains, `type filter hook input`, `policy`, `jump`/`goto`/`return`, `ct state`, verdict maps; " +
        "iptables(8), iptables-extensions(8) (conntrack --ctstate, pkttype, addrtype); iptables-save(8) format",
      "lab proof (test/lab/proofs.test.ts, docs/lab.md 'Proofs', fixtures/ha037-nftables-drops-vrrp): lb02's own " +
        "ruleset loaded with nft into its namespace: lb02 holds the VIP beside lb01 4.0-4.4 s after both daemons " +
        "start (master_down_interval 3.61 s) on 2.2.7 and 2.3.4, and gives it back once its ruleset is flushed",
      "firewalld.zone(5) (target, interface, source, service, protocol, rich rules), firewalld.richlanguage(5), " +
        "firewalld's shipped service vrrp.xml (protocol 112)",
    ],
    bad:
      "# lb02: etc/nftables.conf\ntable inet filter {\n  chain input {\n    type filter hook input priority 0; " +
      "policy drop;\n    ct state established,related accept\n    tcp dport { 22, 443 } accept\n  }\n}\n",
    good:
      "table inet filter {\n  chain input {\n    type filter hook input priority 0; policy drop;\n    ct state " +
      "established,related accept\n    ip protocol vrrp ip saddr 192.0.2.11 accept\n    tcp dport { 22, 443 } " +
      "accept\n  }\n}\n",
    realTool:
      "Neither tool sees it: keepalived -t does not read the firewall, and at run time keepalived logs only the " +
      "state changes (the backup's 'Entering MASTER STATE').",
    reportedBy: "none",
    severityNote:
      "error when nothing in the file admits the adverts; warning when only a `ct state established` accept does " +
      "(unicast: after this node's own first advert).",
  },
  messages: {
    blocked: (data: { node: string; instance: string; senders: string; place: string; how: string }) =>
      `${data.node}'s ${data.place} (${data.how}) drops the VRRP adverts (IP protocol 112) ${data.instance} must ` +
      `hear from ${data.senders}, and no rule before it accepts them: ${data.node} never hears the master, becomes ` +
      `MASTER after master_down_interval and takes the VIP while the master keeps it (both nodes hold it). Accept ` +
      `protocol 112 from the other nodes before it`,
    blockedUntilOwnAdvert: (data: {
      node: string;
      instance: string;
      senders: string;
      place: string;
      how: string;
      conntrack: string;
    }) =>
      `${data.node}'s ${data.place} (${data.how}) drops the first VRRP adverts ${data.instance} must hear from ` +
      `${data.senders}; only the conntrack accept at ${data.conntrack} lets them in, and only after ${data.node} has ` +
      `sent its own advert to the peer (its reply direction): each time ${data.node} starts it hears nothing, ` +
      `becomes MASTER after master_down_interval and takes the VIP until then. Accept protocol 112 from the peers ` +
      `explicitly`,
  },
  check(ctx) {
    for (const cluster of ctx.clusters) {
      for (const router of cluster.routers) {
        for (const { node, instance } of router.members) {
          const firewalls = node.hostFacts?.firewalls;
          if (!firewalls || firewalls.length === 0 || instance.family !== 4) continue;
          for (const blocked of blockedBy(firewalls, advertsFor(router, node, instance))) {
            const at = instance.interface?.location ?? instance.nameLocation;
            const how = blocked.byPolicy ? "chain policy drop" : "a drop rule";
            const senders = [...new Set(blocked.senders)].join(", ");
            const data = { node: node.name, instance: instance.name, senders, place: place(blocked.location), how };
            const relatedPlaces = [related(blocked.location, `${node.name}'s ${blocked.ruleset.format} drop`)];
            if (blocked.conntrackAccept && instance.unicastPeers.length > 0) {
              const conntrack = place(blocked.conntrackAccept);
              relatedPlaces.push(related(blocked.conntrackAccept, "admits replies only"));
              ctx.report({
                file: at.file,
                range: at.range,
                severity: "warning",
                messageId: "blockedUntilOwnAdvert",
                data: { ...data, conntrack },
                related: relatedPlaces,
              });
            } else {
              ctx.report({ file: at.file, range: at.range, messageId: "blocked", data, related: relatedPlaces });
            }
          }
        }
      }
    }
  },
});
