import { haproxyWord } from "../../syntax/haproxy/write-word.js";
import { closestName } from "../../schema/closest-name.js";
import { defineRule } from "../rule.js";
import { backendNamed, backendNames, describeProxy, haproxyConfigs, inheritedNote, isActive } from "./proxy-index.js";

const T = "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n";

export default defineRule({
  id: "HP001",
  name: "undefined-backend",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "`default_backend` or a static `use_backend` names a backend that is not defined.",
    description:
      "Resolves every `default_backend` (including one inherited from `defaults`) and every `use_backend` whose name is a plain word (no `%[...]`) against the `backend` and `listen` sections of the file. A frontend of the same name does not count: HAProxy only switches to proxies that have the backend capability. Suggests the closest defined backend name.",
    why: "HAProxy resolves static backend names after parsing and refuses the whole configuration when one is missing, so a reload keeps the old configuration and a fresh start brings up no load balancer at all. A typo in a rarely used `use_backend` line is enough.",
    sources: [
      "HAProxy src/cfgparse.c check_config_validity() ('unable to find required default_backend' / 'use_backend')",
      "HAProxy configuration manual 4.2 'use_backend', 'default_backend'",
    ],
    bad: "frontend www\n    bind :80\n    use_backend api if { path_beg /api }\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n",
    good: "frontend www\n    bind :80\n    use_backend api if { path_beg /api }\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n\nbackend api\n    server a1 192.0.2.21:8080 check\n",
    realTool:
      "haproxy -c reports \"Proxy 'www': unable to find required use_backend: 'api'.\" (or default_backend) as a fatal error (rc 1).",
    reportedBy: "haproxy -c",
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      const names = backendNames(config);
      for (const p of config.proxies) {
        if (p.kind === "backend" || p.kind === "defaults" || !isActive(p)) continue;
        const refs = [
          ...(p.defaultBackend ? [{ ref: p.defaultBackend, kw: "default_backend" }] : []),
          ...p.useBackends.map((ref) => ({ ref, kw: "use_backend" })),
        ];
        for (const { ref, kw } of refs) {
          if (ref.dynamic || backendNamed(config, ref.name)) continue;
          const suggestion = closestName(ref.name, names);
          const frontendToo = config.proxies.some((q) => q.kind === "frontend" && q.name === ref.name);
          ctx.report({
            file: ref.location.file,
            range: ref.location.range,
            message:
              `${describeProxy(p)}: ${kw} '${ref.name}'${inheritedNote(p, ref.location)} names no backend or listen section` +
              (frontendToo ? ` ('${ref.name}' is a frontend, which cannot receive switched traffic)` : "") +
              `; HAProxy refuses the configuration. ` +
              (suggestion ? `Did you mean '${suggestion}'?` : `Define 'backend ${ref.name}' or correct the name.`),
            fixes: suggestion
              ? [
                  {
                    description: `Replace '${ref.name}' with '${suggestion}'`,
                    safe: false,
                    edits: [{ file: ref.location.file, range: ref.location.range, newText: haproxyWord(suggestion) }],
                  },
                ]
              : undefined,
          });
        }
      }
    }
  },
  cases: {
    valid: [
      {
        name: "static, listen and dynamic backends",
        files: {
          "haproxy.cfg": `${T}frontend www\n    bind :80\n    use_backend api if { path_beg /api }\n    use_backend be_%[req.hdr(host),lower]\n    use_backend legacy if { path_beg /old }\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n\nbackend api\n    server a1 192.0.2.21:8080 check\n\nlisten legacy\n    bind 127.0.0.1:8081\n    server l1 192.0.2.31:80 check\n`,
        },
      },
      {
        name: "frontend and backend of the same name",
        files: {
          "haproxy.cfg": `${T}frontend app\n    bind :80\n    default_backend app\n\nbackend app\n    server a1 192.0.2.11:80 check\n`,
        },
      },
    ],
    invalid: [
      {
        name: "typo in default_backend",
        files: {
          "haproxy.cfg": `${T}frontend www\n    bind :80\n    default_backend web_servers\n\nbackend web_server\n    server w1 192.0.2.11:80 check\n`,
        },
        realTool: "unable to find required default_backend: 'web_servers'",
        expect: [{ line: 9, message: "Did you mean 'web_server'?" }],
      },
      {
        name: "use_backend to a missing backend",
        files: {
          "haproxy.cfg": `${T}frontend www\n    bind :80\n    use_backend api if { path_beg /api }\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n`,
        },
        realTool: "unable to find required use_backend: 'api'",
        expect: [{ line: 9, message: "use_backend 'api'" }],
      },
      {
        name: "switching to a frontend",
        files: {
          "haproxy.cfg": `${T}frontend www\n    bind :80\n    default_backend admin\n\nfrontend admin\n    bind 127.0.0.1:8081\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n`,
        },
        realTool: "unable to find required default_backend: 'admin'",
        expect: [{ line: 9, message: "is a frontend" }],
      },
    ],
  },
});
