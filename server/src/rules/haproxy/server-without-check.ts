import { defineRule } from "../rule.js";
import { appendToServerLine, describeProxy, haproxyConfigs, isActive } from "./proxy-index.js";

export default defineRule({
  id: "HP006",
  name: "server-without-check",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "A server without `check` in a backend that has several servers.",
    description:
      "In every `backend`/`listen` with at least two enabled servers, reports each server that has no health " +
      "check: no `check` on its line or on the `default-server` line before it (or `no-check`), no `agent-check`, " +
      "and no `track`. Offers to add `check` when the server has a port (HAProxy needs a service or check port to " +
      "run checks).",
    why:
      "A server without `check` is always considered available (configuration manual 5.2 'check'). When it dies, the " +
      "load balancer keeps sending it its share of the traffic, so a failure that redundancy should hide becomes " +
      "errors for a fraction of the users.",
    sources: [
      "HAProxy configuration manual 5.2 'check' ('is always considered available')",
      "HAProxy configuration manual 5.2 'default-server'",
    ],
    bad: "backend web\n    server web1 192.0.2.11:80 check\n    server web2 192.0.2.12:80\n",
    good:
      "backend web\n    default-server check inter 2s fall 3 rise 2\n    server web1 192.0.2.11:80\n" +
      "    server web2 192.0.2.12:80\n",
    realTool: "haproxy -c is silent: a server without check is valid.",
    reportedBy: "none",
  },
  messages: {
    noCheck: (data: { server: string; proxy: string; hasPort: boolean }) =>
      `server '${data.server}' of ${data.proxy} has no health check, so HAProxy always considers it up and keeps ` +
      `sending it traffic when it fails; add ` +
      `'check'${data.hasPort ? "" : " with 'port <n>' (the server has no port to check)"}`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      for (const p of config.proxies) {
        if ((p.kind !== "backend" && p.kind !== "listen") || !isActive(p)) continue;
        const enabled = p.servers.filter((s) => !s.disabled);
        if (enabled.length < 2) continue;
        for (const s of enabled) {
          if (s.check || s.agentCheck || s.track) continue;
          // An address built from environment variables may carry a port we cannot see.
          const fromEnv = s.address.includes("$");
          const hasPort = (s.port !== undefined && s.port !== "" && s.port !== "0") || s.options.has("port") || fromEnv;
          ctx.report({
            file: s.nameLocation.file,
            range: s.nameLocation.range,
            messageId: "noCheck",
            data: {
              server: s.name,
              proxy: describeProxy(p),
              hasPort,
            },
            fixes: hasPort
              ? [appendToServerLine(s, "check", `Add 'check' to server '${s.name}'`, !fromEnv)]
              : undefined,
          });
        }
      }
    }
  },
});
