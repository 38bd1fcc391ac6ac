import type { Node, Proxy, Server } from "../../model/types.js";
import { atLeast } from "../../schema/versions.js";
import type { HpLine } from "../../syntax/haproxy/tree.js";
import type { Location } from "../../syntax/source.js";
import { defineRule } from "../rule.js";
import { related } from "./router-view.js";

/** `balance` algorithms that pick a server from a hash of the request (the others do not place a client). */
const HASHED = new Set(["source", "uri", "url_param", "hdr", "rdp-cookie", "hash"]);

/** The last line of the proxy, else of its defaults chain, that the test accepts (each one replaces the previous). */
function lineInEffect(proxy: Proxy | undefined, test: (line: HpLine) => boolean): HpLine | undefined {
  if (!proxy) return undefined;
  const own = [...proxy.lines].reverse().find(test);
  return own ?? lineInEffect(proxy.defaults, test);
}

/** The algorithm of `balance hdr(Host)` is `hdr`. */
function algorithmOf(line: HpLine): string {
  return (line.args[0]?.value ?? "").replace(/\(.*$/, "");
}

interface Placement {
  proxy: Proxy;
  balance: HpLine;
  /** The words of `balance` and `hash-type` as HAProxy reads them. */
  method: string;
  consistent: boolean;
  /** Active servers (not backup) in declaration order. */
  servers: { server: Server; weight: number; puid: number; hashKey: string }[];
}

function numberOption(server: Server, name: string): number | undefined {
  const value = server.options.get(name);
  return typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * How a hash-balanced backend places clients: cfgparse.c check_config_validity() at v2.6.12 puts the servers in
 * declaration order and numbers those without `id` with the first free number from 1; the weight defaults to 1.
 */
function placementOf(proxy: Proxy, version: string | undefined): Placement | undefined {
  const balance = lineInEffect(proxy, (line) => line.keyword.value === "balance");
  if (!balance || !HASHED.has(algorithmOf(balance))) return undefined;
  const hashType = lineInEffect(proxy, (line) => line.keyword.value === "hash-type");
  const consistent = hashType?.args[0]?.value === "consistent";
  const method = [
    ...balance.args.map((word) => word.value),
    "/",
    ...(hashType?.args.map((word) => word.value) ?? ["map-based"]),
  ].join(" ");
  const taken = new Set(proxy.servers.map((s) => numberOption(s, "id")).filter((id): id is number => id !== undefined));
  let next = 1;
  const withKey = version !== undefined && atLeast("haproxy", version, "3.0");
  const servers = proxy.servers.map((server) => {
    let puid = numberOption(server, "id");
    if (puid === undefined) {
      while (taken.has(next)) next++;
      puid = next;
      next++;
    }
    const key = server.options.get("hash-key");
    return {
      server,
      weight: numberOption(server, "weight") ?? 1,
      puid,
      hashKey: withKey && typeof key === "string" ? key : "id",
    };
  });
  return { proxy, balance, method, consistent, servers: servers.filter((s) => !s.server.backup) };
}

/** The server key the ring is built from: its number, or its address (`hash-key addr`/`addr-port`, 3.0 and later). */
function ringKey(entry: Placement["servers"][number]): string {
  const { server, hashKey } = entry;
  if (hashKey === "addr") return `addr ${server.host}`;
  if (hashKey === "addr-port") return `addr ${server.host}:${server.port ?? ""}`;
  return `id ${entry.puid}`;
}

interface Drift {
  messageId: "method" | "order" | "weight" | "ringKey";
  at: Location;
  other: Location;
  data: { node: string; other: string; proxy: string; mine: string; theirs: string; server: string };
}

function drift(node: Node, mine: Placement, otherNode: Node, theirs: Placement): Drift | undefined {
  const base = { node: node.name, other: otherNode.name, proxy: mine.proxy.name, server: "" };
  const at = (line: HpLine, of: Placement): Location => ({ file: of.proxy.location.file, range: line.range });
  if (mine.method !== theirs.method)
    return {
      messageId: "method",
      at: at(mine.balance, mine),
      other: at(theirs.balance, theirs),
      data: { ...base, mine: mine.method, theirs: theirs.method },
    };
  const names = (p: Placement): string => [...p.servers.map((s) => s.server.name)].sort().join(" ");
  // Other server sets are HA017's (standby-config-drift) to report.
  if (names(mine) !== names(theirs)) return undefined;
  for (const entry of mine.servers) {
    const twin = theirs.servers.find((s) => s.server.name === entry.server.name);
    if (!twin) continue;
    const place = {
      at: { file: entry.server.location.file, range: entry.server.location.range },
      other: twin.server.location,
    };
    if (entry.weight !== twin.weight)
      return {
        messageId: "weight",
        ...place,
        data: { ...base, server: entry.server.name, mine: `${entry.weight}`, theirs: `${twin.weight}` },
      };
    if (mine.consistent && ringKey(entry) !== ringKey(twin))
      return {
        messageId: "ringKey",
        ...place,
        data: { ...base, server: entry.server.name, mine: ringKey(entry), theirs: ringKey(twin) },
      };
  }
  if (!mine.consistent) {
    const order = (p: Placement): string => p.servers.map((s) => s.server.name).join(", ");
    if (order(mine) !== order(theirs))
      return {
        messageId: "order",
        at: at(mine.balance, mine),
        other: at(theirs.balance, theirs),
        data: { ...base, mine: order(mine), theirs: order(theirs) },
      };
  }
  return undefined;
}

const AFTER =
  "so after a failover the same client lands on another server (its sessions, carts and caches held there are lost)";

export default defineRule({
  id: "HA034",
  name: "hash-placement-drift",
  severity: "warning",
  scope: "cluster",
  docs: {
    summary:
      "A hash-balanced backend (`balance source`, `uri`, `hdr`, `hash` ...) that places clients differently on two " +
      "nodes: another algorithm or hash-type, another server order, other weights, or other server ids / hash-key.",
    description:
      "For each backend or listen that two nodes of a cluster both have, with a hashing `balance` algorithm " +
      "(source, uri, url_param, hdr, rdp-cookie, hash) and the same active servers (other server sets are " +
      "HA017's), compares what decides where a client lands: the `balance` and `hash-type` words; with map-based " +
      "hashing (the default) the declaration order and weights of the servers; with `hash-type consistent` the " +
      "weights and each server's key on the ring (its id, explicit or numbered in declaration order, or with " +
      "`hash-key addr`/`addr-port` from HAProxy 3.0 its address). Backup servers are not placed by the hash and " +
      "are left out.",
    why:
      "With map-based hashing HAProxy fills a table with the usable servers in declaration order, each as many times " +
      "as its weight, and picks the entry at hash modulo the total weight (src/lb_map.c recalc_server_map(), " +
      "map_get_server_hash() at v2.6.12): another order or weight gives another server for the same hash. With " +
      "consistent hashing each server has points on a ring, as many as its weight calls for, computed from its id " +
      "(lb_chash.c chash_init_server_tree() at v2.6.12: full_hash(puid * SRV_EWGHT_RANGE + n)); from 3.0 the key is " +
      "the id, the address or address and port after `hash-key` (lb_chash.c chash_compute_server_key() at v3.0.0, " +
      "default id). Servers without `id` are numbered in declaration order from 1 (cfgparse.c " +
      "check_config_validity(), which also puts the server list back in declaration order). So the same client, " +
      "hashed the same way, reaches different servers on the two nodes, and a failover moves every such client.",
    sources: [
      "haproxy src/lb_map.c recalc_server_map(), map_get_server_hash() at v2.6.12",
      "haproxy src/lb_chash.c chash_init_server_tree() at v2.6.12; chash_compute_server_key() and " +
        "srv_parse_hash_key() ('hash-key') at v3.0.0",
      "haproxy src/cfgparse.c check_config_validity() (server list order, automatic server ids) at v2.6.12",
      "haproxy doc/configuration.txt 'balance', 'hash-type', 'id', 'weight' at v2.6.12 and 'hash-key' at v3.0.0",
      "haproxytech/kubernetes-ingress#823 (`balance source`, hash-type consistent: one of three HAProxy instances " +
        "listed the same two servers in the other order, so one client's requests reached two servers)",
      "haproxy/haproxy#814 (instances of one cluster assigning servers differently, so stickiness breaks when " +
        "another instance takes the traffic)",
    ],
    bad:
      "# lb01\nbackend app\n    balance source\n    server app1 192.0.2.31:8080 check\n" +
      "    server app2 192.0.2.32:8080 check\n# lb02\nbackend app\n    balance source\n" +
      "    server app2 192.0.2.32:8080 check\n    server app1 192.0.2.31:8080 check\n",
    good:
      "# lb01 and lb02 alike\nbackend app\n    balance source\n    hash-type consistent\n" +
      "    server app1 192.0.2.31:8080 check id 1\n    server app2 192.0.2.32:8080 check id 2\n",
    realTool: "Nothing reports it: each file is valid (haproxy -c 2.6.12, 3.0.11 and 3.2.26 accept every case).",
    reportedBy: "none",
  },
  messages: {
    method: (data: { node: string; other: string; proxy: string; mine: string; theirs: string; server: string }) =>
      `'${data.proxy}' hashes with 'balance/hash-type ${data.mine}' on ${data.node} but '${data.theirs}' on ` +
      `${data.other}: the two nodes send the same client to different servers, ${AFTER}. Use the same balance and ` +
      `hash-type on both`,
    order: (data: { node: string; other: string; proxy: string; mine: string; theirs: string; server: string }) =>
      `'${data.proxy}' lists its servers as ${data.mine} on ${data.node} but ${data.theirs} on ${data.other}: ` +
      `map-based hashing picks the server at hash modulo the total weight in declaration order, ${AFTER}. List them ` +
      `in the same order (or use 'hash-type consistent' with fixed ids)`,
    weight: (data: { node: string; other: string; proxy: string; mine: string; theirs: string; server: string }) =>
      `server '${data.server}' of '${data.proxy}' has weight ${data.mine} on ${data.node} but ${data.theirs} on ` +
      `${data.other}: the hash places clients by weight, ${AFTER}. Give it the same weight on both`,
    ringKey: (data: { node: string; other: string; proxy: string; mine: string; theirs: string; server: string }) =>
      `server '${data.server}' of '${data.proxy}' sits on the consistent-hash ring by ${data.mine} on ${data.node} ` +
      `but by ${data.theirs} on ${data.other}: its points differ, ${AFTER}. Give it the same 'id' on both (or ` +
      `'hash-key addr' on HAProxy 3.0 and later)`,
  },
  check(ctx) {
    for (const cluster of ctx.clusters) {
      const nodes = cluster.nodes.filter((node) => node.haproxy);
      const reference = nodes[0];
      if (!reference?.haproxy) continue;
      for (const node of nodes.slice(1)) {
        if (!node.haproxy || node.haproxy.file === reference.haproxy.file) continue;
        for (const proxy of node.haproxy.proxies) {
          if (proxy.kind !== "backend" && proxy.kind !== "listen") continue;
          const twin = reference.haproxy.proxies.find((p) => p.kind === proxy.kind && p.name === proxy.name);
          const mine = placementOf(proxy, node.haproxyVersion);
          const theirs = twin && placementOf(twin, reference.haproxyVersion);
          if (!mine || !theirs) continue;
          const found = drift(node, mine, reference, theirs);
          if (!found) continue;
          ctx.report({
            file: found.at.file,
            range: found.at.range,
            messageId: found.messageId,
            data: found.data,
            related: [related(found.other, `on ${reference.name}`)],
          });
        }
      }
    }
  },
});
