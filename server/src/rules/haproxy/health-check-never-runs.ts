import type { Location } from "../../syntax/source.js";
import { defineRule } from "../rule.js";
import { appendToServerLine, describeProxy, haproxyConfigs, isActive, ownedBy } from "./proxy-index.js";

export default defineRule({
  id: "HP007",
  name: "health-check-never-runs",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "`option httpchk`, `http-check` or `tcp-check` configured, but no server has `check`.",
    description:
      "Reports a backend or listen section that configures health checks itself (an `option httpchk`/`option " +
      "tcp-check`/other check option, or `http-check`/`tcp-check` lines) while none of its servers enables " +
      "checking (`check` on the server or `default-server` line). Check settings inherited only from `defaults` " +
      "are not reported.",
    why:
      "The check options only describe how to check; HAProxy runs checks only for servers with `check`. Without it, " +
      "the carefully written health check never runs, `haproxy -c` says nothing, and every server stays up whatever " +
      "happens to it.",
    sources: ["HAProxy configuration manual 4.2 'option httpchk' and 5.2 'check'"],
    bad:
      "backend web\n    option httpchk GET /health\n    http-check expect status 200\n    server web1 192.0.2.11:80\n" +
      "    server web2 192.0.2.12:80\n",
    good:
      "backend web\n    option httpchk GET /health\n    http-check expect status 200\n    default-server check\n" +
      "    server web1 192.0.2.11:80\n    server web2 192.0.2.12:80\n",
    realTool: "haproxy -c is silent.",
    reportedBy: "none",
  },
  messages: {
    checkNeverRuns: (data: { what: string; proxy: string; servers: number }) =>
      `'${data.what}' in ${data.proxy} never runs: none of its ${data.servers} ` +
      `server${data.servers === 1 ? " has" : "s have"} 'check', so no health check is sent and every server stays ` +
      `up; add 'check' to the servers (or 'default-server check')`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      for (const p of config.proxies) {
        if ((p.kind !== "backend" && p.kind !== "listen") || !isActive(p)) continue;
        const servers = p.servers.filter((s) => !s.disabled);
        if (servers.length === 0 || servers.some((s) => s.check)) continue;
        let where: { what: string; location: Location } | undefined;
        if (p.checkType && ownedBy(p, p.checkType.location))
          where = { what: `option ${p.checkType.value}`, location: p.checkType.location };
        else {
          const line = p.lines.find((l) => l.keyword.value === "http-check" || l.keyword.value === "tcp-check");
          if (line)
            where = {
              what: `${line.keyword.value} ${line.args[0]?.value ?? ""}`.trim(),
              location: { file: p.location.file, range: line.range },
            };
        }
        if (!where) continue;
        const fixable = servers.filter(
          (s) => !s.track && ((s.port !== undefined && s.port !== "" && s.port !== "0") || s.options.has("port")),
        );
        ctx.report({
          file: where.location.file,
          range: where.location.range,
          messageId: "checkNeverRuns",
          data: {
            what: where.what,
            proxy: describeProxy(p),
            servers: servers.length,
          },
          fixes:
            fixable.length === servers.length
              ? [
                  {
                    description: "Add 'check' to every server",
                    safe: true,
                    edits: fixable.flatMap((s) => appendToServerLine(s, "check", "", true).edits),
                  },
                ]
              : undefined,
        });
      }
    }
  },
});
