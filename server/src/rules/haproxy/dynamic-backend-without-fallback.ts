import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs, isActive } from "./proxy-index.js";

const T = "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n";

export default defineRule({
  id: "HP002",
  name: "dynamic-backend-without-fallback",
  severity: "info",
  scope: "haproxy",
  docs: {
    summary: "`use_backend` with a `%[...]` name and no `default_backend` to fall back on.",
    description:
      "Reports a frontend or listen section with a `use_backend` whose name is a log-format expression (`be_%[req.hdr(host),lower]`) when the proxy has no `default_backend` (own or from `defaults`). The names such a rule produces cannot be checked before run time.",
    why: "HAProxy cannot check a dynamic backend name at configuration time. At run time, when the computed name matches no backend, it stops evaluating `use_backend` rules and applies `default_backend`; without one the request gets a 503. An unexpected Host header or a new site without its backend therefore fails without any warning at reload.",
    sources: [
      "HAProxy configuration manual 4.2 'use_backend' (log-format names are resolved at run time, default_backend applies when none matches)",
    ],
    bad: "frontend www\n    bind :80\n    use_backend be_%[req.hdr(host),lower,word(1,:)]\n",
    good: "frontend www\n    bind :80\n    use_backend be_%[req.hdr(host),lower,word(1,:)]\n    default_backend be_fallback\n",
    realTool: "haproxy -c is silent: the name is only resolved at run time.",
    reportedBy: "none",
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      for (const p of config.proxies) {
        if (p.kind === "backend" || p.defaultBackend || !isActive(p)) continue;
        const dynamic = p.useBackends.filter((r) => r.dynamic);
        if (dynamic.length === 0) continue;
        const ref = dynamic[0];
        ctx.report({
          file: ref.location.file,
          range: ref.location.range,
          message: `${describeProxy(p)}: use_backend '${ref.name}' is resolved only at run time and the proxy has no default_backend, so a name that matches no backend gives a 503; add a default_backend as the fallback`,
        });
      }
    }
  },
  cases: {
    valid: [
      {
        name: "dynamic name with a fallback",
        files: {
          "haproxy.cfg": `${T}frontend www\n    bind :80\n    use_backend be_%[req.hdr(host),lower,word(1,:)]\n    default_backend be_default\n\nbackend be_default\n    server w1 192.0.2.11:80 check\n`,
        },
      },
      {
        name: "fallback from defaults",
        files: {
          "haproxy.cfg":
            "defaults\n    mode http\n    default_backend be_default\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nfrontend www\n    bind :80\n    use_backend be_%[req.hdr(host),lower]\n\nbackend be_default\n    server w1 192.0.2.11:80 check\n",
        },
      },
    ],
    invalid: [
      {
        name: "host-based switching without a fallback",
        files: {
          "haproxy.cfg": `${T}frontend www\n    bind :80\n    use_backend be_%[req.hdr(host),lower,word(1,:)]\n\nbackend be_example.org\n    server w1 192.0.2.11:80 check\n`,
        },
        expect: [{ line: 9, message: "no default_backend" }],
      },
    ],
  },
});
