import type { Proxy } from "../../model/types.js";
import type { Location } from "../../syntax/source.js";
import { defineRule } from "../rule.js";
import { haproxyConfigs, isActive } from "./proxy-index.js";

const TO = "    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n";

/** The log format in effect: the last of `option httplog/tcplog/httpslog` or `log-format` of the proxy, else its defaults'. */
function logFormat(p: Proxy | undefined): string | undefined {
  if (!p) return undefined;
  let last: string | undefined;
  for (const l of p.lines) {
    const kw = l.keyword.value;
    const opt = l.args[0]?.value ?? "";
    if (kw === "option" && /^(httplog|tcplog|httpslog)$/.test(opt)) last = opt;
    else if (kw === "log-format") last = "log-format";
  }
  return last ?? logFormat(p.defaults);
}

export default defineRule({
  id: "HP022",
  name: "http-option-in-tcp-mode",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "`option httplog` or `option forwardfor` in effect in a TCP-mode proxy.",
    description:
      "Reports `option httplog` in effect (own or inherited from `defaults`, and not replaced by a later `option tcplog`/`log-format`) in a frontend or listen section whose effective mode is `tcp`, and `option forwardfor` in effect in any TCP-mode proxy. An option inherited from `defaults` is reported once, at its line in `defaults`, with the proxies it reaches.",
    why: "Both options need HTTP processing. In TCP mode HAProxy ignores `option forwardfor` (the servers never get the client address) and replaces `option httplog` by `option tcplog` (no method, URL or status in the logs), with a warning only. It usually comes from `defaults` written for HTTP proxies and reused for a TCP service such as a database.",
    sources: [
      "HAProxy src/cfgparse.c check_config_validity() ('option forwardfor' ignored ... as it requires HTTP mode; 'option httplog' not usable ... Falling back to 'option tcplog')",
      "HAProxy configuration manual 4.2 'option httplog', 'option forwardfor'",
    ],
    bad: "frontend pg\n    mode tcp\n    option httplog\n    option forwardfor\n    bind :5432\n    default_backend pg\n",
    good: "frontend pg\n    mode tcp\n    option tcplog\n    bind :5432\n    default_backend pg\n",
    realTool:
      "haproxy -c warns \"'option forwardfor' ignored for frontend 'pg' as it requires HTTP mode\" and \"'option httplog' not usable with frontend 'pg' (needs 'mode http'). Falling back to 'option tcplog'\" (rc 0).",
    reportedBy: "haproxy -c",
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      const byLine = new Map<string, { option: string; location: Location; proxies: string[] }>();
      for (const p of config.proxies) {
        if (!isActive(p) || p.mode !== "tcp") continue;
        for (const option of ["httplog", "forwardfor"]) {
          const o = p.options.get(option);
          if (!o?.enabled) continue;
          if (option === "httplog" && (p.kind === "backend" || logFormat(p) !== "httplog")) continue;
          const key = `${option}@${o.location.range.start.line}`;
          const slot = byLine.get(key) ?? { option, location: o.location, proxies: [] };
          slot.proxies.push(`${p.kind} '${p.name}'`);
          byLine.set(key, slot);
        }
      }
      for (const { option, location, proxies } of byLine.values()) {
        const effect =
          option === "httplog"
            ? "HAProxy falls back to 'option tcplog' (no method, URL or status in the logs); use 'option tcplog' there, or 'mode http' if the traffic is HTTP"
            : "HAProxy ignores it and the servers never get the client address; use 'send-proxy' on the servers (PROXY protocol) for TCP, or 'mode http' if the traffic is HTTP";
        ctx.report({
          file: location.file,
          range: location.range,
          message: `'option ${option}' needs HTTP mode, but ${proxies.join(", ")} ${proxies.length > 1 ? "run" : "runs"} in TCP mode: ${effect}`,
        });
      }
    }
  },
  cases: {
    valid: [
      {
        name: "http options in http proxies, tcplog in tcp",
        files: {
          "haproxy.cfg": `defaults\n    mode http\n    option httplog\n    option forwardfor\n${TO}\nfrontend www\n    bind :80\n    default_backend web\n\nbackend web\n    server w1 192.0.2.11:80 check\n\ndefaults\n    mode tcp\n    option tcplog\n${TO}\nlisten pg\n    bind :5432\n    server pg1 192.0.2.31:5432 check\n`,
        },
      },
    ],
    invalid: [
      {
        name: "http defaults reused for a tcp frontend",
        files: {
          "haproxy.cfg": `defaults\n    mode http\n    option httplog\n    option forwardfor\n${TO}\nfrontend pg\n    mode tcp\n    bind :5432\n    default_backend pg\n\nbackend pg\n    mode tcp\n    server pg1 192.0.2.31:5432 check\n`,
        },
        realTool: "'option httplog' not usable with frontend 'pg' \\(needs 'mode http'\\)",
        expect: [
          { line: 3, message: "frontend 'pg' runs in TCP mode" },
          { line: 4, message: "frontend 'pg', backend 'pg' run in TCP mode" },
        ],
      },
      {
        name: "forwardfor in a tcp listen",
        files: {
          "haproxy.cfg": `defaults\n${TO}\nlisten mysql\n    bind :3306\n    option forwardfor\n    server db1 192.0.2.41:3306 check\n`,
        },
        realTool: "'option forwardfor' ignored for proxy 'mysql' as it requires HTTP mode",
        expect: [{ line: 8, message: "listen 'mysql' runs in TCP mode" }],
      },
    ],
  },
});
