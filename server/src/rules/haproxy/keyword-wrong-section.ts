import type { Proxy } from "../../model/types.js";
import { PROXY_SECTIONS } from "../../schema/haproxy-keywords.js";
import { PROXY_CONTEXTS, placementOf, type ProxyContext } from "../../schema/proxy-placement.js";
import type { HpLine, HpSection } from "../../syntax/haproxy/tree.js";
import { defineRule, type RuleContext } from "../rule.js";
import { haproxyConfigs, lineOf } from "./proxy-index.js";

const PLACE: Record<ProxyContext, string> = {
  frontend: "a frontend section",
  backend: "a backend section",
  listen: "a listen section",
  defaults: "an anonymous defaults section",
  "named-defaults": "a named defaults section",
};

const HOME: Record<ProxyContext, string> = {
  frontend: "frontend",
  backend: "backend",
  listen: "listen",
  defaults: "defaults",
  "named-defaults": "named defaults",
};

function contextOf(section: HpSection): ProxyContext {
  if (section.kind === "defaults") return section.name ? "named-defaults" : "defaults";
  return section.kind as ProxyContext;
}

/** "backend, listen and named defaults sections" from the kinds that accept the keyword. */
function homes(accepting: ProxyContext[]): string {
  const names = accepting.includes("defaults")
    ? accepting.filter((c) => c !== "named-defaults").map((c) => HOME[c])
    : accepting.map((c) => HOME[c]);
  const list = names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return `${list} section${names.length === 1 ? "" : "s"}`;
}

/** Lines that define TCP/HTTP rules, the ones cfg_parse_listen() looks at before letting a proxy inherit. */
const RULES =
  /^(http-request|http-response|http-after-response|tcp-request (connection|session|content)|tcp-response content)$/;

function ruleKinds(d: Proxy): Set<string> {
  const out = new Set<string>();
  for (const l of d.lines) {
    const words = [l.keyword.value, l.args[0]?.value ?? ""];
    const two = words.join(" ");
    if (RULES.test(two)) out.add(two);
    else if (RULES.test(words[0])) out.add(words[0]);
  }
  return out;
}

const messages = {
  refused: (data: { keyword: string; place: string; tool: string; homes: string }) =>
    `'${data.keyword}' is not allowed in ${data.place}: HAProxy refuses the configuration ('${data.tool}'); it ` +
    `belongs in ${data.homes}`,
  ignored: (data: { keyword: string; place: string; tool: string; homes: string }) =>
    `'${data.keyword}' has no effect in ${data.place}: HAProxy ignores it with a warning ('${data.tool}'); it ` +
    `belongs in ${data.homes}`,
  peerAndBind: (data: { keyword: string; other: string; line: number }) =>
    `a peers section takes either 'peer' lines or 'bind'/'server' lines, not both: this '${data.keyword}' line comes ` +
    `after the '${data.other}' line ${data.line}, and HAProxy refuses it ('mixing "peer" and "bind" line is ` +
    `forbidden')`,
  otherSection: (data: { keyword: string; sections: string; kind: string }) =>
    `'${data.keyword}' belongs in ${data.sections}, not in a '${data.kind}' section; HAProxy refuses it here ` +
    `('unknown keyword')`,
  rulesIntoDefaults: (data: { proxy: string; defaults: string; line: number }) =>
    `${data.proxy} inherits from defaults section ${data.defaults} (line ${data.line}), which defines TCP/HTTP ` +
    `rules: a defaults section may not inherit from such a section, and HAProxy stops reading the file here`,
  rulesIntoListen: (data: { proxy: string; defaults: string; line: number }) =>
    `${data.proxy} inherits from defaults section ${data.defaults} (line ${data.line}), which defines TCP/HTTP ` +
    `rules: a listen section may not inherit from such a section, and HAProxy stops reading the file here; use a ` +
    `frontend and a backend, or another defaults section`,
  rulesShared: (data: { proxy: string; defaults: string; line: number; other: string }) =>
    `${data.proxy} inherits from defaults section ${data.defaults} (line ${data.line}), which defines TCP/HTTP rules ` +
    `and is already inherited by ${data.other}: frontends and backends may not inherit from the same such section, ` +
    `and HAProxy stops reading the file here`,
  connectionRulesIntoBackend: (data: { proxy: string; defaults: string; line: number }) =>
    `${data.proxy} inherits from defaults section ${data.defaults} (line ${data.line}), which defines 'tcp-request ` +
    `connection' or 'tcp-request session' rules: a backend may not inherit them, and HAProxy stops reading the ` +
    `file here`,
  responseRulesIntoFrontend: (data: { proxy: string; defaults: string; line: number }) =>
    `${data.proxy} inherits from defaults section ${data.defaults} (line ${data.line}), which defines 'tcp-response ` +
    `content' rules: a frontend may not inherit them, and HAProxy stops reading the file here`,
};

type Ctx = RuleContext<typeof messages>;

/**
 * cfg_parse_peers() (src/cfgparse.c at v2.6.0, v3.0.0 and v3.2.0) remembers per section whether it has read a `bind`
 * (or `default-bind`) line and a `peer` line, and refuses each line of the one kind after a line of the other
 * ('mixing "peer" and "bind" line is forbidden', ERR_ALERT | ERR_FATAL). The refused line sets nothing.
 */
function checkPeersLines(ctx: Ctx, file: string, section: HpSection): void {
  let firstBind: HpLine | undefined;
  let firstPeer: HpLine | undefined;
  for (const line of section.lines) {
    const kw = line.keyword.value;
    const isBind = kw === "bind" || kw === "default-bind";
    if (!isBind && kw !== "peer") continue;
    const other = isBind ? firstPeer : firstBind;
    if (other) {
      const data = { keyword: kw, other: other.keyword.value, line: other.range.start.line + 1 };
      ctx.report({ file, range: line.keyword.range, messageId: "peerAndBind", data });
      continue;
    }
    if (isBind) firstBind ??= line;
    else firstPeer ??= line;
  }
}

/**
 * A line of a global, peers, resolvers, userlist, cache, ring, mailers, http-errors ... section whose keyword belongs
 * to other sections only: each of these sections' parsers (cfg_parse_global() in src/cfgparse-global.c,
 * cfg_parse_peers() in src/cfgparse.c, cfg_parse_resolvers() in src/resolvers.c, cfg_parse_users() ...) refuses a
 * keyword it does not know with "unknown keyword 'X' in 'Y' section" (ring: "unknown statement"), ERR_ALERT |
 * ERR_FATAL, whether or not another section knows it. HP017 leaves these lines to this rule.
 */
function checkOtherSection(ctx: Ctx, file: string, section: HpSection): void {
  const hk = ctx.haproxyKeywords;
  if (section.kind === "peers") checkPeersLines(ctx, file, section);
  if (hk.keywordsOf(section.kind).length === 0) return;
  for (const line of section.lines) {
    const words = [line.keyword.value, ...line.args.map((a) => a.value)];
    if (hk.match(section.kind, words)) continue;
    const accepting = hk.sectionsAccepting(words);
    const accepted = accepting.length > 0 ? hk.match(accepting[0], words) : undefined;
    if (!accepted) continue; // a keyword of no section is HP017's
    const sections = accepting
      .slice(0, 4)
      .map((s) => `'${s}'`)
      .join(", ");
    const data = { keyword: accepted.spec.name, sections, kind: section.kind };
    ctx.report({ file, range: line.keyword.range, messageId: "otherSection", data });
  }
}

export default defineRule({
  id: "HP016",
  name: "keyword-wrong-section",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary:
      "A keyword in a kind of section where HAProxy refuses it or ignores it, or a proxy inheriting rules HAProxy " +
      "does not let it inherit.",
    description:
      "For every line of a frontend, backend, listen or defaults section, looks the keyword up in a table measured " +
      "with the real binaries (haproxy 2.6.12, 3.0.11 and 3.2.26 on one sample line per keyword in each kind of " +
      "section, scripts/placement/haproxy-placement.mjs): where HAProxy refuses the keyword (`retry-on` in a " +
      "frontend, `tcp-request connection` in a backend, `http-request` in an anonymous defaults section, `server` " +
      "in a frontend ...) it is an error, where HAProxy accepts it with a warning that it is ignored (`balance` in " +
      "a frontend, `bind` in a backend ...) a warning, and where HAProxy accepts it silently nothing is said. " +
      "Keywords of the global or other non-proxy sections written in a proxy are errors too, and so are keywords of " +
      "other sections written in global, peers, resolvers, userlist, cache, ring, mailers or http-errors (each " +
      "parser refuses what it does not know), and a peers section mixing `peer` with `bind` lines. Then follows the " +
      "defaults sections the proxies inherit from: a defaults section that defines TCP/HTTP rules may not be " +
      "inherited by a listen or a defaults section, nor by frontends and backends both, nor by a backend when it " +
      "has `tcp-request connection`/`session` rules, nor by a frontend when it has `tcp-response content` rules.",
    why:
      "A refused keyword makes HAProxy refuse the whole configuration; an ignored one silently does nothing, so the " +
      "setting you wrote (a balancing algorithm, a timeout, a health check) is not in effect where you put it. The " +
      "capability checks are scattered over the keyword parsers, and the manual's matrix does not say which of them " +
      "are fatal: `retry-on` and `tcp-request connection` stop HAProxy where `balance` only warns, and some keywords " +
      "the matrix does not allow in a section (`transparent` or `persist rdp-cookie` in a frontend) are accepted " +
      "there without a word. An inheritance HAProxy refuses stops it from reading the rest of the file.",
    sources: [
      "HAProxy 2.6.12 src/cfgparse.c warnifnotcap() (\"'%s' ignored because %s '%s' has no %s capability\", a warning)",
      "HAProxy 2.6.12 src/cfgparse-listen.c cfg_parse_listen() (warnifnotcap() per keyword, \"'%s' not allowed in " +
        "'defaults' section\", \"not allowed in anonymous 'defaults' section\", the inheritance checks of named " +
        "defaults with TCP/HTTP rules)",
      "HAProxy 2.6.12 src/proxy.c proxy_parse_retry_on(), proxy_parse_declare(), proxy_parse_timeout() ('will be " +
        "ignored because ... has no ... capability'), proxy_parse_rate_limit(), proxy_parse_max_ka_queue()",
      "HAProxy 2.6.12 src/tcp_rules.c tcp_parse_tcp_req() / tcp_parse_tcp_rep() (rule sets refused in proxies " +
        "without the capability)",
      "HAProxy 2.6.12 src/server.c parse_server() (server lines in a proxy without backend capability), " +
        "src/fcgi-app.c proxy_parse_use_fcgi_app()",
      "HAProxy 3.2 src/cfgparse-listen.c cfg_parse_listen_match_option() (an option of the wrong capability warns, " +
        "then falls through to 'unknown option': fatal)",
      'HAProxy src/cfgparse-global.c cfg_parse_global(), src/cfgparse.c cfg_parse_peers() (\'mixing "peer" and ' +
        '"bind" line is forbidden\'), src/resolvers.c cfg_parse_resolvers(), src/cfgparse.c cfg_parse_users() at ' +
        "v2.6.0, v3.0.0, v3.2.0 ('unknown keyword ... in ... section')",
    ],
    bad:
      "frontend fe\n    bind :80\n    retry-on conn-failure\n    balance roundrobin\n    default_backend be\n" +
      "backend be\n    server s1 192.0.2.1:80 check\n",
    good:
      "frontend fe\n    bind :80\n    default_backend be\nbackend be\n    retry-on conn-failure\n" +
      "    balance roundrobin\n    server s1 192.0.2.1:80 check\n",
    realTool:
      "haproxy -c prints the refusal as an ALERT and exits 1, or prints the warning and goes on; which one depends " +
      "on the keyword, the section and the version (the table holds each measured message).",
    reportedBy: "haproxy -c",
    severityNote:
      "Error where HAProxy refuses the configuration (the measured verdict is fatal, a keyword of another section, " +
      "an inheritance HAProxy refuses); warning where HAProxy ignores the keyword with a warning.",
    versions:
      "Measured with 2.6.12, 3.0.11 and 3.2.26; 2.8 uses the 2.6 measurements and 3.4 the 3.2 ones. Keywords not " +
      "measured for a version fall back to the keyword matrix only for keywords of non-proxy sections.",
  },
  messages,
  check(ctx) {
    const hk = ctx.haproxyKeywords;
    const version = ctx.settings.haproxyVersion;
    for (const doc of ctx.haproxy) {
      for (const section of doc.sections) {
        if (!PROXY_SECTIONS.has(section.kind)) {
          checkOtherSection(ctx, doc.file, section);
          continue;
        }
        if (section.notCreated) continue;
        const context = contextOf(section);
        for (const line of section.lines) {
          const words = [line.keyword.value, ...line.args.map((a) => a.value)];
          const place = { file: doc.file, range: line.keyword.range };
          const measured = placementOf(version, words);
          if (measured) {
            const verdict = measured.verdicts[context];
            if (!verdict) continue;
            const accepting = PROXY_CONTEXTS.filter((c) => !measured.verdicts[c]);
            const data = {
              keyword: measured.keyword,
              place: PLACE[context],
              tool: verdict.message,
              homes: homes(accepting),
            };
            if (verdict.verdict === "fatal") ctx.report({ ...place, messageId: "refused", data });
            else ctx.report({ ...place, severity: "warning", messageId: "ignored", data });
            continue;
          }
          if (hk.match(section.kind, words)) continue;
          const accepting = hk.sectionsAccepting(words);
          // A keyword of no section is HP017's; a proxy keyword the table does not hold is left alone.
          if (accepting.length === 0 || accepting.some((s) => PROXY_SECTIONS.has(s))) continue;
          const sections = accepting
            .slice(0, 4)
            .map((s) => `'${s}'`)
            .join(", ");
          const accepted = hk.match(accepting[0], words);
          if (!accepted) continue; // sectionsAccepting() lists only sections whose table matches the words
          const keyword = accepted.spec.name;
          ctx.report({ ...place, messageId: "otherSection", data: { keyword, sections, kind: section.kind } });
        }
      }
    }
    for (const config of haproxyConfigs(ctx)) {
      const ordered = [...config.defaults, ...config.proxies].sort(
        (a, b) => a.sectionLocation.range.start.line - b.sectionLocation.range.start.line,
      );
      const firstUser = new Map<Proxy, Proxy>();
      for (const p of ordered) {
        const d = p.defaults;
        // Defaults sections without 'from' inherit from none (cfg_parse_listen() clears curr_defproxy).
        if (!d || (p.kind === "defaults" && !p.from)) continue;
        const rules = ruleKinds(d);
        if (rules.size === 0) continue;
        const data = {
          proxy: `${p.kind} '${p.name}'`,
          defaults: d.name ? `'${d.name}'` : "(anonymous)",
          line: lineOf(d.location),
        };
        const at = { file: p.location.file, range: p.location.range };
        const first = firstUser.get(d);
        const refusal =
          p.kind === "defaults"
            ? ({ ...at, messageId: "rulesIntoDefaults", data } as const)
            : p.kind === "listen"
              ? ({ ...at, messageId: "rulesIntoListen", data } as const)
              : first && first.kind !== p.kind
                ? ({
                    ...at,
                    messageId: "rulesShared",
                    data: { ...data, other: `${first.kind} '${first.name}'` },
                  } as const)
                : p.kind === "backend" && (rules.has("tcp-request connection") || rules.has("tcp-request session"))
                  ? ({ ...at, messageId: "connectionRulesIntoBackend", data } as const)
                  : p.kind === "frontend" && rules.has("tcp-response content")
                    ? ({ ...at, messageId: "responseRulesIntoFrontend", data } as const)
                    : undefined;
        if (refusal) {
          ctx.report(refusal);
          // ERR_ABORT: HAProxy reads no further, so there is no second one to report.
          break;
        }
        if (!first) firstUser.set(d, p);
      }
    }
  },
});
