import type { HaproxyConfig, Proxy } from "../../model/types.js";
import type { Location } from "../../syntax/source.js";
import { defineRule } from "../rule.js";
import { haproxyConfigs, isActive } from "./proxy-index.js";

/** The proxy removes or overwrites the header before it is forwarded. */
function sanitises(p: Proxy, header: string): boolean {
  return p.lines.some(
    (l) =>
      l.keyword.value === "http-request" &&
      /^(del-header|set-header)$/.test(l.args[0]?.value ?? "") &&
      l.args[1]?.value.toLowerCase() === header.toLowerCase(),
  );
}

/** The proxy takes no client connections from the network: loopback or UNIX sockets only, or no bind at all. */
function localOnly(p: Proxy): boolean {
  const addresses = p.binds.flatMap((b) => b.addresses);
  return addresses.every((a) => a.family === "unix" || a.host.startsWith("127.") || a.host === "::1");
}

/** Client-facing proxies whose requests reach `p` without the header being cleaned. */
function unsanitisedEntries(config: HaproxyConfig, p: Proxy, header: string): Proxy[] {
  if (p.kind !== "backend") return sanitises(p, header) || localOnly(p) ? [] : [p];
  if (sanitises(p, header)) return [];
  return config.proxies.filter(
    (f) =>
      f.kind !== "backend" &&
      isActive(f) &&
      (f.defaultBackend?.name === p.name || f.useBackends.some((u) => u.name === p.name)) &&
      !sanitises(f, header) &&
      !localOnly(f),
  );
}

export default defineRule({
  id: "HP013",
  name: "forwardfor-if-none",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "`option forwardfor if-none` on a client-facing proxy that does not clean the header.",
    description:
      "Reports `option forwardfor ... if-none` (own or inherited from `defaults`) in HTTP proxies that receive " +
      "client requests on a non-loopback address, unless the proxy (or, for a backend, every frontend that routes " +
      "to it) removes or overwrites the header with `http-request del-header` / `set-header` first. The header " +
      "name is `X-Forwarded-For` or the one given with `header <name>`.",
    why:
      "With `if-none`, HAProxy adds the client address only when the request does not carry the header yet, so any " +
      "client can send `X-Forwarded-For: 10.0.0.1` and the servers log and trust that address instead of the real " +
      "one (IP allow-lists, rate limits, audit logs). The manual reserves `if-none` for perfectly trusted " +
      "environments.",
    sources: ["HAProxy configuration manual 4.2 'option forwardfor' (if-none: only in perfectly trusted environments)"],
    bad: "frontend www\n    bind :80\n    mode http\n    option forwardfor if-none\n    default_backend web\n",
    good: "frontend www\n    bind :80\n    mode http\n    option forwardfor\n    default_backend web\n",
    realTool: "haproxy -c is silent.",
    reportedBy: "none",
  },
  messages: {
    clientHeaderKept: (data: { header: string; removers: string; removerCount: number }) =>
      `'option forwardfor if-none' keeps a ${data.header} header the client sends, and ${data.removers} ` +
      `${data.removerCount > 1 ? "do" : "does"} not remove it: any client can claim any address to the servers; drop ` +
      `'if-none', or add 'http-request del-header ${data.header}' in the frontend`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      const byOption = new Map<string, { location: Location; header: string; entries: Set<string> }>();
      for (const p of config.proxies) {
        const opt = p.options.get("forwardfor");
        if (!opt?.enabled || !opt.args.includes("if-none") || !isActive(p) || p.mode !== "http") continue;
        const hi = opt.args.indexOf("header");
        const header = hi >= 0 && opt.args[hi + 1] ? opt.args[hi + 1] : "X-Forwarded-For";
        const entries = unsanitisedEntries(config, p, header);
        if (entries.length === 0) continue;
        const key = `${opt.location.range.start.line}:${opt.location.range.start.character}`;
        const slot = byOption.get(key) ?? { location: opt.location, header, entries: new Set<string>() };
        for (const e of entries) slot.entries.add(`${e.kind} '${e.name}'`);
        byOption.set(key, slot);
      }
      for (const { location, header, entries } of byOption.values()) {
        ctx.report({
          file: location.file,
          range: location.range,
          messageId: "clientHeaderKept",
          data: { header, removers: [...entries].join(", "), removerCount: entries.size },
        });
      }
    }
  },
});
