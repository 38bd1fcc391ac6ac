import type { Cluster, Located, Node, PeersSection } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { related } from "./router-view.js";

/** A node's local peer name and where ha-lint read it, when it can know it. */
interface LocalName {
  name: string;
  source: Located<string>;
  via: string;
}

function localName(node: Node): LocalName | undefined {
  const written = node.haproxy?.peers.localPeer;
  if (written) return { name: written.value, source: written, via: "its global 'localpeer'" };
  const host = node.hostFacts?.hostName;
  if (host) return { name: host.value, source: host, via: `its host name (${host.location.file.split("/").pop()})` };
  return undefined;
}

/** Each peers section name with the nodes of the cluster that have an enabled section of that name. */
function sectionsByName(cluster: Cluster): Map<string, { node: Node; section: PeersSection }[]> {
  const byName = new Map<string, { node: Node; section: PeersSection }[]>();
  for (const node of cluster.nodes) {
    for (const section of node.haproxy?.peers.sections ?? []) {
      if (section.disabled) continue;
      const list = byName.get(section.name) ?? [];
      list.push({ node, section });
      byName.set(section.name, list);
    }
  }
  return byName;
}

export default defineRule({
  id: "HA032",
  name: "peers-mismatch",
  severity: "warning",
  scope: "cluster",
  docs: {
    summary:
      "`peers` sections that cannot sync between the nodes: the same local peer name on two nodes, a local peer " +
      "name that is not a peer of the section, a node's peer missing on another node, or one peer at two addresses.",
    description:
      "For each peers section that two or more nodes of a cluster have (same section name, not disabled), takes " +
      "each node's local peer name: its global `localpeer` (before HAProxy 3.1 only when written before the first " +
      "peers section), else its host name when the node's tree has etc/hostname (a host fact; ha-lint cannot see " +
      "`-L` on the command line). Reports two nodes with the same local peer name; a node whose local peer name is " +
      "not one of the section's peers; a section that lacks the local peer of another node; the same peer written " +
      "at different addresses on two nodes; and, when the local names are unknown, peer lists that differ between " +
      "nodes.",
    why:
      "HAProxy takes as its own the `peer` (or `server`) line named like its local peer name, which is the host name " +
      "unless global `localpeer` or `-L` sets it (src/haproxy.c init(), src/cfgparse-global.c 'localpeer', " +
      "src/cfgparse.c cfg_parse_peers() at v2.6.12). Up to 3.0 a `localpeer` after a peers section is ignored with a " +
      "warning; from 3.1 it is read in a first pass wherever it stands (cfgparse-global.c " +
      "cfg_parse_global_localpeer() at v3.1.0, v3.2.0). With no such line it removes the whole section ('Removing " +
      "incomplete section', cfgparse.c check_config_validity()) and its stick tables sync with nobody. Every other " +
      "line is a remote peer it connects to, introducing itself by its local peer name and naming the peer it wants; " +
      "the receiver refuses the session when the wanted name is not its own local peer name (src/peers.c " +
      "peer_getline_host(): status 503, bad host name) or when the caller's name is none of its remote peers " +
      "(peer_getline_last(): 504, unknown peer). The same at v3.0.0 and v3.2.0. Every node opens the section's " +
      "listener at the address of its own line (cfg_parse_peers(): the local peer's address becomes the listener of " +
      "the section's frontend): two nodes with one local peer name both bind that one address, and measured with " +
      "haproxy 2.6.12, an address the host does not have stops the start ('Binding [..] for proxy lb01: cannot bind " +
      "socket (Cannot assign requested address)', 'Some protocols failed to start their listeners! Exiting.', exit " +
      "1) unless net.ipv4.ip_nonlocal_bind is 1. So two nodes with one local peer name, a node whose name is missing " +
      "on the other, or a peer that one node dials at an address where it does not listen never sync their tables: " +
      "after a failover, stickiness, rate limits and counters start empty on the new node.",
    sources: [
      "haproxy src/cfgparse.c cfg_parse_peers() and check_config_validity() ('Removing incomplete section') at " +
        "v2.6.12, v3.2.0",
      "haproxy src/cfgparse-global.c 'localpeer' ('ignored since it is used after 'peers' section') and " +
        "src/haproxy.c init() (the host name by default) at v2.6.12; cfg_parse_global_localpeer() (KWF_DISCOVERY) at " +
        "v3.1.0, v3.2.0",
      "haproxy src/peers.c peer_prepare_hellomsg(), peer_getline_host() (PEER_SESS_SC_ERRHOST), " +
        "peer_getline_last() (PEER_SESS_SC_ERRPEER) at v2.6.12 and v3.2.0",
      "haproxy doc/configuration.txt 'peers', 'peer', 'localpeer' at v2.6.12",
      "haproxy/haproxy#938 (peers not syncing: peer names that are not the host names), haproxy/haproxy#2730 " +
        "(stick tables not synced between nodes)",
    ],
    bad:
      "# lb01 and lb02, one file copied\nglobal\n    localpeer lb01\n\npeers lbpeers\n" +
      "    peer lb01 192.0.2.11:10000\n    peer lb02 192.0.2.12:10000\n",
    good:
      "# lb01 (lb02 says localpeer lb02, or neither sets it and the host names are lb01/lb02)\nglobal\n" +
      "    localpeer lb01\n\npeers lbpeers\n    peer lb01 192.0.2.11:10000\n    peer lb02 192.0.2.12:10000\n",
    realTool:
      "haproxy -c checks one file with the local peer name of the machine it runs on: with 'localpeer lb03' and no " +
      "peer lb03 it warns 'Removing incomplete section 'peers mypeers' (no peer named 'lb03')' and exits 0 " +
      "(2.6.12, 3.0.11, 3.2.26), with a stick table using the section too; a localpeer after the peers section is " +
      "'ignored since it is used after 'peers' section' on 2.6.12 and 3.0.11, and honoured without a word on " +
      "3.2.26. Nothing checks the nodes against each other.",
    reportedBy: "none",
  },
  messages: {
    sameLocalName: (data: {
      node: string;
      other: string;
      name: string;
      section: string;
      via: string;
      address: string;
    }) =>
      `${data.node} and ${data.other} both take '${data.name}' as their local peer name (${data.node}: ${data.via}): ` +
      `both open the listener of peers '${data.section}' at peer '${data.name}''s address ${data.address}, which ` +
      `only one host has. On the other HAProxy does not start ('cannot bind socket') unless ` +
      `net.ipv4.ip_nonlocal_bind is 1, and then listens where nobody calls while both dial the remaining peers: the ` +
      `stick tables never sync. Give each node its own name (its host name, or 'localpeer')`,
    localNotListed: (data: { node: string; name: string; section: string; via: string }) =>
      `${data.node}'s local peer name is '${data.name}' (${data.via}) but peers '${data.section}' has no peer of ` +
      `that name: HAProxy on ${data.node} removes the section ('Removing incomplete section') and its stick tables ` +
      `sync with nobody`,
    peerMissing: (data: { node: string; other: string; name: string; section: string }) =>
      `peers '${data.section}' of ${data.node} has no peer '${data.name}', ${data.other}'s local peer name: ` +
      `${data.node} refuses ${data.other}'s sessions (unknown peer) and never connects to it, so their stick tables ` +
      `do not sync. Add 'peer ${data.name} <address>:<port>'`,
    addressDiffers: (data: { node: string; other: string; name: string; address: string; otherAddress: string }) =>
      `${data.node} connects to peer '${data.name}' at ${data.address}, but ${data.other}'s file puts it at ` +
      `${data.otherAddress}: the local peer listens at the address of its own line, so one of the two nodes dials an ` +
      `address where peer '${data.name}' does not listen`,
    peerSetsDiffer: (data: { node: string; other: string; names: string; section: string }) =>
      `peers '${data.section}' of ${data.node} lacks ${data.names}, which ${data.other} lists: a node whose local ` +
      `peer name (its host name unless 'localpeer' is set) is missing from another node's section is refused by it, ` +
      `and their stick tables do not sync`,
  },
  check(ctx) {
    for (const cluster of ctx.clusters) {
      for (const [sectionName, holders] of sectionsByName(cluster)) {
        if (new Set(holders.map((h) => h.node)).size < 2) continue;
        const locals = new Map(holders.map((h) => [h.node, localName(h.node)] as const));
        const reported = new Set<string>();
        // The same local peer name on two nodes (one report per place where it is read).
        for (const { node, section } of holders) {
          const own = locals.get(node);
          const ownLine = own && section.peers.find((p) => p.name === own.name);
          if (!own || !ownLine) continue;
          const other = holders.find((h) => h.node !== node && locals.get(h.node)?.name === own.name);
          if (!other) continue;
          const key = `${own.source.location.file}:${own.source.location.range.start.line}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const otherName = locals.get(other.node);
          ctx.report({
            file: own.source.location.file,
            range: own.source.location.range,
            messageId: "sameLocalName",
            data: {
              node: node.name,
              other: other.node.name,
              name: own.name,
              section: sectionName,
              via: own.via,
              address: ownLine.address ?? "(its bind line)",
            },
            related: otherName ? [related(otherName.source.location, `${other.node.name}'s local peer name`)] : [],
          });
        }
        const duplicated = (name: string): boolean =>
          holders.filter((h) => locals.get(h.node)?.name === name).length > 1;
        for (const { node, section } of holders) {
          const own = locals.get(node);
          if (own && !section.peers.some((p) => p.name === own.name)) {
            ctx.report({
              file: section.location.file,
              range: section.location.range,
              messageId: "localNotListed",
              data: { node: node.name, name: own.name, section: sectionName, via: own.via },
              related: [related(own.source.location, `${node.name}'s local peer name`)],
            });
            continue;
          }
          for (const other of holders) {
            if (other.node === node) continue;
            const theirs = locals.get(other.node);
            if (!theirs || duplicated(theirs.name) || section.peers.some((p) => p.name === theirs.name)) continue;
            // A node without its own peer has no section left (localNotListed says so): nothing to sync with.
            if (!other.section.peers.some((p) => p.name === theirs.name)) continue;
            ctx.report({
              file: section.location.file,
              range: section.location.range,
              messageId: "peerMissing",
              data: { node: node.name, other: other.node.name, name: theirs.name, section: sectionName },
              related: [related(theirs.source.location, `${other.node.name}'s local peer name`)],
            });
          }
        }
        // One peer, two addresses: the line of the peer's own node (where it listens) is the reference when known.
        for (const { node, section } of holders) {
          for (const peer of section.peers) {
            // A node's own line is where it listens: the reference, never the mistake.
            if (peer.address === undefined || locals.get(node)?.name === peer.name) continue;
            const owner = holders.find((h) => h.node !== node && locals.get(h.node)?.name === peer.name);
            const candidates = owner ? [owner] : holders.filter((h) => h.node !== node).slice(0, 1);
            for (const other of candidates) {
              const theirs = other.section.peers.find((p) => p.name === peer.name);
              if (theirs?.address === undefined || theirs.address === peer.address) continue;
              // Without a known owner, report only on the later node, once.
              if (!owner && holders.indexOf(other) > holders.findIndex((h) => h.node === node)) continue;
              ctx.report({
                file: peer.location.file,
                range: peer.location.range,
                messageId: "addressDiffers",
                data: {
                  node: node.name,
                  other: other.node.name,
                  name: peer.name,
                  address: peer.address,
                  otherAddress: theirs.address,
                },
                related: [related(theirs.location, `peer '${peer.name}' in ${other.node.name}'s file`)],
              });
            }
          }
        }
        // Local names unknown: peer lists that differ cannot all be right.
        if (holders.some((h) => locals.get(h.node))) continue;
        for (const { node, section } of holders) {
          for (const other of holders) {
            if (other.node === node) continue;
            const missing = other.section.peers.filter((p) => !section.peers.some((q) => q.name === p.name));
            if (missing.length === 0) continue;
            ctx.report({
              file: section.location.file,
              range: section.location.range,
              messageId: "peerSetsDiffer",
              data: {
                node: node.name,
                other: other.node.name,
                names: missing.map((p) => `'${p.name}'`).join(", "),
                section: sectionName,
              },
              related: [related(missing[0].location, `peer '${missing[0].name}' in ${other.node.name}'s file`)],
            });
            break;
          }
        }
      }
    }
  },
});
