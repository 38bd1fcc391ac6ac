import { haproxyWord } from "../../syntax/haproxy/write-word.js";
import { closestName } from "../../schema/closest-name.js";
import { defineRule } from "../rule.js";
import {
  backendNamed,
  backendNames,
  describeProxy,
  haproxyConfigs,
  inheritedNote,
  isActive,
  ownedBy,
} from "./proxy-index.js";

/** The end of both messages: the closest backend name, or how to fix the reference. */
const didYouMean = (suggestion: string | undefined, name: string): string =>
  suggestion ? `Did you mean '${suggestion}'?` : `Define 'backend ${name}' or correct the name.`;

export default defineRule({
  id: "HP001",
  name: "undefined-backend",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "`default_backend` or a static `use_backend` names a backend that is not defined.",
    description:
      "Resolves every `default_backend` (including one inherited from `defaults`) and every `use_backend` whose " +
      "name is a plain word (no `%[...]`) against the `backend` and `listen` sections of the file. A frontend of " +
      "the same name does not count: HAProxy only switches to proxies that have the backend capability. Suggests " +
      "the closest defined backend name.",
    why:
      "HAProxy resolves static backend names after parsing and refuses the whole configuration when one is missing, " +
      "so a reload keeps the old configuration and a fresh start brings up no load balancer at all. A typo in a " +
      "rarely used `use_backend` line is enough.",
    sources: [
      "HAProxy 2.6.12 src/cfgparse.c check_config_validity() ('unable to find required default_backend' / " +
        "'use_backend', looked up with proxy_be_by_name(): backend and listen sections only)",
      "HAProxy configuration manual 4.2 'use_backend', 'default_backend'",
    ],
    bad:
      "frontend www\n    bind :80\n    use_backend api if { path_beg /api }\n    default_backend web\n\nbackend web\n" +
      "    server w1 192.0.2.11:80 check\n",
    good:
      "frontend www\n    bind :80\n    use_backend api if { path_beg /api }\n    default_backend web\n\nbackend web\n" +
      "    server w1 192.0.2.11:80 check\n\nbackend api\n    server a1 192.0.2.21:8080 check\n",
    realTool:
      "haproxy -c reports \"Proxy 'www': unable to find required use_backend: 'api'.\" (or default_backend) as a " +
      "fatal error (rc 1).",
    reportedBy: "haproxy -c",
  },
  messages: {
    noBackend: (data: { proxy: string; keyword: string; name: string; inherited: string; suggestion?: string }) =>
      `${data.proxy}: ${data.keyword} '${data.name}'${data.inherited} names no backend or listen section; HAProxy ` +
      `refuses the configuration. ` +
      didYouMean(data.suggestion, data.name),
    onlyFrontend: (data: { proxy: string; keyword: string; name: string; inherited: string; suggestion?: string }) =>
      `${data.proxy}: ${data.keyword} '${data.name}'${data.inherited} names no backend or listen section ` +
      `('${data.name}' is a frontend, which cannot receive switched traffic); HAProxy refuses the configuration. ` +
      didYouMean(data.suggestion, data.name),
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
          // HAProxy names the proxy, not the line: an inherited default_backend is reported in the proxy's section.
          const where = ownedBy(p, ref.location) ? ref.location : p.location;
          const data = {
            proxy: describeProxy(p),
            keyword: kw,
            name: ref.name,
            inherited: inheritedNote(p, ref.location),
            ...(suggestion ? { suggestion } : {}),
          };
          ctx.report({
            file: where.file,
            range: where.range,
            messageId: frontendToo ? "onlyFrontend" : "noBackend",
            data,
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
});
