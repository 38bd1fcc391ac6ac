import type { HaproxyConfig } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs, isActive } from "./proxy-index.js";

const T = "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n";

/** Something in the file listens: a bind of an active proxy, a stats socket, a log-forward listener. */
function anyListener(config: HaproxyConfig): boolean {
  if (config.proxies.some((p) => isActive(p) && p.kind !== "backend" && p.binds.length > 0)) return true;
  return config.document.sections.some((s) =>
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
      "Reports enabled `frontend` and `listen` sections that have no `bind` line (binds under an `.if` that is not taken for the target version do not count). Says so when nothing in the file listens at all.",
    why: 'A frontend without `bind` accepts no connection, so everything it configures is dead code; HAProxy only warns ("has no \'bind\' directive"). When no proxy of the file listens, `haproxy -c` exits with code 2 and HAProxy does not start ("no listener"), which a keepalived check then sees as a failed load balancer.',
    sources: [
      "HAProxy src/cfgparse.c check_config_validity() ('has no 'bind' directive')",
      "HAProxy src/haproxy.c ('Configuration file has no error but will not start (no listener)')",
    ],
    bad: "frontend www\n    default_backend web\n",
    good: "frontend www\n    bind :80\n    default_backend web\n",
    realTool: "haproxy -c warns \"frontend 'www' has no 'bind' directive\" and exits with code 2 when nothing listens.",
    reportedBy: "haproxy -c",
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      const listens = anyListener(config);
      for (const p of config.proxies) {
        if ((p.kind !== "frontend" && p.kind !== "listen") || !isActive(p) || p.binds.length > 0) continue;
        ctx.report({
          file: p.location.file,
          range: p.location.range,
          message: `${describeProxy(p)} has no 'bind' line, so it accepts no connection${listens ? "" : "; nothing else in this file listens either, so HAProxy refuses to start (exit code 2, 'no listener')"}; add a 'bind' line${p.kind === "listen" ? " or declare it as a backend" : ""}`,
        });
      }
    }
  },
  cases: {
    valid: [
      {
        name: "binds, and a disabled frontend",
        files: {
          "haproxy.cfg": `${T}frontend www\n    bind :80\n    default_backend web\n\nfrontend old\n    disabled\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n`,
        },
      },
    ],
    invalid: [
      {
        name: "frontend without bind next to one with",
        files: {
          "haproxy.cfg": `${T}frontend www\n    bind :80\n    default_backend web\n\nfrontend api\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n`,
        },
        realTool: "frontend 'api' has no 'bind' directive",
        expect: [{ line: 11, message: "frontend 'api' has no 'bind' line, so it accepts no connection; add" }],
      },
      {
        name: "nothing listens",
        files: { "haproxy.cfg": `${T}listen app\n    server a1 192.0.2.11:80 check\n` },
        realTool: "will not start \\(no listener\\)",
        expect: [{ line: 7, message: "exit code 2" }],
      },
    ],
  },
});
