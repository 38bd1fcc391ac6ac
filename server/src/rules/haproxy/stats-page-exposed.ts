import type { Bind, BindAddress, HaproxyConfig, Proxy } from "../../model/types.js";
import type { AnalysisInput } from "../context.js";
import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs, inheritedNote, isActive } from "./proxy-index.js";

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

/** The binds the stats page answers on: the proxy's own, or for a backend those of the frontends that use it. */
function exposure(
  config: HaproxyConfig,
  p: Proxy,
): { binds: Bind[]; addresses: BindAddress[]; sourceRestricted: boolean } {
  if (p.kind !== "backend")
    return { binds: p.binds, addresses: p.binds.flatMap((b) => b.addresses), sourceRestricted: false };
  const binds: Bind[] = [];
  const addresses: BindAddress[] = [];
  let sourceRestricted = true;
  for (const f of config.proxies) {
    if (f.kind === "backend" || !isActive(f)) continue;
    const refs = [
      ...(f.defaultBackend?.name === p.name ? [{ condition: [] as string[] }] : []),
      ...f.useBackends.filter((u) => u.name === p.name),
    ];
    if (refs.length === 0) continue;
    binds.push(...f.binds);
    addresses.push(...f.binds.flatMap((b) => b.addresses));
    if (!(refs.every((r) => r.condition.some((c) => /\bsrc\b/.test(c))) || restricted(f))) sourceRestricted = false;
  }
  return { binds, addresses, sourceRestricted };
}

/** A node that runs this haproxy.cfg has VRRP addresses: HA014 reports its wildcard binds. */
function servedWithVips(ctx: AnalysisInput, config: HaproxyConfig): boolean {
  return ctx.clusters.some((c) =>
    c.nodes.some((n) => n.haproxy === config && (n.keepalived?.instances ?? []).some((i) => i.vips.length > 0)),
  );
}

/** What the page shows, as src/stats.c builds it for these settings. */
function content(p: Proxy): string {
  const version = p.stats.hideVersion ? "" : ", and the HAProxy version";
  return p.stats.showLegends
    ? `every frontend, backend and server with its state, weight and traffic, the servers' addresses, ids and ` +
        `cookies ('stats show-legends')${version}`
    : `every frontend, backend and server by name with its state, weight, health-check result and traffic${version}`;
}

export default defineRule({
  id: "HP010",
  name: "stats-page-exposed",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "The stats page is served without authentication or access rule, or on every address of the node.",
    description:
      "For every proxy with the stats page turned on (any `stats` line, its own or inherited from `defaults`), " +
      "looks at where the page answers: the proxy's `bind` lines, or for a backend the binds of the frontends that " +
      "route to it. Reports the page when it has no `stats auth`, no `http-request auth`/`stats http-request` rule " +
      "and no source-restricting rule (`http-request deny ... if/unless`, `tcp-request ... reject`, a `use_backend " +
      "... if { src ... }`) while it answers on a non-loopback address, and reports a protected page bound to a " +
      "wildcard address (`*:8404`, `:8404`, `0.0.0.0`, `::`) on a single HAProxy (on a node that carries VRRP " +
      "addresses, HA014 reports the wildcard bind itself). Pages on loopback addresses or UNIX sockets are not " +
      "reported.",
    why:
      "The stats page lists every frontend, backend and server by name with its state, weight, health-check result " +
      "and traffic, and the HAProxy version unless `stats hide-version` is set; the servers' addresses, ids and " +
      "cookies appear only with `stats show-legends`. With `stats admin` its users can put servers into maintenance. " +
      "Its Basic authentication travels in clear text unless the bind has `ssl` (configuration manual 'stats auth'). " +
      "On a wildcard bind it answers on every address of the node, public ones included.",
    sources: [
      "HAProxy 2.6.12 src/stats.c stats_dump_sv_stats() / stats_fill_sv_stats() (ST_F_ADDR, cookies and ids only " +
        "with STAT_SHLGNDS), stats_dump_html_info() (version unless STAT_HIDEVER)",
      "HAProxy 2.6.12 src/http_ana.c http_handle_stats() (the page's flags come from the proxy's 'stats' settings)",
      "HAProxy configuration manual 4.2 'stats enable', 'stats uri', 'stats auth', 'stats admin', 'stats " +
        "show-legends', 'stats hide-version', 'stats http-request'",
    ],
    bad: "listen stats\n    bind *:8404\n    stats enable\n    stats uri /stats\n",
    good:
      "listen stats\n    bind 192.0.2.5:8404\n    stats enable\n    stats uri /stats\n" +
      "    stats auth ops:Vb9-long-random-secret\n    http-request deny unless { src 192.0.2.0/24 }\n",
    realTool: "haproxy -c is silent.",
    reportedBy: "none",
  },
  messages: {
    unprotected: (data: { proxy: string; where: string; content: string }) =>
      `the stats page of ${data.proxy} answers on ${data.where} with no authentication or access rule: anyone who ` +
      `reaches it sees ${data.content}; add 'stats auth' (or 'http-request auth') and restrict the source, or bind ` +
      `it to a management address`,
    wildcard: (data: { proxy: string; address: string; clearText: string }) =>
      `the stats page of ${data.proxy} is bound to the wildcard address '${data.address}', so it answers on every ` +
      `address of the node, public ones included${data.clearText}; bind it to a management or loopback address`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      const withVips = servedWithVips(ctx, config);
      for (const p of config.proxies) {
        const declared = p.stats.declared;
        if (!declared || !isActive(p)) continue;
        const { binds, addresses, sourceRestricted } = exposure(config, p);
        const exposed = addresses.filter((a) => !isLoopback(a));
        if (addresses.length > 0 && exposed.length === 0) continue;
        if (p.kind === "backend" && addresses.length === 0) continue;
        const where = exposed.length > 0 ? exposed.map((a) => `'${a.text}'`).join(", ") : "its listeners";
        const wildcard = exposed.find((a) => a.wildcard);
        const protectedPage = restricted(p) || (p.kind === "backend" && sourceRestricted);
        const inherited = inheritedNote(p, declared);
        const at = inherited === "" ? declared : p.location;
        const proxy = `${describeProxy(p)}${inherited}`;
        if (!protectedPage) {
          ctx.report({
            file: at.file,
            range: at.range,
            messageId: "unprotected",
            data: { proxy, where, content: content(p) },
          });
        } else if (wildcard && !withVips) {
          const tls = binds.some((b) => b.options.has("ssl"));
          const clearText = tls ? "" : ", and its Basic authentication travels there in clear text";
          ctx.report({
            file: at.file,
            range: at.range,
            messageId: "wildcard",
            data: { proxy, address: wildcard.text, clearText },
          });
        }
      }
    }
  },
});
