import type { Proxy } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs, lineOf } from "./proxy-index.js";

/** Two proxies clash when they share a capability: same kind, or a listen against a frontend or a backend. */
function clash(a: Proxy, b: Proxy): boolean {
  return a.kind === b.kind || a.kind === "listen" || b.kind === "listen";
}

export default defineRule({
  id: "HP005",
  name: "duplicate-haproxy-name",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "Two proxies, or two servers of one backend, with the same name.",
    description:
      "Reports a proxy whose name is already used by a proxy of the same kind, or by a `listen` section against a " +
      "`frontend` or `backend` (a `listen` is both). A `frontend` and a `backend` may share a name. Also reports a " +
      "second `server` with the same name in one backend or listen section.",
    why:
      "HAProxy identifies proxies and servers by name (stats, the runtime API, `track`, `use-server`, logs), and " +
      "refuses the configuration when two of them collide. Copy-pasted sections and server lines are the usual cause.",
    sources: [
      "HAProxy 2.6.12 src/cfgparse-listen.c cfg_parse_listen() ('has the same name as', checked with " +
        "proxy_find_by_name() on the capabilities both share)",
      "HAProxy 2.6.12 src/cfgparse.c check_config_validity() ('another server named ... was already defined at line " +
        "...')",
    ],
    bad: "backend web\n    server web1 192.0.2.11:80 check\n    server web1 192.0.2.12:80 check\n",
    good: "backend web\n    server web1 192.0.2.11:80 check\n    server web2 192.0.2.12:80 check\n",
    realTool:
      "haproxy -c reports \"backend 'web' has the same name as backend 'web' declared at …\" and \"another server " +
      "named 'web1' was already defined at line …\" as fatal errors (rc 1).",
    reportedBy: "haproxy -c",
  },
  messages: {
    duplicateProxy: (data: { proxy: string; first: string; line: number }) =>
      `${data.proxy} has the same name as ${data.first} at line ${data.line}; HAProxy refuses the configuration. ` +
      `Rename one of them (a frontend and a backend may share a name, a listen may not)`,
    duplicateServer: (data: { proxy: string; server: string; line: number }) =>
      `${data.proxy} already has a server named '${data.server}' at line ${data.line}; HAProxy refuses the ` +
      `configuration. Give each server a distinct name`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      // The proxies seen so far by name, in order (a scan of all of them per proxy was quadratic in the file).
      const seen = new Map<string, Proxy[]>();
      for (const p of config.proxies) {
        const sameName = seen.get(p.name);
        const first = sameName?.find((q) => clash(q, p));
        if (sameName) sameName.push(p);
        else seen.set(p.name, [p]);
        if (first && p.name) {
          ctx.report({
            file: p.location.file,
            range: p.location.range,
            messageId: "duplicateProxy",
            data: { proxy: describeProxy(p), first: describeProxy(first), line: lineOf(first.location) },
            related: [
              { file: first.location.file, range: first.location.range, message: `first ${describeProxy(first)}` },
            ],
          });
        }
        const servers = new Map<string, number>();
        for (const s of p.servers) {
          const firstLine = servers.get(s.name);
          if (firstLine === undefined) {
            servers.set(s.name, lineOf(s.location));
            continue;
          }
          ctx.report({
            file: s.nameLocation.file,
            range: s.nameLocation.range,
            messageId: "duplicateServer",
            data: { proxy: describeProxy(p), server: s.name, line: firstLine },
          });
        }
      }
    }
  },
});
