import type { Proxy } from "../../model/types.js";
import type { HpLine } from "../../syntax/haproxy/tree.js";
import { defineRule } from "../rule.js";
import { haproxyConfigs, lineOf } from "./proxy-index.js";

/** The rule sets a defaults section passes on by reference (cfg_parse_listen() checks these lists). */
const RULE_SETS = [
  "http-request",
  "http-response",
  "http-after-response",
  "tcp-request connection",
  "tcp-request session",
  "tcp-request content",
  "tcp-response content",
];

function ruleSetOf(line: HpLine): string | undefined {
  const kw = line.keyword.value;
  const two = line.args[0] ? `${kw} ${line.args[0].value}` : kw;
  return RULE_SETS.find((set) => set === kw || set === two);
}

/** The rule lines of a defaults section, by rule set. */
function rulesOf(defaults: Proxy): Map<string, HpLine> {
  const out = new Map<string, HpLine>();
  for (const line of defaults.lines) {
    const set = ruleSetOf(line);
    if (set && !out.has(set)) out.set(set, line);
  }
  return out;
}

const byLine = (a: Proxy, b: Proxy): number => a.sectionLocation.range.start.line - b.sectionLocation.range.start.line;

export default defineRule({
  id: "HP024",
  name: "defaults-rules-inheritance",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "A section inherits TCP/HTTP rules from a defaults section in a way HAProxy refuses.",
    description:
      "A named defaults section may hold `http-request`, `http-response`, `http-after-response`, `tcp-request " +
      "connection|session|content` and `tcp-response content` rules, which the proxies using it run before their " +
      "own. HAProxy then restricts who may use that defaults section: no other defaults section (`defaults b from " +
      "a`), no listen section, only frontends or only backends (the first user decides), no backend when it has " +
      "`tcp-request connection` or `tcp-request session` rules, no frontend when it has `tcp-response content` " +
      "rules. The rule follows the sections in file order as HAProxy reads them, with `from` and the last defaults " +
      "section before each proxy.",
    why:
      "HAProxy stops reading the configuration at the first such section (ERR_ABORT), so the whole file is refused: a " +
      "reload keeps the old configuration, a fresh start brings up nothing.",
    sources: [
      "HAProxy 2.6.12 src/cfgparse-listen.c cfg_parse_listen(): the checks on curr_defproxy's http_req_rules, " +
        "http_res_rules, http_after_res_rules, tcp_req.l4_rules/l5_rules/inspect_rules and tcp_rep.inspect_rules " +
        "after parse_new_proxy(), and the capability the first user gives the defaults section",
      "the same checks in 3.0.11 and 3.2.0 src/cfgparse-listen.c",
      "HAProxy reg-tests startup/default_rules.vtc (h9 to h13)",
    ],
    bad:
      "defaults common\n    mode http\n    http-request set-header X-Env prod\n\nfrontend www from common\n" +
      "    bind :80\n    default_backend web\n\nbackend web from common\n    server w1 192.0.2.11:80 check\n",
    good:
      "defaults fe_common\n    mode http\n    http-request set-header X-Env prod\n\ndefaults be_common\n" +
      "    mode http\n\nfrontend www from fe_common\n    bind :80\n    default_backend web\n\n" +
      "backend web from be_common\n    server w1 192.0.2.11:80 check\n",
    realTool:
      "haproxy -c reports 'frontends and backends cannot inherit from the same defaults section if it defines " +
      "TCP/HTTP rules' (and the other cases) on the section line, as a fatal error (rc 1).",
    reportedBy: "haproxy -c",
  },
  messages: {
    defaultsFromRules: (data: { name: string; parent: string; line: number }) =>
      `defaults section '${data.name}' inherits from defaults '${data.parent}' (line ${data.line}), which defines ` +
      `TCP/HTTP rules; HAProxy refuses a defaults section derived from one with rules`,
    listenFromRules: (data: { name: string; parent: string; line: number }) =>
      `listen '${data.name}' uses defaults '${data.parent}' (line ${data.line}), which defines TCP/HTTP rules; ` +
      `HAProxy refuses a listen section there (only frontends or only backends may use it): split it into a frontend ` +
      `and a backend, or move the rules`,
    frontendsAndBackends: (data: { kind: string; name: string; parent: string; line: number; first: string }) =>
      `${data.kind} '${data.name}' uses defaults '${data.parent}' (line ${data.line}), which defines TCP/HTTP rules ` +
      `and is already used by ${data.first}; HAProxy refuses frontends and backends sharing such a defaults section: ` +
      `give each side its own`,
    backendWithL4Rules: (data: { name: string; parent: string; line: number; ruleSet: string }) =>
      `backend '${data.name}' uses defaults '${data.parent}' (line ${data.line}), which defines '${data.ruleSet}' ` +
      `rules; HAProxy refuses a backend there (those rules run on the frontend side only)`,
    frontendWithResponseRules: (data: { name: string; parent: string; line: number }) =>
      `frontend '${data.name}' uses defaults '${data.parent}' (line ${data.line}), which defines 'tcp-response ` +
      `content' rules; HAProxy refuses a frontend there (those rules run on the backend side only)`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      // The side (frontend or backend) the first user gave each defaults section with rules.
      const firstUser = new Map<Proxy, Proxy>();
      const sections = [...config.defaults.filter((d) => d.defaults), ...config.proxies].sort(byLine);
      for (const p of sections) {
        const parent = p.defaults;
        // Rules in an anonymous defaults section are refused where they are written (HP016): it keeps none.
        if (!parent || parent.name === "") continue;
        const rules = rulesOf(parent);
        if (rules.size === 0) continue;
        const head = { file: p.location.file, range: p.location.range };
        const base = { name: p.name, parent: parent.name, line: lineOf(parent.sectionLocation) };
        // HAProxy aborts reading at the first refusal: nothing after it is checked.
        if (p.kind === "defaults") {
          ctx.report({ ...head, messageId: "defaultsFromRules", data: base });
          break;
        }
        if (p.kind === "listen") {
          ctx.report({ ...head, messageId: "listenFromRules", data: base });
          break;
        }
        const first = firstUser.get(parent);
        if (first && first.kind !== p.kind) {
          const data = { ...base, kind: p.kind, first: `${first.kind} '${first.name}'` };
          ctx.report({ ...head, messageId: "frontendsAndBackends", data });
          break;
        }
        const l4 = ["tcp-request connection", "tcp-request session"].find((set) => rules.has(set));
        if (p.kind === "backend" && l4) {
          ctx.report({ ...head, messageId: "backendWithL4Rules", data: { ...base, ruleSet: l4 } });
          break;
        }
        if (p.kind === "frontend" && rules.has("tcp-response content")) {
          ctx.report({ ...head, messageId: "frontendWithResponseRules", data: base });
          break;
        }
        if (!first) firstUser.set(parent, p);
      }
    }
  },
});
