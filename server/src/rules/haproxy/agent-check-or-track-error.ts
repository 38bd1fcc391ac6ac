import type { HaproxyConfig, Proxy, Server } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { backendNamed, describeProxy, haproxyConfigs } from "./proxy-index.js";

const T =
  "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nfrontend www\n    bind :80\n    default_backend web\n\n";

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

export default defineRule({
  id: "HP021",
  name: "agent-check-or-track-error",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary:
      "`agent-check` without `agent-port`, or a `track` to a proxy or server that does not exist, has no check, or loops.",
    description:
      "For every server (with its `default-server` settings): `agent-check` needs an `agent-port`; `track [<backend>/]<server>` must name a backend or listen section of the file and a server in it, that server must itself run a `check` or an `agent-check` (or track another server), and the chain of tracked servers must not loop back.",
    why: "HAProxy resolves these references after parsing and refuses the configuration when one fails, so a reload keeps the old configuration and a fresh start fails. They break easily when a backend or server is renamed and the `track` lines elsewhere are not.",
    sources: [
      "HAProxy src/server.c srv_parse_track / src/cfgparse.c check_config_validity() ('unable to find required proxy ... for tracking', 'unable to find required server', 'does not have any check nor agent enabled', 'tracking chain looping back')",
      "HAProxy src/check.c init_srv_agent_check() ('does not have agent port')",
      "HAProxy configuration manual 5.2 'agent-check', 'agent-port', 'track'",
    ],
    bad: "backend web\n    server w1 192.0.2.11:80 check agent-check\n\nbackend web_ssl\n    server w1 192.0.2.11:443 track web/web1\n",
    good: "backend web\n    server w1 192.0.2.11:80 check agent-check agent-port 9999\n\nbackend web_ssl\n    server w1 192.0.2.11:443 track web/w1\n",
    realTool:
      'haproxy -c reports "server w1 does not have agent port", "unable to find required proxy/server … for tracking" as fatal errors (rc 1).',
    reportedBy: "haproxy -c",
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      for (const p of config.proxies) {
        if (p.kind !== "backend" && p.kind !== "listen") continue;
        for (const s of p.servers) {
          if (s.agentCheck && !s.options.has("agent-port")) {
            ctx.report({
              file: s.nameLocation.file,
              range: s.nameLocation.range,
              message: `server '${s.name}' of ${describeProxy(p)} has 'agent-check' but no 'agent-port'; HAProxy refuses the configuration. Add 'agent-port <port>' (on the server or the default-server line)`,
            });
          }
          if (!s.track) continue;
          const t = resolve(config, p, s.track.value);
          const at = { file: s.track.location.file, range: s.track.location.range };
          if (!t.proxy) {
            const frontend = config.proxies.some((q) => q.kind === "frontend" && q.name === t.proxyName);
            ctx.report({
              ...at,
              message: `server '${s.name}' of ${describeProxy(p)} tracks '${s.track.value}', but there is no backend '${t.proxyName}'${frontend ? " (only a frontend of that name)" : ""}; HAProxy refuses the configuration`,
            });
            continue;
          }
          if (!t.server) {
            ctx.report({
              ...at,
              message: `server '${s.name}' of ${describeProxy(p)} tracks '${s.track.value}', but ${describeProxy(t.proxy)} has no server '${t.serverName}'${t.proxy.servers.length ? ` (it has ${[...new Set(t.proxy.servers.map((x) => `'${x.name}'`))].slice(0, 5).join(", ")})` : ""}; HAProxy refuses the configuration`,
            });
            continue;
          }
          // Follow the chain: it must end at a server with its own check, without coming back.
          const chain: Server[] = [s];
          let cur: Target = t;
          let loop = false;
          while (cur.server && cur.server.track && cur.proxy) {
            if (chain.includes(cur.server)) {
              loop = true;
              break;
            }
            chain.push(cur.server);
            cur = resolve(config, cur.proxy, cur.server.track.value);
          }
          if (loop || (cur.server && chain.includes(cur.server))) {
            ctx.report({
              ...at,
              message: `server '${s.name}' of ${describeProxy(p)} tracks '${s.track.value}', which ends in a tracking loop; HAProxy refuses the configuration. Make the chain end at a server with 'check'`,
            });
            continue;
          }
          if (chain.length === 1 && !t.server.check && !t.server.agentCheck) {
            ctx.report({
              ...at,
              message: `server '${s.name}' of ${describeProxy(p)} tracks '${s.track.value}', which has neither 'check' nor 'agent-check'; HAProxy refuses the configuration. Add 'check' to ${t.proxyName}/${t.serverName}`,
            });
          }
        }
      }
    }
  },
  cases: {
    valid: [
      {
        name: "agent port and tracking to a checked server",
        files: {
          "haproxy.cfg": `${T}backend web\n    default-server agent-port 9999\n    server w1 192.0.2.11:80 check agent-check\n    server w2 192.0.2.12:80 track w1\n\nbackend web_ssl\n    server w1 192.0.2.11:443 track web/w1\n`,
        },
      },
    ],
    invalid: [
      {
        name: "agent-check without agent-port",
        files: { "haproxy.cfg": `${T}backend web\n    server w1 192.0.2.11:80 check agent-check\n` },
        realTool: "does not have agent port",
        expect: [{ line: 12, message: "no 'agent-port'" }],
      },
      {
        name: "track to a renamed backend",
        files: {
          "haproxy.cfg": `${T}backend web\n    server w1 192.0.2.11:80 check\n\nbackend web_ssl\n    server w1 192.0.2.11:443 track www/w1\n`,
        },
        realTool: "unable to find required proxy 'www' for tracking",
        expect: [{ line: 15, message: "there is no backend 'www' (only a frontend of that name)" }],
      },
      {
        name: "track to an unknown server and to an unchecked one",
        files: {
          "haproxy.cfg": `${T}backend web\n    server w1 192.0.2.11:80 check\n    server w2 192.0.2.12:80\n\nbackend web_ssl\n    server s1 192.0.2.11:443 track web/web1\n    server s2 192.0.2.12:443 track web/w2\n`,
        },
        realTool: "unable to find required server 'web1' for tracking",
        expect: [
          { line: 16, message: "has no server 'web1'" },
          { line: 17, message: "neither 'check' nor 'agent-check'" },
        ],
      },
    ],
  },
});
