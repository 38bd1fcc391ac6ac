import { defineRule } from "../rule.js";
import { backendNamed, describeProxy, haproxyConfigs, inheritedNote, isActive } from "./proxy-index.js";

const T = "    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n";

export default defineRule({
  id: "HP003",
  name: "backend-mode-mismatch",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "An HTTP frontend switches to a TCP backend.",
    description:
      "Resolves the effective `mode` of every frontend/listen and of every backend it reaches through `default_backend` or a static `use_backend`, following `defaults` inheritance (`from NAME` or the last `defaults` section; `tcp` when nobody sets a mode). Reports an `http` proxy whose backend is in `tcp` mode. A `tcp` frontend may use an `http` backend: HAProxy upgrades the stream.",
    why: "HAProxy refuses an HTTP proxy that hands its traffic to a TCP backend, so the configuration does not load. It usually happens through inheritance: the backend sits after a second `defaults` section with `mode tcp`, or names a `from` section whose mode differs from the frontend's.",
    sources: [
      "HAProxy src/cfgparse.c check_config_validity() ('tries to use incompatible tcp backend')",
      "HAProxy configuration manual 4.2 'mode', 4 'defaults' (inheritance, named defaults)",
    ],
    bad: "defaults\n    mode http\n\nfrontend www\n    bind :80\n    default_backend db\n\nbackend db\n    mode tcp\n    server pg1 192.0.2.31:5432 check\n",
    good: "defaults\n    mode http\n\nfrontend www\n    bind :80\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n\nfrontend pg\n    mode tcp\n    bind :5432\n    default_backend db\n\nbackend db\n    mode tcp\n    server pg1 192.0.2.31:5432 check\n",
    realTool:
      "haproxy -c reports \"http frontend 'www' … tries to use incompatible tcp backend 'db' … (see 'mode')\" as a fatal error (rc 1).",
    reportedBy: "haproxy -c",
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      for (const p of config.proxies) {
        if (p.kind === "backend" || !isActive(p) || p.mode !== "http") continue;
        const refs = [
          ...(p.defaultBackend ? [{ ref: p.defaultBackend, kw: "default_backend" }] : []),
          ...p.useBackends.map((ref) => ({ ref, kw: "use_backend" })),
        ];
        for (const { ref, kw } of refs) {
          if (ref.dynamic) continue;
          const be = backendNamed(config, ref.name);
          if (!be || be === p || be.mode !== "tcp") continue;
          const feMode = `mode http${inheritedNote(p, p.modeLocation)}`;
          const beMode = be.modeLocation
            ? `mode tcp${inheritedNote(be, be.modeLocation)}`
            : "tcp mode (no mode set: the default)";
          ctx.report({
            file: ref.location.file,
            range: ref.location.range,
            message: `${describeProxy(p)} runs in ${feMode} and sends traffic through ${kw} to ${describeProxy(be)}, which runs in ${beMode}; HAProxy refuses an HTTP proxy with a TCP backend. Set 'mode http' in the backend or make the frontend a TCP one`,
            related: [{ file: be.location.file, range: be.location.range, message: `${describeProxy(be)}, tcp mode` }],
          });
        }
      }
    }
  },
  cases: {
    valid: [
      {
        name: "same modes, and tcp frontend to http backend",
        files: {
          "haproxy.cfg": `defaults\n    mode http\n${T}frontend www\n    bind :80\n    default_backend web\n\nfrontend tls\n    mode tcp\n    bind :8443\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n`,
        },
      },
    ],
    invalid: [
      {
        name: "second defaults section switches the backend to tcp",
        files: {
          "haproxy.cfg": `defaults\n    mode http\n${T}frontend www\n    bind :80\n    default_backend web\n\ndefaults\n    mode tcp\n${T}backend web\n    server w1 192.0.2.11:80 check\n`,
        },
        realTool: "tries to use incompatible tcp backend 'web'",
        expect: [{ line: 9, message: "inherited from defaults at line 12" }],
      },
      {
        name: "use_backend to a tcp backend",
        files: {
          "haproxy.cfg": `defaults\n${T}listen www\n    mode http\n    bind :80\n    use_backend db if { path_beg /db }\n    server w1 192.0.2.11:80 check\n\nbackend db\n    server pg1 192.0.2.31:5432 check\n`,
        },
        realTool: "tries to use incompatible tcp backend 'db'",
        expect: [{ line: 9, message: "no mode set" }],
      },
    ],
  },
});
