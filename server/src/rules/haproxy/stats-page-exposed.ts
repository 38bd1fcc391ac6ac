import type { BindAddress, HaproxyConfig, Proxy } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs, inheritedNote, isActive } from "./proxy-index.js";

const T = "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n";

function isLoopback(a: BindAddress): boolean {
  return (
    a.family === "unix" ||
    a.family === "other" ||
    a.host.startsWith("127.") ||
    a.host === "::1" ||
    a.host === "localhost"
  );
}

/** Access rules that restrict who reaches the proxy (source ACLs, deny/auth rules). */
function restricted(p: Proxy): boolean {
  if (p.stats.auth.length > 0 || p.stats.hasAuthRule || p.stats.httpRequestRules.length > 0) return true;
  return p.lines.some((l) => {
    const kw = l.keyword.value;
    const words = l.args.map((w) => w.value);
    const conditional = words.includes("if") || words.includes("unless");
    if (kw === "http-request")
      return words[0] === "auth" || (conditional && /^(deny|reject|tarpit|silent-drop|auth)$/.test(words[0] ?? ""));
    if (kw === "tcp-request") return conditional && words.some((w) => w === "reject" || w === "silent-drop");
    return false;
  });
}

/** The addresses the stats page answers on: the proxy's binds, or for a backend those of the frontends that use it. */
function exposure(config: HaproxyConfig, p: Proxy): { addresses: BindAddress[]; sourceRestricted: boolean } {
  if (p.kind !== "backend") return { addresses: p.binds.flatMap((b) => b.addresses), sourceRestricted: false };
  const addresses: BindAddress[] = [];
  let sourceRestricted = true;
  for (const f of config.proxies) {
    if (f.kind === "backend" || !isActive(f)) continue;
    const refs = [
      ...(f.defaultBackend?.name === p.name ? [{ condition: [] as string[] }] : []),
      ...f.useBackends.filter((u) => u.name === p.name),
    ];
    if (refs.length === 0) continue;
    addresses.push(...f.binds.flatMap((b) => b.addresses));
    if (!(refs.every((r) => r.condition.some((c) => /\bsrc\b/.test(c))) || restricted(f))) sourceRestricted = false;
  }
  return { addresses, sourceRestricted };
}

export default defineRule({
  id: "HP010",
  name: "stats-page-exposed",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "The stats page is served without authentication or access rule, or on every address of the node.",
    description:
      "For every proxy with the stats page turned on (any `stats` line, its own or inherited from `defaults`), looks at where the page answers: the proxy's `bind` lines, or for a backend the binds of the frontends that route to it. Reports the page when it has no `stats auth`, no `http-request auth`/`stats http-request` rule and no source-restricting rule (`http-request deny ... if/unless`, `tcp-request ... reject`, a `use_backend ... if { src ... }`) while it answers on a non-loopback address, and reports a protected page bound to a wildcard address (`*:8404`, `:8404`, `0.0.0.0`, `::`). Pages on loopback addresses or UNIX sockets are not reported.",
    why: "The stats page lists every backend and server with addresses, states, weights and traffic, and with `stats admin` lets its users put servers into maintenance. Its Basic authentication travels in clear text (configuration manual 'stats auth'). On a wildcard bind it answers on every address of the node, including public ones and, on a keepalived pair, on the VIP and on both nodes.",
    sources: [
      "HAProxy configuration manual 4.2 'stats enable', 'stats uri', 'stats auth', 'stats admin', 'stats http-request'",
    ],
    bad: "listen stats\n    bind *:8404\n    stats enable\n    stats uri /stats\n",
    good: "listen stats\n    bind 192.0.2.5:8404\n    stats enable\n    stats uri /stats\n    stats auth ops:Vb9-long-random-secret\n    http-request deny unless { src 192.0.2.0/24 }\n",
    realTool: "haproxy -c is silent.",
    reportedBy: "none",
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      for (const p of config.proxies) {
        const declared = p.stats.declared;
        if (!declared || !isActive(p)) continue;
        const { addresses, sourceRestricted } = exposure(config, p);
        const exposed = addresses.filter((a) => !isLoopback(a));
        if (addresses.length > 0 && exposed.length === 0) continue;
        if (p.kind === "backend" && addresses.length === 0) continue;
        const where = exposed.length > 0 ? exposed.map((a) => `'${a.text}'`).join(", ") : "its listeners";
        const wildcard = exposed.find((a) => a.wildcard);
        const protectedPage = restricted(p) || (p.kind === "backend" && sourceRestricted);
        const inherited = inheritedNote(p, declared);
        const own = inherited === "";
        const at = own ? declared : p.location;
        if (!protectedPage) {
          ctx.report({
            file: at.file,
            range: at.range,
            message: `the stats page of ${describeProxy(p)}${inherited} answers on ${where} with no authentication or access rule: anyone who reaches it sees every backend and server with its address and state; add 'stats auth' (or 'http-request auth') and restrict the source, or bind it to a management address`,
          });
        } else if (wildcard) {
          ctx.report({
            file: at.file,
            range: at.range,
            message: `the stats page of ${describeProxy(p)}${inherited} is bound to the wildcard address '${wildcard.text}', so it answers on every address of the node (public ones, the VIP, and on both nodes of a pair), and its Basic authentication travels in clear text; bind it to a management or loopback address`,
          });
        }
      }
    }
  },
  cases: {
    valid: [
      {
        name: "loopback stats and protected management bind",
        files: {
          "haproxy.cfg": `${T}listen stats_local\n    bind 127.0.0.1:8404\n    stats enable\n    stats uri /\n\nlisten stats\n    bind 192.0.2.5:8405\n    stats enable\n    stats uri /stats\n    stats auth ops:Vb9-long-random-secret\n`,
        },
      },
      {
        name: "stats backend reached only from an allowed source",
        files: {
          "haproxy.cfg": `${T}frontend mgmt\n    bind 192.0.2.5:8080\n    use_backend stats if { src 192.0.2.0/24 }\n    default_backend web\n\nbackend stats\n    stats enable\n    stats uri /\n\nbackend web\n    server w1 192.0.2.11:80 check\n`,
        },
      },
    ],
    invalid: [
      {
        name: "open stats on a wildcard bind",
        files: {
          "haproxy.cfg": `${T}listen stats\n    bind *:8404\n    stats enable\n    stats uri /stats\n    stats refresh 10s\n`,
        },
        expect: [{ line: 9, message: "no authentication or access rule" }],
      },
      {
        name: "authenticated stats on every address",
        files: {
          "haproxy.cfg": `${T}listen stats\n    bind :8404\n    mode http\n    stats enable\n    stats uri /stats\n    stats auth ops:Vb9-long-random-secret\n`,
        },
        expect: [{ line: 10, message: "wildcard address ':8404'" }],
      },
      {
        name: "stats enabled in defaults reach a public frontend",
        files: {
          "haproxy.cfg":
            "defaults\n    mode http\n    stats enable\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nfrontend www\n    bind 198.51.100.10:80\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n",
        },
        expect: [
          { line: 8, message: "frontend 'www' (inherited from defaults at line 3)" },
          { line: 12, message: "backend 'web' (inherited from defaults at line 3)" },
        ],
      },
    ],
  },
});
