import { shellText } from "../../simulate/script-text.js";
import { trackersOf } from "../../simulate/scenarios.js";
import { defineRule } from "../rule.js";
import { nodeBinds, routers } from "./router-view.js";

/** Ports a check command or script probes: `:8080`, `nc -z host 8080`, `--dport 80`. */
export function probedPorts(text: string): number[] {
  const out = new Set<number>();
  for (const m of text.matchAll(/(?:[0-9a-zA-Z\]*]):(\d{2,5})(?![0-9.])/g)) out.add(Number(m[1]));
  for (const m of text.matchAll(/\b(?:nc|ncat|netcat)\b[^\n|;]*?\s(\d{2,5})\b/g)) out.add(Number(m[1]));
  for (const m of text.matchAll(/\bgrep\b[^\n|;]*?['"]?:(\d{2,5})\b/g)) out.add(Number(m[1]));
  return [...out].filter((p) => p > 0 && p < 65536);
}

export default defineRule({
  id: "HA021",
  name: "check-probes-wrong-port",
  severity: "warning",
  scope: "cluster",
  docs: {
    summary: "The HAProxy check probes a port HAProxy does not listen on.",
    description:
      "Extracts the ports an HAProxy check probes (`ss -lnt | grep :80`, `curl http://127.0.0.1:8080/`, `nc -z " +
      "localhost 5000`) from its command and script file, and compares them with the ports the node's haproxy.cfg " +
      "binds.",
    why:
      "A check aimed at the wrong port tests something else: it keeps reporting healthy while HAProxy is down (no " +
      "failover) or unhealthy while HAProxy is fine (needless failovers). Ports get out of sync when frontends move " +
      "and the check is forgotten.",
    sources: ["keepalived.conf(5) vrrp_script", "HAProxy configuration manual 5.1 bind"],
    bad: "# haproxy.cfg: bind 192.0.2.100:5000\nvrrp_script chk { script \"/bin/sh -c 'ss -lnt | grep -q :8080'\" }\n",
    good: 'vrrp_script chk { script "/bin/sh -c \'ss -lnt | grep -q \\":5000 \\"\'" }\n',
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  messages: {
    wrongPort: (data: { check: string; node: string; ports: string; listening: string }) =>
      `the check '${data.check}' on ${data.node} probes port ${data.ports}, but HAProxy there listens on ` +
      `${data.listening}: it tests something else than HAProxy. Probe one of HAProxy's ports.`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      for (const m of view.members) {
        if (!m.node.haproxy) continue;
        const bound = new Set<number>();
        for (const { bind } of nodeBinds(m.node))
          for (const a of bind.addresses) if (a.port && /^\d+$/.test(a.port)) bound.add(Number(a.port));
        for (const l of m.node.haproxy.proxies)
          for (const line of l.lines)
            if (line.keyword.value === "stats" && line.args[0]?.value === "socket") bound.add(-1);
        if (bound.size === 0) continue;
        for (const t of trackersOf(view.simulation.trackers, m).active) {
          const cmd = t.script?.command;
          if (!cmd || !t.watchesHaproxy) continue;
          const ports = probedPorts(`${cmd.args.join(" ")}\n${shellText(cmd.fileText ?? "")}`);
          if (ports.length === 0 || ports.some((p) => bound.has(p))) continue;
          ctx.report({
            file: cmd.location.file,
            range: cmd.location.range,
            messageId: "wrongPort",
            data: {
              check: t.name,
              node: m.node.name,
              ports: ports.join(", "),
              listening: [...bound]
                .filter((p) => p > 0)
                .sort((x, y) => x - y)
                .join(", "),
            },
          });
        }
      }
    }
  },
});
