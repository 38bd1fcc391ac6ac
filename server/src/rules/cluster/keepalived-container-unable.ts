import type { KeepalivedContainer } from "../../model/types.js";
import { defineRule } from "../rule.js";

const has = (list: readonly string[], capability: string): boolean => list.includes(capability) || list.includes("ALL");

/** What the container lacks: a NET_ADMIN (addresses), NET_RAW (VRRP sockets), or the host's network namespace. */
function lacks(container: KeepalivedContainer): ("netAdmin" | "netRaw")[] {
  if (container.privileged) return [];
  const out: ("netAdmin" | "netRaw")[] = [];
  if (!has(container.capAdd, "NET_ADMIN")) out.push("netAdmin");
  // NET_RAW is in Docker's default set: only a cap_drop removes it.
  if (has(container.capDrop, "NET_RAW") && !has(container.capAdd, "NET_RAW")) out.push("netRaw");
  return out;
}

export default defineRule({
  id: "HA036",
  name: "keepalived-container-unable",
  severity: "error",
  scope: "cluster",
  docs: {
    summary:
      "keepalived run by a compose service without the host's network (`network_mode: host`) or without " +
      "CAP_NET_ADMIN (or with NET_RAW dropped): it cannot put the VIP on the host or exchange adverts with the " +
      "other nodes.",
    description:
      "For each compose file of a node's tree (a host fact) with a service whose image or command names " +
      "keepalived, reports a service that is not on the host network, one that has neither `privileged: true` nor " +
      "NET_ADMIN (or ALL) in `cap_add`, and one that drops NET_RAW (or ALL) without adding it back.",
    why:
      "keepalived adds and removes the VIP with netlink requests (vrrp_ipaddress.c netlink_ipaddress() at v2.2.7), " +
      "which the kernel allows only with CAP_NET_ADMIN, and sends and receives adverts on raw IP sockets (vrrp.c " +
      "open_vrrp_send_socket(), open_vrrp_read_socket(): SOCK_RAW), which need CAP_NET_RAW. Docker's default " +
      "capability set has NET_RAW but not NET_ADMIN. Without `network_mode: host` the container has its own network " +
      "namespace: keepalived sees only the container's interfaces, puts the VIP there, where the LAN never sees it, " +
      "and its adverts stay on the Docker bridge, so the other node hears nobody and becomes MASTER too.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_ipaddress.c netlink_ipaddress(), keepalived/vrrp/vrrp.c " +
        "open_vrrp_send_socket(), open_vrrp_read_socket() at v2.2.7",
      "capabilities(7) CAP_NET_ADMIN (interface and address configuration), CAP_NET_RAW (RAW sockets)",
      "Docker run reference, 'Runtime privilege and Linux capabilities' (the default set: NET_RAW in, NET_ADMIN " +
        "out); compose file reference: network_mode, cap_add, cap_drop, privileged",
      "osixia/docker-keepalived#14, #15 (the image run without --cap-add=NET_ADMIN / --net=host: no VIP, or both " +
        "nodes MASTER)",
    ],
    bad:
      "services:\n  keepalived:\n    image: osixia/keepalived:2.0.20\n    volumes:\n" +
      "      - ./keepalived.conf:/container/service/keepalived/assets/keepalived.conf\n",
    good:
      "services:\n  keepalived:\n    image: osixia/keepalived:2.0.20\n    network_mode: host\n" +
      "    cap_add: [NET_ADMIN, NET_BROADCAST, NET_RAW]\n",
    realTool:
      "Neither tool sees it: keepalived -t accepts the configuration; the failure appears when the container runs.",
    reportedBy: "none",
  },
  messages: {
    noHostNetwork: (data: { node: string; service: string }) =>
      `compose service '${data.service}' on ${data.node} runs keepalived in its own network namespace (no ` +
      `'network_mode: host'): it sees only the container's interfaces, a VIP it adds there is not on the host's ` +
      `network, and the adverts stay on the Docker bridge, so the other node hears nothing and becomes MASTER too. ` +
      `Set 'network_mode: host'`,
    netAdmin: (data: { node: string; service: string }) =>
      `compose service '${data.service}' on ${data.node} runs keepalived without CAP_NET_ADMIN (Docker does not ` +
      `grant it by default): the kernel refuses its netlink requests to add the VIP, so the address is never ` +
      `configured, whatever state keepalived reaches. Add 'cap_add: [NET_ADMIN]'`,
    netRaw: (data: { node: string; service: string }) =>
      `compose service '${data.service}' on ${data.node} drops CAP_NET_RAW: keepalived cannot open its raw VRRP ` +
      `sockets, so it neither sends nor hears adverts. Add NET_RAW back in 'cap_add'`,
  },
  check(ctx) {
    for (const cluster of ctx.clusters) {
      for (const node of cluster.nodes) {
        for (const container of node.hostFacts?.keepalivedContainers ?? []) {
          const place = { file: container.location.file, range: container.location.range };
          const data = { node: node.name, service: container.service };
          if (!container.hostNetwork) ctx.report({ ...place, messageId: "noHostNetwork", data });
          for (const messageId of lacks(container)) ctx.report({ ...place, messageId, data });
        }
      }
    }
  },
});
