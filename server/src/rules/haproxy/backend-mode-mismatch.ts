import { defineRule } from "../rule.js";
import { backendNamed, describeProxy, haproxyConfigs, inheritedNote, isActive, ownedBy } from "./proxy-index.js";

export default defineRule({
  id: "HP003",
  name: "backend-mode-mismatch",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "An HTTP frontend switches to a TCP backend.",
    description:
      "Resolves the effective `mode` of every frontend/listen and of every backend it reaches through " +
      "`default_backend` or a static `use_backend`, following `defaults` inheritance (`from NAME` or the last " +
      "`defaults` section; `tcp` when nobody sets a mode). Reports an `http` proxy whose backend is in `tcp` mode. " +
      "A `tcp` frontend may use an `http` backend: HAProxy upgrades the stream.",
    why:
      "HAProxy refuses an HTTP proxy that hands its traffic to a TCP backend, so the configuration does not load. It " +
      "usually happens through inheritance: the backend sits after a second `defaults` section with `mode tcp`, or " +
      "names a `from` section whose mode differs from the frontend's.",
    sources: [
      "HAProxy 2.6.12 src/cfgparse.c check_config_validity() ('tries to use incompatible tcp backend ... as its " +
        "default backend' / 'in a use_backend rule'; a TCP frontend may use an HTTP backend)",
      "HAProxy configuration manual 4.2 'mode', 4 'defaults' (inheritance, named defaults)",
    ],
    bad:
      "defaults\n    mode http\n\nfrontend www\n    bind :80\n    default_backend db\n\nbackend db\n    mode tcp\n" +
      "    server pg1 192.0.2.31:5432 check\n",
    good:
      "defaults\n    mode http\n\nfrontend www\n    bind :80\n    default_backend web\n\nbackend web\n" +
      "    server w1 192.0.2.11:80 check\n\nfrontend pg\n    mode tcp\n    bind :5432\n    default_backend db\n\n" +
      "backend db\n    mode tcp\n    server pg1 192.0.2.31:5432 check\n",
    realTool:
      "haproxy -c reports \"http frontend 'www' … tries to use incompatible tcp backend 'db' … (see 'mode')\" as a " +
      "fatal error (rc 1).",
    reportedBy: "haproxy -c",
  },
  messages: {
    tcpBackend: (data: {
      proxy: string;
      frontendMode: string;
      keyword: string;
      backend: string;
      backendMode: string;
    }) =>
      `${data.proxy} runs in ${data.frontendMode} and sends traffic through ${data.keyword} to ${data.backend}, ` +
      `which runs in ${data.backendMode}; HAProxy refuses an HTTP proxy with a TCP backend. Set 'mode http' in the ` +
      `backend or make the frontend a TCP one`,
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
          // HAProxy names the frontend: an inherited default_backend is reported in the frontend's section.
          const where = ownedBy(p, ref.location) ? ref.location : p.location;
          const data = {
            proxy: describeProxy(p),
            frontendMode: feMode,
            keyword: kw,
            backend: describeProxy(be),
            backendMode: beMode,
          };
          ctx.report({
            file: where.file,
            range: where.range,
            messageId: "tcpBackend",
            data,
            related: [{ file: be.location.file, range: be.location.range, message: `${describeProxy(be)}, tcp mode` }],
          });
        }
      }
    }
  },
});
