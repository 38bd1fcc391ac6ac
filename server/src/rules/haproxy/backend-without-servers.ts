import type { Proxy } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs, isActive } from "./proxy-index.js";

/** Lines that answer requests without a server, or that bring servers in another way. */
function answersWithoutServers(p: Proxy): boolean {
  for (const line of p.lines) {
    const kw = line.keyword.value;
    const words = line.args.map((w) => w.value);
    if (kw === "server-template" || kw === "dispatch" || kw === "transparent") return true;
    if (kw === "option" && (words[0] === "transparent" || words[0] === "http_proxy")) return true;
    if (
      (kw === "http-request" || kw === "tcp-request") &&
      words.some((w) => /^(return|redirect|use-service|deny|tarpit|reject|silent-drop|auth)$/.test(w))
    )
      return true;
    if (kw === "redirect") return true;
    // A deliberate maintenance page: the 503 is the answer.
    if ((kw === "errorfile" || kw === "errorloc" || kw === "errorloc302" || kw === "errorloc303") && words[0] === "503")
      return true;
    if (kw === "stats" || kw === "filter") return true;
    // A backend that only holds a stick table (for track-sc / peers) is not meant to receive traffic.
    if (kw === "stick-table") return true;
  }
  // stats inherited from defaults also answer.
  if (p.stats.enabled || p.stats.uri) return true;
  return false;
}

export default defineRule({
  id: "HP004",
  name: "backend-without-servers",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "A backend with no `server` line and nothing else that answers requests.",
    description:
      "Reports `backend` sections (and `listen` sections that do not switch elsewhere) with no " +
      "`server`/`server-template` line, unless the section answers by itself: `http-request " +
      "return`/`redirect`/`deny`/`use-service`, `redirect`, `stats`, `errorfile 503` (a deliberate maintenance " +
      "page), `dispatch`, `option transparent` or `option http_proxy`. Backends that hold a `stick-table` are " +
      "table holders, not traffic targets, and backends nothing routes to (no `default_backend`/`use_backend` " +
      "names them and no `use_backend` is dynamic) are not reported.",
    why:
      "HAProxy accepts a backend without servers silently; every request routed to it gets a 503 (or a closed " +
      "connection in TCP mode). It is typically a backend whose servers were commented out or moved under a `.if` " +
      "that is not taken on this node.",
    sources: [
      "HAProxy configuration manual 4.2 'server', 'http-request return'",
      "HAProxy src/backend.c (no server available -> 503)",
    ],
    bad: "backend api\n    balance roundrobin\n    # server a1 192.0.2.21:8080 check\n",
    good: "backend api\n    balance roundrobin\n    server a1 192.0.2.21:8080 check\n",
    realTool: "haproxy -c is silent; the running proxy answers 503.",
    reportedBy: "none",
  },
  messages: {
    noServer: (data: { proxy: string; users: string; mode: string }) =>
      `${data.proxy} has no server${data.users ? ` (used by ${data.users})` : ""}: every ` +
      `${data.mode === "http" ? "request routed to it gets a 503" : "connection routed to it is closed"}; add a ` +
      `'server' line or answer with 'http-request return'`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      for (const p of config.proxies) {
        if ((p.kind !== "backend" && p.kind !== "listen") || !isActive(p) || p.servers.length > 0) continue;
        if (p.kind === "listen" && (p.defaultBackend || p.useBackends.length > 0)) continue;
        if (answersWithoutServers(p)) continue;
        const users = config.proxies
          .filter((f) => f.defaultBackend?.name === p.name || f.useBackends.some((u) => u.name === p.name))
          .map((f) => `'${f.name}'`);
        // A backend nothing can route to (no reference, no dynamic use_backend) is dead configuration, not a 503.
        const dynamic = config.proxies.some((f) => f.useBackends.some((u) => u.dynamic));
        if (p.kind === "backend" && users.length === 0 && !dynamic) continue;
        ctx.report({
          file: p.location.file,
          range: p.location.range,
          messageId: "noServer",
          data: {
            proxy: describeProxy(p),
            users: users.join(", "),
            mode: p.mode,
          },
        });
      }
    }
  },
});
