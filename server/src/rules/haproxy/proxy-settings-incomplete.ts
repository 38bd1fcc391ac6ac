import type { Proxy } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { globalLine, haproxyUnits } from "./haproxy-version.js";

/** A proxy's own lines and those of the defaults section it inherits from, keyword first. */
function linesOf(proxy: Proxy, keyword: string): string[][] {
  const own = [...(proxy.defaults?.lines ?? []), ...proxy.lines];
  return own.filter((l) => l.keyword.value === keyword).map((l) => l.args.map((a) => a.value));
}

/** The email-alert settings in effect: cfg_parse_listen() sets each one, and a proxy copies its defaults' ones. */
function emailAlertWords(proxy: Proxy): Set<string> {
  return new Set(linesOf(proxy, "email-alert").map((args) => args[0] ?? ""));
}

/**
 * check_config_validity() (src/cfgparse.c at v2.6.0, v3.0.0, v3.2.0): a server with SRV_F_FASTOPEN in a proxy whose
 * retry_type lacks PR_RE_DISCONNECTED (empty-response) or PR_RE_TIMEOUT (response-timeout) gets 'server has tfo
 * activated, ...' (a warning). The last `retry-on` line in effect (the proxy's, else its defaults') decides;
 * all-retryable-errors sets both.
 */
function tfoRetried(proxy: Proxy): boolean {
  const lines = linesOf(proxy, "retry-on");
  const words = lines[lines.length - 1] ?? [];
  const has = (w: string): boolean => words.includes(w) || words.includes("all-retryable-errors");
  return has("empty-response") && has("response-timeout");
}

export default defineRule({
  id: "HP086",
  name: "proxy-settings-incomplete",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary:
      "A proxy setting that needs others HAProxy does not find: external checks without `external-check` or its " +
      "command or `insecure-fork-wanted`, email alerts without from, mailers and to.",
    description:
      "For every backend and listen section whose health check is `option external-check` (its own or its " +
      "defaults'): the global section must enable `external-check` and the proxy (or its defaults) must give an " +
      "`external-check command`, or HAProxy refuses the configuration; without `insecure-fork-wanted` in the " +
      "global section HAProxy warns that the checks will likely fail (it forbids forks at run time). For every " +
      "frontend, backend and listen section with an `email-alert` setting (its own or its defaults'): unless " +
      "`email-alert from`, `email-alert mailers` and `email-alert to` are all set, HAProxy warns and sends no alert. " +
      "A peers section with no peer, server or bind line has no local peer whatever the machine's name, and " +
      "HAProxy removes it with a warning. A server with `tfo` in a proxy that does not retry on `empty-response` " +
      "and `response-timeout` gets a warning too.",
    why:
      "An external check that cannot fork fails on every server, so HAProxy marks them all down and the service " +
      "stops; an email alert missing one of its three settings is silently dropped, so nobody hears of the " +
      "failures it was meant to report.",
    sources: [
      "HAProxy src/cfgparse.c check_config_validity() at v2.6.0, v3.0.0 and v3.2.0 ('unable to find required " +
        "'global.external-check'', 'unable to find required 'external-check command'' (cfgerr), ''insecure-fork-" +
        "wanted' not enabled in the global section, 'option external-check' will likely fail' and ''email-alert' " +
        "will be ignored for ...' (ERR_WARN)), and its peers loop: 'Removing incomplete section 'peers %s' (no " +
        "peer named '%s')' for a section without peers_fe (no local peer found)",
    ],
    bad:
      "backend be\n    option external-check\n    email-alert from lb@example.com\n" +
      "    server s1 192.0.2.1:80 check\n",
    good:
      "global\n    external-check\n    insecure-fork-wanted\nbackend be\n    option external-check\n" +
      "    external-check command /usr/local/bin/check-app\n    server s1 192.0.2.1:80 check\n",
    realTool:
      "haproxy -c prints the missing external-check settings as alerts (rc 1) and the missing insecure-fork-wanted " +
      "and the incomplete email-alert as warnings (2.6.12, 3.0.11, 3.2.26).",
    reportedBy: "haproxy -c",
    severityNote:
      "Error where HAProxy refuses the configuration (no global external-check, no command) or where `zero-warning` " +
      "turns its warning into a refusal; warning otherwise.",
  },
  messages: {
    noGlobalExternalCheck: (data: { proxy: string }) =>
      `${data.proxy} uses 'option external-check' but the global section has no 'external-check': HAProxy refuses ` +
      `the configuration`,
    noCommand: (data: { proxy: string }) =>
      `${data.proxy} uses 'option external-check' without an 'external-check command': HAProxy refuses the ` +
      `configuration`,
    noInsecureFork: (data: { proxy: string }) =>
      `${data.proxy} uses 'option external-check' but the global section has no 'insecure-fork-wanted': HAProxy ` +
      `forbids forks at run time, so the checks will likely fail and every server go down`,
    tfoWithoutRetry: (data: { server: string; proxy: string }) =>
      `server '${data.server}' of ${data.proxy} uses TCP Fast Open ('tfo') but the proxy does not retry on ` +
      `'empty-response' and 'response-timeout' ('retry-on'): HAProxy warns that a failed connection could not be ` +
      `retried`,
    emptyPeers: (data: { name: string }) =>
      `peers section '${data.name}' has no peer, server or bind line, so none of its peers is the local one: HAProxy ` +
      `removes it ('Removing incomplete section') and the stick tables that name it synchronise with nobody`,
    emailAlertIncomplete: (data: { proxy: string; missing: string }) =>
      `${data.proxy} has email-alert settings but no 'email-alert ${data.missing}': HAProxy ignores its email alerts ` +
      `(it needs from, mailers and to)`,
  },
  check(ctx) {
    for (const unit of haproxyUnits(ctx)) {
      const config = unit.config;
      const warning = unit.zeroWarning ? "error" : "warning";
      for (const { file, section } of config.sections) {
        if (section.kind !== "peers" || !section.name) continue;
        const kinds = new Set(section.lines.map((l) => l.keyword.value));
        if (["peer", "server", "bind", "disabled"].some((k) => kinds.has(k))) continue;
        const data = { name: section.name.value };
        ctx.report({ file, range: section.header.range, severity: warning, messageId: "emptyPeers", data });
      }
      for (const proxy of config.proxies) {
        const place = { file: proxy.location.file, range: proxy.location.range };
        const data = { proxy: `${proxy.kind} '${proxy.name}'` };
        if (proxy.kind !== "frontend" && proxy.checkType?.value === "external-check") {
          if (!globalLine(config, "external-check"))
            ctx.report({ ...place, severity: "error", messageId: "noGlobalExternalCheck", data });
          if (!linesOf(proxy, "external-check").some((args) => args[0] === "command" && args[1]))
            ctx.report({ ...place, severity: "error", messageId: "noCommand", data });
          if (!globalLine(config, "insecure-fork-wanted"))
            ctx.report({ ...place, severity: warning, messageId: "noInsecureFork", data });
        }
        for (const server of proxy.kind === "frontend" || proxy.kind === "defaults" ? [] : proxy.servers) {
          if (server.options.get("tfo") !== true || tfoRetried(proxy)) continue;
          const tfoData = { server: server.name, proxy: data.proxy };
          ctx.report({ ...server.location, severity: warning, messageId: "tfoWithoutRetry", data: tfoData });
        }
        const email = emailAlertWords(proxy);
        const missing = ["from", "mailers", "to"].filter((w) => !email.has(w));
        if (email.size > 0 && missing.length > 0)
          ctx.report({
            ...place,
            severity: warning,
            messageId: "emailAlertIncomplete",
            data: { ...data, missing: missing.join("', 'email-alert ") },
          });
      }
    }
  },
});
