import type { HaproxyConfig, Proxy, Server } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { backendNamed, describeProxy, haproxyConfigs } from "./proxy-index.js";

interface Target {
  proxy?: Proxy;
  server?: Server;
  proxyName: string;
  serverName: string;
}

function resolve(config: HaproxyConfig, from: Proxy, track: string): Target {
  const slash = track.indexOf("/");
  const proxyName = slash >= 0 ? track.slice(0, slash) : from.name;
  const serverName = slash >= 0 ? track.slice(slash + 1) : track;
  const proxy = slash >= 0 ? backendNamed(config, proxyName) : from;
  return { proxy, server: proxy?.servers.find((s) => s.name === serverName), proxyName, serverName };
}

/** Following the links already made from `from`, whether the chain reaches `to`. */
function chainComesBack(resolved: Map<Server, Server>, from: Server, to: Server): boolean {
  const seen = new Set<Server>();
  for (let cur = resolved.get(from); cur && !seen.has(cur); cur = resolved.get(cur)) {
    if (cur === to) return true;
    seen.add(cur);
  }
  return false;
}

export default defineRule({
  id: "HP021",
  name: "agent-check-or-track-error",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary:
      "`agent-check` without `agent-port`, or a `track` to a proxy or server that does not exist, has no check, or " +
      "loops.",
    description:
      "For every server (with its `default-server` settings): `agent-check` needs an `agent-port`; `track " +
      "[<backend>/]<server>` must name a backend or listen section of the file and a server in it, that server must " +
      "itself run a `check` or an `agent-check` (or track another server), and the chain of tracked servers must " +
      "not loop back.",
    why:
      "HAProxy resolves these references after parsing and refuses the configuration when one fails, so a reload " +
      "keeps the old configuration and a fresh start fails. They break easily when a backend or server is renamed and " +
      "the `track` lines elsewhere are not.",
    sources: [
      "HAProxy 2.6.12 src/server.c srv_apply_track() ('unable to find required proxy ... for tracking', 'unable to " +
        "find required server ... for tracking', 'does not have any check nor agent enabled', 'tracking chain looping " +
        "back')",
      "HAProxy 2.6.12 src/server.c _srv_parse_finalize() ('does not have agent port', 'unable to enable checks and " +
        "tracking at the same time')",
      "HAProxy configuration manual 5.2 'agent-check', 'agent-port', 'track'",
    ],
    bad:
      "backend web\n    server w1 192.0.2.11:80 check agent-check\n\nbackend web_ssl\n" +
      "    server w1 192.0.2.11:443 track web/web1\n",
    good:
      "backend web\n    server w1 192.0.2.11:80 check agent-check agent-port 9999\n\nbackend web_ssl\n" +
      "    server w1 192.0.2.11:443 track web/w1\n",
    realTool:
      'haproxy -c reports "server w1 does not have agent port", "unable to find required proxy/server … for ' +
      'tracking" as fatal errors (rc 1).',
    reportedBy: "haproxy -c",
  },
  messages: {
    noAgentPort: (data: { server: string; proxy: string }) =>
      `server '${data.server}' of ${data.proxy} has 'agent-check' but no 'agent-port'; HAProxy refuses the ` +
      `configuration. Add 'agent-port <port>' (on the server or the default-server line)`,
    trackNoBackend: (data: { server: string; proxy: string; track: string; backend: string; onlyFrontend: string }) =>
      `server '${data.server}' of ${data.proxy} tracks '${data.track}', but there is no backend ` +
      `'${data.backend}'${data.onlyFrontend}; HAProxy refuses the configuration`,
    trackNoServer: (data: {
      server: string;
      proxy: string;
      track: string;
      target: string;
      missing: string;
      has: string;
    }) =>
      `server '${data.server}' of ${data.proxy} tracks '${data.track}', but ${data.target} has no server ` +
      `'${data.missing}'${data.has}; HAProxy refuses the configuration`,
    checkAndTrack: (data: { server: string; proxy: string }) =>
      `server '${data.server}' of ${data.proxy} has both 'check' and 'track'; HAProxy refuses the configuration ` +
      `('unable to enable checks and tracking at the same time'): a tracking server takes the state of the one it ` +
      `tracks, remove 'check' or 'track'`,
    trackLoop: (data: { server: string; proxy: string; track: string }) =>
      `server '${data.server}' of ${data.proxy} tracks '${data.track}', which ends in a tracking loop; HAProxy ` +
      `refuses the configuration. Make the chain end at a server with 'check'`,
    trackNoCheck: (data: { server: string; proxy: string; track: string; target: string }) =>
      `server '${data.server}' of ${data.proxy} tracks '${data.track}', which has neither 'check' nor 'agent-check'; ` +
      `HAProxy refuses the configuration. Add 'check' to ${data.target}`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      // The links made so far, server -> the server it tracks.
      const resolved = new Map<Server, Server>();
      for (const p of [...config.proxies].reverse()) {
        if (p.kind !== "backend" && p.kind !== "listen") continue;
        for (const s of p.servers) {
          if (s.agentCheck && !s.options.has("agent-port")) {
            ctx.report({
              file: s.nameLocation.file,
              range: s.nameLocation.range,
              messageId: "noAgentPort",
              data: { server: s.name, proxy: describeProxy(p) },
            });
          }
          if (!s.track) continue;
          if (s.check) {
            // _srv_parse_finalize() refuses the server line itself
            const data = { server: s.name, proxy: describeProxy(p) };
            ctx.report({ file: s.nameLocation.file, range: s.nameLocation.range, messageId: "checkAndTrack", data });
            continue;
          }
          const t = resolve(config, p, s.track.value);
          const at = { file: s.track.location.file, range: s.track.location.range };
          const base = { server: s.name, proxy: describeProxy(p), track: s.track.value };
          if (!t.proxy) {
            const frontend = config.proxies.some((q) => q.kind === "frontend" && q.name === t.proxyName);
            const data = {
              ...base,
              backend: t.proxyName,
              onlyFrontend: frontend ? " (only a frontend of that name)" : "",
            };
            ctx.report({ ...at, messageId: "trackNoBackend", data });
            continue;
          }
          if (!t.server) {
            const names = [...new Set(t.proxy.servers.map((x) => `'${x.name}'`))].slice(0, 5).join(", ");
            const data = {
              ...base,
              target: describeProxy(t.proxy),
              missing: t.serverName,
              has: t.proxy.servers.length ? ` (it has ${names})` : "",
            };
            ctx.report({ ...at, messageId: "trackNoServer", data });
            continue;
          }
          // srv_apply_track() links servers one after the other (each backend's servers in order, the backends
          // from the last one up): a server whose chain of links already made comes back to it is refused.
          if (t.server === s || chainComesBack(resolved, t.server, s)) {
            ctx.report({ ...at, messageId: "trackLoop", data: base });
            continue;
          }
          if (!t.server.check && !t.server.agentCheck && !t.server.track) {
            const data = { ...base, target: `${t.proxyName}/${t.serverName}` };
            ctx.report({ ...at, messageId: "trackNoCheck", data });
            continue;
          }
          resolved.set(s, t.server);
        }
      }
    }
  },
});
