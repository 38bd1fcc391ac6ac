import { defineRule } from "../rule.js";
import { appendToServerLine, describeProxy, haproxyConfigs, isActive } from "./proxy-index.js";

const T =
  "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n" +
  "frontend www\n    bind :80\n    default_backend web\n\n";

export default defineRule({
  id: "HP006",
  name: "server-without-check",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "A server without `check` in a backend that has several servers.",
    description:
      "In every `backend`/`listen` with at least two enabled servers, reports each server that has no health check: " +
      "no `check` on its line or on the `default-server` line before it (or `no-check`), no `agent-check`, and no " +
      "`track`. Offers to add `check` when the server has a port (HAProxy needs a service or check port to run " +
      "checks).",
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
            message: `server '${s.name}' of ${describeProxy(p)} has no health check, so HAProxy always considers it up and keeps sending it traffic when it fails; add 'check'${hasPort ? "" : " with 'port <n>' (the server has no port to check)"}`,
            fixes: hasPort
              ? [appendToServerLine(s, "check", `Add 'check' to server '${s.name}'`, !fromEnv)]
              : undefined,
          });
        }
      }
    }
  },
  cases: {
    valid: [
      {
        name: "checks on the line, from default-server, or tracked",
        files: {
          "haproxy.cfg":
            `${T}backend web\n    server w1 192.0.2.11:80 check\n    server w2 192.0.2.12:80 track web/w1\n\n` +
            `backend api\n    default-server check inter 2s\n    server a1 192.0.2.21:8080\n` +
            `    server a2 192.0.2.22:8080\n\nbackend single\n    server s1 192.0.2.31:80\n`,
        },
      },
    ],
    invalid: [
      {
        name: "second server forgot check",
        files: {
          "haproxy.cfg":
            `${T}backend web\n    balance roundrobin\n    server w1 192.0.2.11:80 check\n` +
            `    server w2 192.0.2.12:80   # added during the migration\n`,
        },
        expect: [{ line: 14, message: "server 'w2' of backend 'web' has no health check" }],
      },
      {
        name: "no-check overrides default-server; server without a port",
        files: {
          "haproxy.cfg":
            `${T}backend web\n    default-server check\n    server w1 192.0.2.11:80 no-check\n` +
            `    server w2 192.0.2.12:80\n\nbackend tcp_pool\n    mode tcp\n    server t1 192.0.2.21\n` +
            `    server t2 192.0.2.22\n`,
        },
        expect: [
          { line: 13, message: "server 'w1'" },
          { line: 18, message: "with 'port <n>'" },
          { line: 19, message: "with 'port <n>'" },
        ],
      },
      {
        // HAProxy reads the options in order: the later of check and no-check wins.
        name: "check then no-check on one line; the fix appends check",
        files: {
          "haproxy.cfg": `${T}backend web
    server w1 192.0.2.11:80 check no-check
    server w2 192.0.2.12:80 no-check check
`,
        },
        expect: [{ line: 12, message: "server 'w1'" }],
        fixed: {
          "haproxy.cfg": `${T}backend web
    server w1 192.0.2.11:80 check no-check check
    server w2 192.0.2.12:80 no-check check
`,
        },
      },
    ],
  },
});
