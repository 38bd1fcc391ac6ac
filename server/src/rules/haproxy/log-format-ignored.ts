import type { HaproxyConfig, Proxy } from "../../model/types.js";
import type { HpLine } from "../../syntax/haproxy/tree.js";
import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs, isActive } from "./proxy-index.js";

/** The log-format directive a line sets, as cfg_parse_listen() names it; undefined for other lines. */
function logFormatOf(line: HpLine): string | undefined {
  const kw = line.keyword.value;
  const option = line.args[0]?.value ?? "";
  if (kw === "option" && (option === "httplog" || option === "tcplog" || option === "httpslog"))
    return option === "httplog" && line.args[1]?.value === "clf" ? "option httplog clf" : `option ${option}`;
  if (kw === "log-format" || kw === "log-format-sd" || kw === "error-log-format") return kw;
  return undefined;
}

/** A log format (not log-format-sd, not error-log-format) in effect in the proxy: own, else inherited. */
function logFormatLine(p: Proxy | undefined): HpLine | undefined {
  if (!p) return undefined;
  const own = [...p.lines].reverse().find((l) => {
    const f = logFormatOf(l);
    return f !== undefined && f !== "error-log-format";
  });
  return own ?? logFormatLine(p.defaults);
}

/** Whether `log global` has targets to copy: a `log` line in a global section read before it (this file or earlier). */
function globalHasLog(config: HaproxyConfig, file: string, before: number): boolean {
  const fileIndex = config.documents.findIndex((d) => d.file === file);
  return config.sections.some(
    ({ file: at, section: s }) =>
      s.kind === "global" &&
      s.lines.some(
        (l) =>
          l.keyword.value === "log" &&
          l.args[0] &&
          (at === file ? l.range.start.line < before : config.documents.findIndex((d) => d.file === at) < fileIndex),
      ),
  );
}

/**
 * Whether the proxy ends up with log targets: it starts with those of its defaults section, then in order each
 * `log global` adds the global ones, each `log <address>` one, and `no log` clears them (src/log.c parse_logsrv()).
 */
function hasLogTargets(config: HaproxyConfig, p: Proxy | undefined): boolean {
  if (!p) return false;
  let targets = hasLogTargets(config, p.defaults);
  for (const l of p.lines) {
    if (l.keyword.value === "no" && l.args[0]?.value === "log") targets = false;
    else if (l.keyword.value === "log" && l.args[0])
      targets =
        l.args[0].value === "global"
          ? targets || globalHasLog(config, p.sectionLocation.file, l.range.start.line)
          : true;
  }
  return targets;
}

export default defineRule({
  id: "HP028",
  name: "log-format-ignored",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "A log format HAProxy ignores: no log target, set in a backend, or set twice in a defaults section.",
    description:
      "Reports a frontend or listen (TCP or HTTP mode) with a log format in effect (`option httplog`, `option " +
      "tcplog`, `option httpslog`, `log-format`, own or inherited) but no log target (no `log` line of its own or " +
      "from its defaults section, or `log global` without a `log` line in the global section); a log format " +
      "directive written in a backend (only frontends log); and a second log format in one defaults section, which " +
      "replaces the first.",
    why:
      "The proxy logs nothing: the format was written for logs that never leave HAProxy. HAProxy only warns, so the " +
      "missing logs are usually noticed when they are needed.",
    sources: [
      "HAProxy 2.6.12 src/cfgparse.c check_config_validity() ('log format ignored for ... since it has no log address')",
      "HAProxy 2.6.12 src/cfgparse-listen.c cfg_parse_listen() ('option httplog' / 'tcplog' / 'httpslog' / " +
        "'log-format' directive is ignored in backends; overrides previous ... in 'defaults' section)",
      "HAProxy 2.6.12 src/proxy.c proxy_defproxy_cpy() (log targets and the log format a proxy takes from its " +
        "defaults section), src/log.c parse_logsrv() ('log global', 'no log')",
    ],
    bad: "defaults\n    mode http\n    option httplog\n\nfrontend www\n    bind :80\n    default_backend web\n",
    good:
      "global\n    log /dev/log local0\n\ndefaults\n    mode http\n    log global\n    option httplog\n\n" +
      "frontend www\n    bind :80\n    default_backend web\n",
    realTool:
      "haproxy -c warns \"log format ignored for frontend 'www' since it has no log address\" and \"'option " +
      "httplog' directive is ignored in backends\" (rc 0).",
    reportedBy: "haproxy -c",
  },
  messages: {
    noLogTarget: (data: { proxy: string; directive: string }) =>
      `${data.proxy} has a log format ('${data.directive}') but no log target: HAProxy ignores the format and logs ` +
      `nothing; add 'log global' (with a 'log' line in the global section) or a 'log <address> <facility>' line`,
    ignoredInBackend: (data: { directive: string; proxy: string }) =>
      `'${data.directive}' in ${data.proxy}: HAProxy ignores log formats in backends (the frontend's format is ` +
      `used); move it to the frontend or to defaults`,
    overridesInDefaults: (data: { directive: string; previous: string; line: number }) =>
      `'${data.directive}' replaces the '${data.previous}' at line ${data.line} of this defaults section: only the ` +
      `last log format counts`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      for (const d of config.defaults) {
        let previous: { directive: string; line: HpLine } | undefined = d.defaults
          ? (() => {
              const l = logFormatLine(d.defaults);
              const directive = l && logFormatOf(l);
              return l && directive ? { directive, line: l } : undefined;
            })()
          : undefined;
        for (const line of d.lines) {
          const directive = logFormatOf(line);
          if (!directive || directive === "log-format-sd" || directive === "error-log-format") continue;
          if (previous) {
            const data = { directive, previous: previous.directive, line: previous.line.range.start.line + 1 };
            ctx.report({ file: d.sectionLocation.file, range: line.range, messageId: "overridesInDefaults", data });
          }
          previous = { directive, line };
        }
      }
      for (const p of config.proxies) {
        if (!isActive(p)) continue;
        if (p.kind === "backend") {
          for (const line of p.lines) {
            const directive = logFormatOf(line);
            if (directive) {
              const data = { directive, proxy: describeProxy(p) };
              ctx.report({ file: p.sectionLocation.file, range: line.range, messageId: "ignoredInBackend", data });
            }
          }
          continue;
        }
        if (p.mode !== "http" && p.mode !== "tcp") continue;
        const format = logFormatLine(p);
        const directive = format && logFormatOf(format);
        if (!format || !directive || hasLogTargets(config, p)) continue;
        // Reported on the proxy's own line, or on its name when the format comes from its defaults section.
        const own = p.lines.includes(format);
        const place = own ? { file: p.sectionLocation.file, range: format.range } : p.location;
        const data = { proxy: describeProxy(p), directive };
        ctx.report({ file: place.file, range: place.range, messageId: "noLogTarget", data });
      }
    }
  },
});
