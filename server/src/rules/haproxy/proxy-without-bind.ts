import type { HaproxyConfig } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs, isActive } from "./proxy-index.js";

/** Something in the file listens: a bind of an active proxy, a stats socket, a log-forward listener. */
function anyListener(config: HaproxyConfig): boolean {
  if (config.proxies.some((p) => isActive(p) && p.kind !== "backend" && p.binds.length > 0)) return true;
  return config.sections.some(({ section: s }) =>
    s.lines.some(
      (l) =>
        (s.kind === "global" && l.keyword.value === "stats" && l.args[0]?.value === "socket") ||
        (s.kind === "log-forward" && (l.keyword.value === "bind" || l.keyword.value === "dgram-bind")),
    ),
  );
}

export default defineRule({
  id: "HP018",
  name: "proxy-without-bind",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "A frontend or listen section without any `bind` line.",
    description:
      "Reports enabled `frontend` and `listen` sections that have no `bind` line (binds under an `.if` that is not " +
      "taken for the target version do not count). Says so when nothing in the file listens at all.",
    why:
      "A frontend without `bind` accepts no connection, so everything it configures is dead code; HAProxy only warns " +
      "(\"has no 'bind' directive\"). When no proxy of the file listens, `haproxy -c` exits with code 2 and HAProxy " +
      'does not start ("no listener"), which a keepalived check then sees as a failed load balancer.',
    sources: [
      "HAProxy 2.6.12 src/cfgparse.c check_config_validity() ('has no 'bind' directive')",
      "HAProxy 2.6.12 src/haproxy.c init(): in check mode, exit 2 with 'Configuration file has no error but will " +
        "not start (no listener)' when no enabled proxy (the stats socket's included), peers section or log-forward " +
        "section has a listener",
    ],
    bad: "frontend www\n    default_backend web\n",
    good: "frontend www\n    bind :80\n    default_backend web\n",
    realTool: "haproxy -c warns \"frontend 'www' has no 'bind' directive\" and exits with code 2 when nothing listens.",
    reportedBy: "haproxy -c",
  },
  messages: {
    noBind: (data: { proxy: string; orBackend: string }) =>
      `${data.proxy} has no 'bind' line, so it accepts no connection; add a 'bind' line${data.orBackend}`,
    nothingListens: (data: { proxy: string; orBackend: string }) =>
      `${data.proxy} has no 'bind' line, so it accepts no connection; nothing else in this file listens either, so ` +
      `HAProxy refuses to start (exit code 2, 'no listener'); add a 'bind' line${data.orBackend}`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      const listens = anyListener(config);
      for (const p of config.proxies) {
        if ((p.kind !== "frontend" && p.kind !== "listen") || !isActive(p) || p.binds.length > 0) continue;
        const data = { proxy: describeProxy(p), orBackend: p.kind === "listen" ? " or declare it as a backend" : "" };
        const messageId = listens ? "noBind" : "nothingListens";
        ctx.report({ file: p.location.file, range: p.location.range, messageId, data });
      }
    }
  },
});
