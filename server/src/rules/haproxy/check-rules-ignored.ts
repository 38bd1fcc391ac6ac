import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs, inheritedNote, isActive } from "./proxy-index.js";

const T =
  "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nfrontend www\n    bind :80\n    default_backend web\n\n";

/** `http-check` words that add a rule (the others, `disable-on-404` and `send-state`, are settings). */
const HTTP_RULES = new Set(["comment", "connect", "expect", "send", "set-var", "set-var-fmt", "unset-var"]);

export default defineRule({
  id: "HP008",
  name: "check-rules-ignored",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary:
      "`http-check` or `tcp-check` rules in a proxy whose check type is not `option httpchk` / `option tcp-check`.",
    description:
      "Reports the first `http-check connect/send/expect/...` line of a backend or listen section whose health-check type in effect (the last check option of the section, else the one from `defaults`) is not `option httpchk`, and the first `tcp-check` line where it is not `option tcp-check`. `http-check disable-on-404` and `send-state` are settings, not rules, and are not reported.",
    why: "HAProxy builds the check from the check option; rules of the other kind are dropped with a warning, so the expected status, the request sent or the TCP dialogue you wrote are never used and the check degrades to a plain connect (or to another protocol's check).",
    sources: [
      "HAProxy src/tcpcheck.c check_proxy_tcpcheck() ('uses http-check rules without 'option httpchk', so the rules are ignored')",
      "HAProxy configuration manual 4.2 'http-check expect', 'tcp-check expect'",
    ],
    bad: "backend web\n    http-check expect status 200\n    server web1 192.0.2.11:80 check\n",
    good: "backend web\n    option httpchk GET /health\n    http-check expect status 200\n    server web1 192.0.2.11:80 check\n",
    realTool:
      "haproxy -c warns \"backend 'web' uses http-check rules without 'option httpchk', so the rules are ignored.\" (rc 0).",
    reportedBy: "haproxy -c",
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      for (const p of config.proxies) {
        if ((p.kind !== "backend" && p.kind !== "listen") || !isActive(p)) continue;
        const type = p.checkType?.value;
        for (const [kw, needed] of [
          ["http-check", "httpchk"],
          ["tcp-check", "tcp-check"],
        ] as const) {
          if (type === needed) continue;
          const line = p.lines.find(
            (l) => l.keyword.value === kw && (kw === "tcp-check" || HTTP_RULES.has(l.args[0]?.value ?? "")),
          );
          if (!line) continue;
          const now = type
            ? `the check type in effect is 'option ${type}'${inheritedNote(p, p.checkType?.location)}`
            : "there is no check option";
          ctx.report({
            file: p.location.file,
            range: line.range,
            message: `'${kw} ${line.args[0]?.value ?? ""}' in ${describeProxy(p)} is ignored: ${now}, and HAProxy uses ${kw} rules only with 'option ${needed}'; add 'option ${needed}'${type ? ` instead of 'option ${type}'` : ""}`,
          });
        }
      }
    }
  },
  cases: {
    valid: [
      {
        name: "rules with their option; settings without one",
        files: {
          "haproxy.cfg": `${T}backend web\n    option httpchk\n    http-check send meth GET uri /health\n    http-check expect status 200\n    server w1 192.0.2.11:80 check\n\nbackend api\n    http-check disable-on-404\n    server a1 192.0.2.21:8080 check\n`,
        },
      },
      {
        name: "option from defaults",
        files: {
          "haproxy.cfg":
            "defaults\n    mode http\n    option httpchk\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nlisten web\n    bind :80\n    http-check expect status 200\n    server w1 192.0.2.11:80 check\n",
        },
      },
    ],
    invalid: [
      {
        name: "http-check without option httpchk",
        files: {
          "haproxy.cfg": `${T}backend web\n    http-check expect status 200\n    server w1 192.0.2.11:80 check\n`,
        },
        realTool: "uses http-check rules without 'option httpchk', so the rules are ignored",
        expect: [{ line: 12, message: "there is no check option" }],
      },
      {
        name: "tcp-check after option httpchk",
        files: {
          "haproxy.cfg": `${T}backend web\n    server w1 192.0.2.11:80 check\n\nbackend redis\n    mode tcp\n    option httpchk\n    tcp-check send PING\\r\\n\n    tcp-check expect string +PONG\n    server r1 192.0.2.51:6379 check\n`,
        },
        realTool: "uses tcp-check rules without 'option tcp-check', so the rules are ignored",
        expect: [{ line: 17, message: "instead of 'option httpchk'" }],
      },
    ],
  },
});
