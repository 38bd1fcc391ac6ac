import { sameAddress } from "../../model/ip-address.js";
import type { BindAddress, HostListener } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { related } from "./router-view.js";

/** The ports of a bind address: `6443`, or a range `8000-8010`. */
function portsOf(address: BindAddress): number[] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(address.port ?? "");
  if (!match) return [];
  const first = Number(match[1]);
  const last = match[2] ? Number(match[2]) : first;
  return last - first > 1024 ? [] : Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/** Two TCP sockets on one port collide when either listens on every address or both on the same one. */
function overlaps(bind: BindAddress, listener: HostListener): boolean {
  if (bind.wildcard || bind.host === "" || listener.address === "") return true;
  return sameAddress(bind.host, listener.address);
}

export default defineRule({
  id: "HA033",
  name: "bind-port-taken-on-node",
  severity: "error",
  scope: "cluster",
  docs: {
    summary:
      "HAProxy binds a TCP port that another service of the same node already listens on (a kube-apiserver static " +
      "pod on 6443, a published container port): one of the two cannot start.",
    description:
      "Compares each node's HAProxy `bind` addresses (frontends and listens that are not disabled) with the TCP " +
      "ports the node's host facts say something else listens on: control-plane static pods on the host network " +
      "(etc/kubernetes/manifests: kube-apiserver --secure-port, default 6443, and --bind-address; " +
      "kube-controller-manager 10257; kube-scheduler 10259; etcd's --listen-*-urls; containerPort of host-network " +
      "pods) and ports published by compose files of the node's tree. Two sockets collide when they share the port " +
      "and either listens on every address or both on the same address.",
    why:
      "Linux refuses a second listening TCP socket on a port already listened on by another program, for the same " +
      "address or when either is the wildcard, unless both sockets set SO_REUSEPORT under the same user. HAProxy " +
      "then stops at start: a listener that cannot be bound ends the process (sock_inet.c sock_inet_bind_receiver() " +
      "'cannot bind socket (%s)', src/haproxy.c main() 'Some protocols failed to start their listeners! Exiting.' at " +
      "v2.6.12). If HAProxy started first, the other service is the one that cannot bind (a kube-apiserver static " +
      "pod then crash-loops). A load balancer on the control-plane nodes needs another port than the API server's, " +
      "or an address the API server does not listen on.",
    sources: [
      "haproxy src/haproxy.c main() ('Some protocols failed to start their listeners! Exiting.') and " +
        "src/sock_inet.c sock_inet_bind_receiver() ('cannot bind socket') at v2.6.12",
      "kube-apiserver --secure-port (default 6443) and --bind-address (default: all interfaces); k8s.io/kubernetes " +
        "pkg/cluster/ports (10257, 10259)",
      "kubernetes/kubeadm#2472 (HAProxy on the control-plane nodes on 6443, the API server's own port)",
    ],
    bad:
      "# cp-1: /etc/kubernetes/manifests/kube-apiserver.yaml runs the API server on the host network, port 6443\n" +
      "frontend k8s_api\n    bind *:6443\n    default_backend control_plane\n",
    good: "frontend k8s_api\n    bind 192.0.2.100:8443\n    default_backend control_plane\n",
    realTool:
      "haproxy -c does not bind and accepts the file. Measured with haproxy 2.6.12 next to a program listening on " +
      "0.0.0.0 (SO_REUSEADDR, as Go's net.Listen): both `bind *:PORT` and `bind 127.0.0.1:PORT` end the start with " +
      "'Binding [..] for frontend fe: cannot bind socket (Address already in use)' and 'Some protocols failed to " +
      "start their listeners! Exiting.' (exit 1).",
    reportedBy: "none",
  },
  messages: {
    taken: (data: { node: string; bind: string; owner: string; where: string; port: number; file: string }) =>
      `${data.node}: HAProxy binds ${data.bind}, but ${data.owner} already listens on port ${data.port} ` +
      `(${data.where}, ${data.file}): whichever starts second cannot bind it ('Address already in use'); when it is ` +
      `HAProxy it does not start at all. Move the frontend to another port (8443, say) or bind an address the other ` +
      `service does not use`,
  },
  check(ctx) {
    for (const cluster of ctx.clusters) {
      for (const node of cluster.nodes) {
        const listeners = node.hostFacts?.listeners ?? [];
        if (listeners.length === 0 || !node.haproxy) continue;
        for (const proxy of node.haproxy.proxies) {
          if ((proxy.kind !== "frontend" && proxy.kind !== "listen") || proxy.disabled) continue;
          for (const bind of proxy.binds) {
            for (const address of bind.addresses) {
              if (address.family !== 4 && address.family !== 6) continue;
              const ports = portsOf(address);
              const other = listeners.find((l) => ports.includes(l.port) && overlaps(address, l));
              if (!other) continue;
              const where = other.address === "" ? "every address" : `address ${other.address}`;
              const place = address.location ?? bind.location;
              ctx.report({
                file: place.file,
                range: place.range,
                messageId: "taken",
                data: {
                  node: node.name,
                  bind: address.text,
                  owner: other.owner,
                  where: other.defaultPort ? `${where}, its default port` : where,
                  port: other.port,
                  file: other.location.file.split("/").slice(-2).join("/"),
                },
                related: [related(other.location, `${other.owner} listens here`)],
              });
            }
          }
        }
      }
    }
  },
});
