import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs, isActive } from "./proxy-index.js";

export default defineRule({
  id: "HP002",
  name: "dynamic-backend-without-fallback",
  severity: "info",
  scope: "haproxy",
  docs: {
    summary: "`use_backend` with a `%[...]` name and no `default_backend` to fall back on.",
    description:
      "Reports a frontend, or a listen section without servers of its own, with a `use_backend` whose name is a " +
      "log-format expression (`be_%[req.hdr(host),lower]`) when the proxy has no `default_backend` (own or from " +
      "`defaults`). The names such a rule produces cannot be checked before run time. A listen section with servers " +
      "is not reported: it falls back to them.",
    why:
      "HAProxy cannot check a dynamic backend name at configuration time. At run time, when the computed name matches " +
      "no backend, it stops evaluating `use_backend` rules and sends the request to `default_backend`, or without one " +
      "to the proxy itself: a frontend has no server, so the request gets a 503 (in TCP mode the connection is " +
      "closed); a listen section uses its own servers. An unexpected Host header or a new site without its backend " +
      "therefore fails without any warning at reload.",
    sources: [
      "HAProxy 2.6.12 src/stream.c process_switching_rules() (a dynamic name that resolves to no backend breaks the " +
        "loop; then fe->defbe.be, else the proxy itself)",
      "HAProxy configuration manual 4.2 'use_backend' (log-format names are resolved at run time)",
      "test/haproxy-runtime-claims.test.ts (haproxy 2.6.12 on loopback: 503 from a frontend, the listen's own " +
        "server from a listen)",
    ],
    bad: "frontend www\n    bind :80\n    use_backend be_%[req.hdr(host),lower,word(1,:)]\n",
    good:
      "frontend www\n    bind :80\n    use_backend be_%[req.hdr(host),lower,word(1,:)]\n" +
      "    default_backend be_fallback\n",
    realTool: "haproxy -c is silent: the name is only resolved at run time.",
    reportedBy: "none",
  },
  messages: {
    noFallback: (data: { proxy: string; name: string; outcome: string }) =>
      `${data.proxy}: use_backend '${data.name}' is resolved only at run time and the proxy has no default_backend, ` +
      `so a name that matches no backend ${data.outcome}; add a default_backend as the fallback`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      for (const p of config.proxies) {
        if (p.kind === "backend" || p.defaultBackend || !isActive(p)) continue;
        // A listen section falls back to its own servers.
        if (p.kind === "listen" && p.servers.length > 0) continue;
        const dynamic = p.useBackends.filter((r) => r.dynamic);
        if (dynamic.length === 0) continue;
        const ref = dynamic[0];
        const outcome = p.mode === "http" ? "gets a 503" : "has its connection closed";
        ctx.report({
          file: ref.location.file,
          range: ref.location.range,
          messageId: "noFallback",
          data: { proxy: describeProxy(p), name: ref.name, outcome },
        });
      }
    }
  },
});
