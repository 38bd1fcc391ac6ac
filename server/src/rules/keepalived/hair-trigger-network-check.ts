import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

const PROBE =
  /(?:^|[\s/;|&(`'"])(curl|wget|nc|ncat|netcat|socat|telnet|http(?:ie)?)(?=$|[\s;|&)`'"])|(https?:\/\/)|(\/dev\/tcp\/)/m;

/** The network probe a command or script text runs, if any. */
export function networkProbe(text: string): string | undefined {
  const code = text
    .split("\n")
    .filter((l) => !/^\s*#/.test(l))
    .join("\n");
  const m = PROBE.exec(code);
  if (!m) return undefined;
  return m[1] ?? (m[2] ? "an HTTP request" : "/dev/tcp");
}

export default defineRule({
  id: "KA031",
  name: "hair-trigger-network-check",
  severity: "info",
  scope: "keepalived",
  docs: {
    summary:
      "A vrrp_script probes over the network every 1-2 s with fall 1 or rise 1: one lost or slow answer flips it.",
    description:
      "Reports a vrrp_script whose command or script file runs a network probe (curl, wget, nc/ncat/netcat, socat, " +
      "telnet, httpie, an http(s):// URL or /dev/tcp) with an interval of at most 2 s while `fall` or `rise` is 1 " +
      "(keepalived's default for both). Listing local sockets with ss or netstat is not a network probe (it reads " +
      "the kernel's tables and cannot time out on the network), so it is not reported; neither are process checks " +
      "(pidof, pgrep, killall -0).",
    why:
      "With fall 1 a single timeout, a dropped packet or a slow backend marks the check failed and, depending on its " +
      "weight, lowers the priority or faults the instance; with rise 1 a single success restores it. Probes over the " +
      "network fail transiently far more often than the service does, so such a check can move the VIP back and " +
      "forth (each move drops connections). fall 2-3 and rise 2 cost a few seconds of detection time and remove most " +
      "flapping.",
    sources: [
      "keepalived.conf(5) vrrp_script: interval, timeout, fall, rise (defaults 1)",
      "keepalived keepalived/vrrp/vrrp_track.h / vrrp_data.c alloc_vrrp_script() defaults",
    ],
    bad:
      'vrrp_script chk_web {\n    script "/usr/bin/curl -fsS -o /dev/null http://127.0.0.1:8080/health"\n' +
      "    interval 1\n}\n",
    good:
      'vrrp_script chk_web {\n    script "/usr/bin/curl -fsS -m 1 -o /dev/null http://127.0.0.1:8080/health"\n' +
      "    interval 2\n    timeout 2\n    fall 3\n    rise 2\n}\n",
    realTool: "Nothing reports it; it is a judgement about flapping risk.",
    reportedBy: "none",
  },
  messages: {
    hairTrigger: (data: {
      script: string;
      probe: string;
      interval: number;
      which: string;
      fall: number;
      rise: number;
    }) =>
      `vrrp_script '${data.script}' probes over the network (${data.probe}) every ${data.interval} s with ` +
      `${data.which}: ` +
      `${data.fall === 1 ? "a single lost or slow answer marks it failed" : ""}${data.fall === 1 && data.rise === 1 ? " and " : ""}${data.rise === 1 ? "a single success restores it" : ""}, so transient network trouble can move the VIP back and forth (consider fall 2-3, rise 2 and a timeout)`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const s of config.scripts.values()) {
        const cmd = s.command;
        if (!cmd || !(s.interval <= 2)) continue;
        if (s.fall !== 1 && s.rise !== 1) continue;
        const probe =
          networkProbe(cmd.args.join(" ")) ?? (cmd.fileText !== undefined ? networkProbe(cmd.fileText) : undefined);
        if (!probe) continue;
        const which = [s.fall === 1 ? "fall 1" : "", s.rise === 1 ? "rise 1" : ""].filter(Boolean).join(" and ");
        ctx.report({
          ...at(s.nameLocation),
          messageId: "hairTrigger",
          data: {
            script: s.name,
            probe,
            interval: s.interval,
            which,
            fall: s.fall,
            rise: s.rise,
          },
        });
      }
    }
  },
});
