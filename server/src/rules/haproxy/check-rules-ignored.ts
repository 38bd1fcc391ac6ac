import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs, inheritedNote, isActive } from "./proxy-index.js";

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
      "Reports the first `http-check connect/send/expect/...` line of a backend or listen section whose " +
      "health-check type in effect (the last check option of the section, else the one from `defaults`) is not " +
      "`option httpchk`, and the first `tcp-check` line where it is not `option tcp-check`. `http-check " +
      "disable-on-404` and `send-state` are settings, not rules, and are not reported.",
    why:
      "HAProxy builds the check from the check option; rules of the other kind are dropped with a warning, so the " +
      "expected status, the request sent or the TCP dialogue you wrote are never used and the check degrades to a " +
      "plain connect (or to another protocol's check).",
    sources: [
      "HAProxy 2.6.12 src/cfgparse.c check_config_validity() ('uses http-check rules without 'option httpchk', so " +
        "the rules are ignored'; the same for tcp-check rules without 'option tcp-check')",
      "HAProxy configuration manual 4.2 'http-check expect', 'tcp-check expect'",
    ],
    bad: "backend web\n    http-check expect status 200\n    server web1 192.0.2.11:80 check\n",
    good:
      "backend web\n    option httpchk GET /health\n    http-check expect status 200\n" +
      "    server web1 192.0.2.11:80 check\n",
    realTool:
      "haproxy -c warns \"backend 'web' uses http-check rules without 'option httpchk', so the rules are ignored.\" " +
      "(rc 0).",
    reportedBy: "haproxy -c",
  },
  messages: {
    noCheckOption: (data: { keyword: string; rule: string; proxy: string; needed: string }) =>
      `'${data.keyword} ${data.rule}' in ${data.proxy} is ignored: there is no check option, and HAProxy uses ` +
      `${data.keyword} rules only with 'option ${data.needed}'; add 'option ${data.needed}'`,
    otherCheckOption: (data: {
      keyword: string;
      rule: string;
      proxy: string;
      needed: string;
      type: string;
      inherited: string;
    }) =>
      `'${data.keyword} ${data.rule}' in ${data.proxy} is ignored: the check type in effect is 'option ` +
      `${data.type}'${data.inherited}, and HAProxy uses ${data.keyword} rules only with 'option ${data.needed}'; add ` +
      `'option ${data.needed}' instead of 'option ${data.type}'`,
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
          const base = { keyword: kw, rule: line.args[0]?.value ?? "", proxy: describeProxy(p), needed };
          if (type)
            ctx.report({
              file: p.location.file,
              range: line.range,
              messageId: "otherCheckOption",
              data: { ...base, type, inherited: inheritedNote(p, p.checkType?.location) },
            });
          else ctx.report({ file: p.location.file, range: line.range, messageId: "noCheckOption", data: base });
        }
      }
    }
  },
});
