import type { Proxy } from "../../model/types.js";
import { compareVersions } from "../../syntax/haproxy/condition.js";
import type { HpLine } from "../../syntax/haproxy/tree.js";
import type { Location } from "../../syntax/source.js";
import { defineRule } from "../rule.js";
import { describeProxy, fileOfLine, haproxyConfigs, inheritedNote, isActive, ownedBy } from "./proxy-index.js";

/**
 * The `option` keywords of cfg_opts[]/cfg_opts2[] (src/proxy.c) marked PR_MODE_HTTP, with the side they apply to
 * and the version that added them; HAProxy drops them with a warning in a proxy that is not in HTTP mode.
 */
const HTTP_OPTIONS: Record<string, { side: "frontend" | "backend" | "both"; since?: string }> = {
  checkcache: { side: "backend" },
  "http-buffer-request": { side: "both" },
  "http-ignore-probes": { side: "frontend" },
  "idle-close-on-response": { side: "frontend" },
  "prefer-last-server": { side: "backend" },
  "accept-invalid-http-request": { side: "frontend" },
  "accept-invalid-http-response": { side: "backend" },
  "http-use-proxy-header": { side: "frontend" },
  "http-pretend-keepalive": { side: "backend" },
  "http-no-delay": { side: "both" },
  "disable-h2-upgrade": { side: "frontend" },
  "http-drop-request-trailers": { side: "backend", since: "3.2" },
  "http-drop-response-trailers": { side: "frontend", since: "3.2" },
  "accept-unsafe-violations-in-http-request": { side: "frontend", since: "3.2" },
  "accept-unsafe-violations-in-http-response": { side: "backend", since: "3.2" },
};

const hasSide = (p: Proxy, side: "frontend" | "backend" | "both"): boolean =>
  side === "both" || p.kind === side || p.kind === "listen";

/** The last line of the proxy (else of the defaults chain it inherits from) that `test` accepts. */
function lineInEffect(p: Proxy | undefined, test: (l: HpLine) => boolean): HpLine | undefined {
  if (!p) return undefined;
  const own = [...p.lines].reverse().find(test);
  return own ?? lineInEffect(p.defaults, test);
}

/** The log format in effect: the last of `option httplog/tcplog/httpslog` or `log-format`, own or inherited. */
function logFormatLine(p: Proxy): HpLine | undefined {
  return lineInEffect(
    p,
    (l) =>
      (l.keyword.value === "option" && /^(httplog|tcplog|httpslog)$/.test(l.args[0]?.value ?? "")) ||
      l.keyword.value === "log-format",
  );
}

/** `tcp-request content switch-mode http` lets a TCP frontend upgrade its streams: the HTTP checks are skipped. */
function upgradesToHttp(p: Proxy): boolean {
  return p.lines.some(
    (l) =>
      l.keyword.value === "tcp-request" &&
      l.args[0]?.value === "content" &&
      l.args[1]?.value === "switch-mode" &&
      l.args[2]?.value === "http",
  );
}

const at = (location: Location): { file: string; range: Location["range"] } => ({
  file: location.file,
  range: location.range,
});

export default defineRule({
  id: "HP022",
  name: "http-option-in-tcp-mode",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "HTTP-only settings in a proxy that does not run in HTTP mode: HAProxy ignores them.",
    description:
      "For every frontend, backend and listen whose effective mode is not `http` (and that cannot upgrade to HTTP " +
      "with `tcp-request content switch-mode http`), reports what HAProxy drops after parsing: `option forwardfor`, " +
      "`option originalto` and the other HTTP-only options of the side they apply to (`http-buffer-request`, " +
      "`prefer-last-server`, `http-no-delay`, ...); `stats`, `capture cookie`, `cookie` and `monitor-uri`, own or " +
      "inherited; the proxy's own `http-request`, `http-response`, `http-after-response` and `redirect` rules; " +
      "`balance uri|url_param|hdr` (HAProxy falls back to round robin); `option httplog`/`httpslog` of a frontend " +
      "(HAProxy falls back to `option tcplog`, reported at the line that set it, in `defaults` too, with every " +
      "proxy it reaches); `cookie` on a server (ignored) and `redir` on a server (refused).",
    why:
      "These need HTTP processing. In TCP mode HAProxy ignores them with a warning only: the servers never get the " +
      "client address from `option forwardfor`, the logs have no method, URL or status, persistence and stats do not " +
      "exist. It usually comes from `defaults` written for HTTP proxies and reused for a TCP service such as a " +
      "database. A server `redir` prefix is the exception: HAProxy refuses it.",
    sources: [
      "HAProxy 2.6.12 src/cfgparse.c check_config_validity(): the block run when curproxy->mode is not PR_MODE_HTTP " +
        "and PR_O_HTTP_UPG is unset ('... ignored for ... as it requires HTTP mode'), and the server loop ('ignoring " +
        "cookie for server', 'server cannot have cookie or redirect prefix in non-HTTP mode')",
      "HAProxy 2.6.12 src/proxy.c proxy_cfg_ensure_no_http() (cookie, monitor-uri, Layer 7 hash, 'option httplog' " +
        "fallback), cfg_opts[]/cfg_opts2[] (the PR_MODE_HTTP options), proxy_defproxy_cpy() (what a proxy inherits)",
      "HAProxy configuration manual 4.2 'mode', 'option httplog', 'option forwardfor'",
    ],
    bad: "frontend pg\n    mode tcp\n    option httplog\n    option forwardfor\n    bind :5432\n    default_backend pg\n",
    good: "frontend pg\n    mode tcp\n    option tcplog\n    bind :5432\n    default_backend pg\n",
    realTool:
      "haproxy -c warns \"'option forwardfor' ignored for frontend 'pg' as it requires HTTP mode\", \"'option " +
      "httplog' not usable with frontend 'pg' (needs 'mode http'). Falling back to 'option tcplog'\" and the like " +
      "(rc 0); a server 'redir' is an alert (rc 1).",
    reportedBy: "haproxy -c",
    severityNote: "warning; error for a server `redir` prefix in a proxy not in HTTP mode, which HAProxy refuses.",
  },
  messages: {
    forwardfor: (data: { option: string; proxy: string; inherited: string }) =>
      `'option ${data.option}'${data.inherited} needs HTTP mode, but ${data.proxy} runs in TCP mode: HAProxy ignores ` +
      `it and the servers never get the client address; use 'send-proxy' on the servers (PROXY protocol) for TCP, or ` +
      `'mode http' if the traffic is HTTP`,
    optionIgnored: (data: { option: string; proxy: string; inherited: string }) =>
      `'option ${data.option}'${data.inherited} needs HTTP mode, but ${data.proxy} runs in TCP mode: HAProxy ignores ` +
      `it`,
    httplogFallback: (data: { option: string; proxies: string; verb: string }) =>
      `'option ${data.option}' needs HTTP mode, but ${data.proxies} ${data.verb} in TCP mode: HAProxy falls back to ` +
      `'option tcplog' (no method, URL or status in the logs); use 'option tcplog' there, or 'mode http' if the ` +
      `traffic is HTTP`,
    statementIgnored: (data: { what: string; proxy: string; inherited: string }) =>
      `${data.what}${data.inherited} needs HTTP mode, but ${data.proxy} runs in TCP mode: HAProxy ignores it`,
    rulesIgnored: (data: { ruleSet: string; proxy: string }) =>
      `'${data.ruleSet}' rules need HTTP mode, but ${data.proxy} runs in TCP mode: HAProxy ignores all of them`,
    hashFallback: (data: { algorithm: string; proxy: string; inherited: string }) =>
      `'balance ${data.algorithm}'${data.inherited} hashes HTTP request data, but ${data.proxy} runs in TCP mode: ` +
      `HAProxy falls back to round robin`,
    serverCookieIgnored: (data: { server: string; proxy: string }) =>
      `server '${data.server}' has a 'cookie', but ${data.proxy} runs in TCP mode: HAProxy ignores it (no persistence)`,
    serverRedirect: (data: { server: string; proxy: string }) =>
      `server '${data.server}' has a 'redir' prefix, but ${data.proxy} runs in TCP mode: HAProxy refuses the ` +
      `configuration`,
  },
  check(ctx) {
    const version = ctx.haproxyKeywords.version;
    for (const config of haproxyConfigs(ctx)) {
      const httplog = new Map<HpLine, { option: string; proxies: string[]; file: string }>();
      for (const p of config.proxies) {
        if (!isActive(p) || p.mode === "http" || upgradesToHttp(p)) continue;
        const proxy = describeProxy(p);
        // Inherited settings are reported at the proxy's name: HAProxy names the proxy, not a line.
        const place = (location: Location): Location => (ownedBy(p, location) ? location : p.location);
        for (const [option, state] of p.options) {
          if (!state.enabled) continue;
          const inherited = inheritedNote(p, state.location);
          const where = at(place(state.location));
          if (option === "forwardfor" || option === "originalto") {
            ctx.report({ ...where, messageId: "forwardfor", data: { option, proxy, inherited } });
            continue;
          }
          const http = HTTP_OPTIONS[option];
          if (!http || !hasSide(p, http.side)) continue;
          if (http.since && compareVersions(version, http.since) < 0) continue;
          ctx.report({ ...where, messageId: "optionIgnored", data: { option, proxy, inherited } });
        }
        const statements: [string, (l: HpLine) => boolean, boolean][] = [
          ["'stats'", (l) => l.keyword.value === "stats", true],
          [
            "'capture cookie'",
            (l) => l.keyword.value === "capture" && l.args[0]?.value === "cookie",
            hasSide(p, "frontend"),
          ],
          ["'cookie'", (l) => l.keyword.value === "cookie", hasSide(p, "backend")],
          ["'monitor-uri'", (l) => l.keyword.value === "monitor-uri", hasSide(p, "frontend")],
        ];
        for (const [what, test, applies] of statements) {
          const line = applies ? lineInEffect(p, test) : undefined;
          if (!line) continue;
          const location = { file: fileOfLine(p, line), range: line.range };
          const data = { what, proxy, inherited: inheritedNote(p, location) };
          ctx.report({ ...at(place(location)), messageId: "statementIgnored", data });
        }
        for (const ruleSet of ["http-request", "http-response", "http-after-response", "redirect"]) {
          const line = p.lines.find((l) => l.keyword.value === ruleSet);
          if (line)
            ctx.report({
              file: p.sectionLocation.file,
              range: line.keyword.range,
              messageId: "rulesIgnored",
              data: { ruleSet, proxy },
            });
        }
        const balance = hasSide(p, "backend") ? lineInEffect(p, (l) => l.keyword.value === "balance") : undefined;
        const algorithm = balance?.args[0]?.value ?? "";
        if (balance && (algorithm === "uri" || algorithm === "url_param" || /^hdr\(/.test(algorithm))) {
          const location = { file: fileOfLine(p, balance), range: balance.range };
          const data = { algorithm, proxy, inherited: inheritedNote(p, location) };
          ctx.report({ ...at(place(location)), messageId: "hashFallback", data });
        }
        for (const s of p.servers) {
          if (s.options.has("redir"))
            ctx.report({
              ...at(s.location),
              severity: "error",
              messageId: "serverRedirect",
              data: { server: s.name, proxy },
            });
          else if (s.options.has("cookie"))
            ctx.report({ ...at(s.location), messageId: "serverCookieIgnored", data: { server: s.name, proxy } });
        }
        if (hasSide(p, "frontend")) {
          const format = logFormatLine(p);
          const option = format?.args[0]?.value;
          if (format && format.keyword.value === "option" && (option === "httplog" || option === "httpslog")) {
            const slot = httplog.get(format) ?? { option, proxies: [], file: fileOfLine(p, format) };
            slot.proxies.push(proxy);
            httplog.set(format, slot);
          }
        }
      }
      for (const [line, { option, proxies, file }] of httplog) {
        const data = { option, proxies: proxies.join(", "), verb: proxies.length > 1 ? "run" : "runs" };
        ctx.report({ file, range: line.range, messageId: "httplogFallback", data });
      }
    }
  },
});
