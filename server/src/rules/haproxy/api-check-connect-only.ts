import { defineRule } from "../rule.js";
import { haproxyUnits } from "./haproxy-version.js";

/** The Kubernetes API server's default secure port (kube-apiserver --secure-port). */
const API_PORTS = new Set(["6443"]);

export default defineRule({
  id: "HP081",
  name: "api-check-connect-only",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary:
      "Kubernetes API servers (port 6443) checked by a bare connection: a server that accepts connections but does " +
      "not serve keeps its share of the traffic.",
    description:
      "Looks at backends and listens whose checked servers (`check`, not `track`) target port 6443, the " +
      "kube-apiserver's default secure port, and that set no application-level check (`option httpchk`, `option " +
      "tcp-check`, `option ssl-hello-chk`, ... in the proxy or its defaults). Their check then only opens a " +
      "connection (a TCP connect, or a TLS handshake with `check-ssl`/`ssl`).",
    why:
      "haproxy doc/configuration.txt, server option `check` (2.6.12; the same in 3.0 and 3.2): when no other check " +
      "method is configured, the server counts as available as soon as a connection can be established at the highest " +
      "transport layer (TCP, or TLS with `ssl`/`check-ssl`). A kube-apiserver that is overloaded, cut from etcd or " +
      "still starting accepts TCP and TLS connections while its /readyz fails: the connect check keeps it UP and " +
      "every request sent to it hangs or fails. An HTTP check of /readyz over TLS marks it down.",
    sources: [
      "haproxy doc/configuration.txt 'check' (server and default-server options) at v2.6.12",
      "kubernetes/kubeadm docs/ha-considerations.md (its HAProxy example sets `option httpchk GET /healthz` and " +
        "`http-check expect status 200` on the API backend)",
      "kubernetes-sigs/kubespray#5663 (a `listen` on 6443 with bare `check` did not take a dead master out; " +
        "`check-ssl verify none` was the workaround)",
      "Cray-HPE/docs-csm#1479 (the kube-api check moved from `option tcp-check` to `option httpchk GET /readyz` " +
        "over `check-ssl`)",
    ],
    bad: "backend be_k8s_api\n    mode tcp\n    server cp-1 192.0.2.31:6443 check\n",
    good:
      "backend be_k8s_api\n    mode tcp\n    option httpchk GET /readyz\n    http-check expect status 200\n" +
      "    server cp-1 192.0.2.31:6443 check check-ssl verify none\n",
    realTool: "Nothing reports it: haproxy -c accepts any check type.",
    reportedBy: "none",
  },
  messages: {
    connectOnly: (data: { proxy: string; server: string; port: string; layer: string }) =>
      `'${data.proxy}' checks its API server '${data.server}' (port ${data.port}) by ${data.layer} only: a ` +
      `kube-apiserver that accepts connections but is not ready (overloaded, cut from etcd) stays UP and keeps ` +
      `getting requests. Check /readyz: 'option httpchk GET /readyz', 'http-check expect status 200' and 'check-ssl ` +
      `verify none' on the servers`,
  },
  check(ctx) {
    for (const { config } of haproxyUnits(ctx)) {
      for (const proxy of config.proxies) {
        if (proxy.kind !== "backend" && proxy.kind !== "listen") continue;
        if (proxy.checkType) continue;
        for (const server of proxy.servers) {
          if (!server.check || server.track || server.port === undefined || !API_PORTS.has(server.port)) continue;
          const tls = server.options.has("check-ssl") || server.options.has("ssl");
          const data = {
            proxy: proxy.name,
            server: server.name,
            port: server.port,
            layer: tls ? "a TLS handshake" : "a TCP connect",
          };
          ctx.report({ file: server.location.file, range: server.location.range, messageId: "connectOnly", data });
        }
      }
    }
  },
});
