import type { Proxy } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs, isActive, isZeroTime } from "./proxy-index.js";

function has(p: Proxy, name: string): boolean {
  const t = p.timeouts.get(name);
  return t !== undefined && !isZeroTime(t.value);
}

/** The timeouts HAProxy wants for this proxy and does not find (check_config_validity()). */
export function missingTimeouts(p: Proxy, hasServers: boolean): string[] {
  const missing: string[] = [];
  if ((p.kind === "frontend" || p.kind === "listen") && !has(p, "client")) missing.push("client");
  if ((p.kind === "backend" || p.kind === "listen") && hasServers) {
    if (!has(p, "connect")) missing.push("connect");
    if (!has(p, "server") && (p.mode === "http" || !has(p, "tunnel"))) missing.push("server");
  }
  return missing;
}

export default defineRule({
  id: "HP009",
  name: "missing-timeouts",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "A proxy without `timeout client`, `timeout connect` or `timeout server` (own or from defaults).",
    description:
      "Mirrors the check `haproxy -c` runs after parsing, with the timeouts each proxy inherits from its `defaults` " +
      "section: a frontend or listen needs `timeout client`; a backend or listen with servers needs `timeout " +
      "connect` and `timeout server` (in TCP mode `timeout tunnel` may stand in for `timeout server`). A value of 0 " +
      "counts as missing.",
    why:
      "Without these timeouts HAProxy waits forever on idle or stuck clients and servers: connections pile up until " +
      "`maxconn` is reached and the proxy stops accepting new ones. HAProxy only warns about it, so it is easy to " +
      "miss in a reload log.",
    sources: [
      "HAProxy 2.6.12 src/cfgparse.c check_config_validity() ('missing timeouts for ...': client for a frontend, " +
        "connect and server for a backend with servers, tunnel standing in for server in TCP mode)",
      "HAProxy configuration manual 4.2 'timeout client', 'timeout connect', 'timeout server', 'timeout tunnel'",
    ],
    bad:
      "defaults\n    mode http\n    timeout client 30s\n\nfrontend www\n    bind :80\n    default_backend web\n\n" +
      "backend web\n    server web1 192.0.2.11:80 check\n",
    good:
      "defaults\n    mode http\n    timeout client 30s\n    timeout connect 5s\n    timeout server 30s\n\n" +
      "frontend www\n    bind :80\n    default_backend web\n\nbackend web\n    server web1 192.0.2.11:80 check\n",
    realTool: "haproxy -c warns \"missing timeouts for backend 'web'\" (rc 0).",
    reportedBy: "haproxy -c",
  },
  messages: {
    missing: (data: { proxy: string; timeouts: string; who: string; pronoun: string; where: string }) =>
      `${data.proxy} has no ${data.timeouts}: HAProxy waits forever on idle ${data.who} and connections pile up ` +
      `until maxconn; set ${data.pronoun} in the section${data.where}`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      for (const p of config.proxies) {
        if (!isActive(p) || (p.mode !== "http" && p.mode !== "tcp")) continue;
        const hasServers = p.servers.length > 0 || p.lines.some((l) => l.keyword.value === "server-template");
        const missing = missingTimeouts(p, hasServers);
        if (missing.length === 0) continue;
        const where = p.defaults
          ? ` (or in the defaults section it inherits from, line ${p.defaults.sectionLocation.range.start.line + 1})`
          : " (or in a defaults section before it)";
        const data = {
          proxy: describeProxy(p),
          timeouts: missing.map((m) => `'timeout ${m}'`).join(", "),
          who: missing.includes("client") ? "clients" : "servers",
          pronoun: missing.length > 1 ? "them" : "it",
          where,
        };
        ctx.report({ file: p.location.file, range: p.location.range, messageId: "missing", data });
      }
    }
  },
});
