import type { HaproxyConfig, Located, Proxy } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { haproxyUnits } from "./haproxy-version.js";

/** kube-apiserver --min-request-timeout default: watches are kept open at least this long (seconds). */
const MIN_REQUEST_TIMEOUT_S = 1800;
const API_PORTS = new Set(["6443"]);
const UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** An HAProxy time value in milliseconds (no unit: milliseconds); undefined when it is not one. */
export function haproxyMilliseconds(text: string): number | undefined {
  const match = /^(\d+)(us|ms|s|m|h|d)?$/.exec(text);
  return match ? Number(match[1]) * UNITS[match[2] ?? "ms"] : undefined;
}

function frontendsOf(config: HaproxyConfig, backend: Proxy): Proxy[] {
  if (backend.kind === "listen") return [backend];
  return config.proxies.filter(
    (p) =>
      (p.kind === "frontend" || p.kind === "listen") &&
      (p.defaultBackend?.name === backend.name || p.useBackends.some((u) => u.name === backend.name)),
  );
}

export default defineRule({
  id: "HP082",
  name: "api-idle-timeout-short",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary:
      "A TCP proxy in front of Kubernetes API servers (port 6443) that closes connections idle for less than 30 " +
      "minutes: `kubectl logs -f`, `exec` and watches are cut.",
    description:
      "For each backend or listen in TCP mode whose servers use port 6443, takes the idle timeout HAProxy applies " +
      "once the connection is established: `timeout tunnel` when the backend sets one (or inherits it), else the " +
      "shorter of `timeout client` (of each frontend that uses the backend) and `timeout server`. Reported when it " +
      "is below 1800 s, the kube-apiserver's default `--min-request-timeout`.",
    why:
      "In TCP mode HAProxy closes a connection when nothing has moved in either direction for `timeout client` or " +
      "`timeout server`; `timeout tunnel`, when set, replaces both once the connection is established " +
      "(doc/configuration.txt 'timeout client', 'timeout server', 'timeout tunnel' at v2.6.12). Kubernetes API " +
      "streams are idle for long stretches: `kubectl logs -f` of a quiet pod and `kubectl exec` send nothing while " +
      "nothing happens, and the API server keeps a watch open for at least `--min-request-timeout` (1800 s by " +
      "default, randomised above it). A 20 s or 50 s timeout ends them with 'error: unexpected EOF'.",
    sources: [
      "haproxy doc/configuration.txt 'timeout client', 'timeout server', 'timeout tunnel' at v2.6.12",
      "kube-apiserver --min-request-timeout (default 1800: the minimum a watch request is kept open)",
      "kubernetes/kubeadm#2227 (the HA guide's 20 s client/server timeouts: `kubectl logs -f` ends with unexpected " +
        "EOF after 20 s), kubernetes/kubeadm#1685",
      "kubernetes-sigs/kind#740 (kind's 50 s HAProxy timeouts cut `kubectl logs -f`; raised to 1h), " +
        "kubernetes/kubernetes#94301",
    ],
    bad:
      "defaults\n    mode tcp\n    timeout client 20s\n    timeout server 20s\n\nlisten k8s_api\n" +
      "    bind 192.0.2.100:6443\n    server cp-1 192.0.2.31:6443 check\n",
    good:
      "defaults\n    mode tcp\n    timeout client 20s\n    timeout server 20s\n    timeout tunnel 1h\n\n" +
      "listen k8s_api\n    bind 192.0.2.100:6443\n    server cp-1 192.0.2.31:6443 check\n",
    realTool:
      "Nothing reports it: haproxy -c accepts any timeout. Measured on loopback (a TCP listen, a silent " +
      "connection): with timeout client 3s / server 3s, haproxy 2.6.12 and 3.2.26 closed it after 3.0 s; with " +
      "timeout tunnel 30s added it was still open after 8 s.",
    reportedBy: "none",
  },
  messages: {
    short: (data: { proxy: string; keyword: string; value: string }) =>
      `connections to the API servers of '${data.proxy}' are closed after '${data.keyword} ${data.value}' of ` +
      `silence: 'kubectl logs -f', 'exec' and watches (kept open 1800 s or more by the API server) end with ` +
      `'unexpected EOF'. Set 'timeout tunnel 1h' (it replaces the client and server timeouts once connected) or ` +
      `longer client/server timeouts`,
  },
  check(ctx) {
    for (const { config } of haproxyUnits(ctx)) {
      for (const backend of config.proxies) {
        if (backend.kind !== "backend" && backend.kind !== "listen") continue;
        if (backend.mode !== "tcp") continue;
        if (!backend.servers.some((s) => s.port !== undefined && API_PORTS.has(s.port))) continue;
        const tunnel = backend.timeouts.get("tunnel");
        const candidates: { line: Located<string>; keyword: string }[] = [];
        if (tunnel) candidates.push({ line: tunnel, keyword: "timeout tunnel" });
        else {
          const server = backend.timeouts.get("server");
          if (server) candidates.push({ line: server, keyword: "timeout server" });
          for (const frontend of frontendsOf(config, backend)) {
            const client = frontend.timeouts.get("client");
            if (client) candidates.push({ line: client, keyword: "timeout client" });
          }
        }
        const shortest = candidates
          .map((c) => ({ ...c, ms: haproxyMilliseconds(c.line.value) }))
          .filter((c) => c.ms !== undefined && c.ms < MIN_REQUEST_TIMEOUT_S * 1000)
          .sort((a, b) => (a.ms ?? 0) - (b.ms ?? 0))[0];
        if (!shortest) continue;
        const data = { proxy: backend.name, keyword: shortest.keyword, value: shortest.line.value };
        ctx.report({
          file: shortest.line.location.file,
          range: shortest.line.location.range,
          messageId: "short",
          data,
        });
      }
    }
  },
});
