import type { Proxy } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs, lineOf } from "./proxy-index.js";

const T = "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n";

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
      "Reports a proxy whose name is already used by a proxy of the same kind, or by a `listen` section against a `frontend` or `backend` (a `listen` is both). A `frontend` and a `backend` may share a name. Also reports a second `server` with the same name in one backend or listen section.",
    why: "HAProxy identifies proxies and servers by name (stats, the runtime API, `track`, `use-server`, logs), and refuses the configuration when two of them collide. Copy-pasted sections and server lines are the usual cause.",
    sources: [
      "HAProxy src/cfgparse-listen.c ('has the same name as')",
      "HAProxy src/server.c ('another server named ... was already defined')",
    ],
    bad: "backend web\n    server web1 192.0.2.11:80 check\n    server web1 192.0.2.12:80 check\n",
    good: "backend web\n    server web1 192.0.2.11:80 check\n    server web2 192.0.2.12:80 check\n",
    realTool:
      "haproxy -c reports \"backend 'web' has the same name as backend 'web' declared at …\" and \"another server named 'web1' was already defined at line …\" as fatal errors (rc 1).",
    reportedBy: "haproxy -c",
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      const seen: Proxy[] = [];
      for (const p of config.proxies) {
        const first = seen.find((q) => q.name === p.name && clash(q, p));
        seen.push(p);
        if (first && p.name) {
          ctx.report({
            file: p.location.file,
            range: p.location.range,
            message: `${describeProxy(p)} has the same name as ${describeProxy(first)} at line ${lineOf(first.location)}; HAProxy refuses the configuration. Rename one of them (a frontend and a backend may share a name, a listen may not)`,
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
            message: `${describeProxy(p)} already has a server named '${s.name}' at line ${firstLine}; HAProxy refuses the configuration. Give each server a distinct name`,
          });
        }
      }
    }
  },
  cases: {
    valid: [
      {
        name: "frontend and backend share a name",
        files: {
          "haproxy.cfg": `${T}frontend app\n    bind :80\n    default_backend app\n\nbackend app\n    server app1 192.0.2.11:80 check\n    server app2 192.0.2.12:80 check\n`,
        },
      },
    ],
    invalid: [
      {
        name: "duplicate backend",
        files: {
          "haproxy.cfg": `${T}frontend www\n    bind :80\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n\nbackend web\n    server w2 192.0.2.12:80 check\n`,
        },
        realTool: "backend 'web' has the same name as backend 'web'",
        expect: [{ line: 14, message: "same name as backend 'web' at line 11" }],
      },
      {
        name: "listen against a frontend",
        files: {
          "haproxy.cfg": `${T}listen stats\n    bind 127.0.0.1:8404\n    stats enable\n\nfrontend stats\n    bind :8080\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n`,
        },
        realTool: "frontend 'stats' has the same name as proxy 'stats'",
        expect: [{ line: 11, message: "listen 'stats'" }],
      },
      {
        name: "copy-pasted server line",
        files: {
          "haproxy.cfg": `${T}frontend www\n    bind :80\n    default_backend web\n\nbackend web\n    server web1 192.0.2.11:80 check\n    server web1 192.0.2.12:80 check\n`,
        },
        realTool: "another server named 'web1' was already defined",
        expect: [{ line: 13, message: "already has a server named 'web1' at line 12" }],
      },
    ],
  },
});
