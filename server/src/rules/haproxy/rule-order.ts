import type { HpLine } from "../../syntax/haproxy/tree.js";
import { defineRule } from "../rule.js";
import { describeProxy, haproxyConfigs } from "./proxy-index.js";

/** The rule lists of a proxy in the order HAProxy evaluates them. */
const ORDER = [
  "tcp-request connection",
  "tcp-request session",
  "tcp-request content",
  "monitor fail",
  "http-request",
  "redirect",
  "use_backend",
  "use-server",
] as const;
type Kind = (typeof ORDER)[number];

/** The lists a new rule of each kind is compared with (cfgparse-listen.c warnif_misplaced_*()), in that order. */
const CHECKED_AFTER: Partial<Record<Kind, Kind[]>> = {
  "tcp-request connection": ORDER.slice(1) as Kind[],
  "tcp-request session": ORDER.slice(2) as Kind[],
  "tcp-request content": ORDER.slice(3) as Kind[],
  "monitor fail": ORDER.slice(4) as Kind[],
  "http-request": ORDER.slice(5) as Kind[],
  redirect: ORDER.slice(6) as Kind[],
};

function kindOf(line: HpLine): Kind | undefined {
  const kw = line.keyword.value;
  const sub = line.args[0]?.value;
  if (kw === "tcp-request" && (sub === "connection" || sub === "session" || sub === "content"))
    return `tcp-request ${sub}`;
  if (kw === "monitor" && sub === "fail") return "monitor fail";
  if (kw === "http-request" || kw === "redirect" || kw === "use_backend" || kw === "use-server") return kw;
  return undefined;
}

/** Actions that end the evaluation of their rule set (ACT_FLAG_FINAL in src/http_act.c). */
const FINAL_ACTIONS = new Set(["allow", "deny", "tarpit", "auth", "return", "redirect"]);

const hasCondition = (line: HpLine): boolean => line.args.some((w) => w.value === "if" || w.value === "unless");

/** An unconditional final action: HAProxy never evaluates the rules of the set after it. */
function isFinalWithoutCondition(line: HpLine): boolean {
  const action = line.args[0]?.value ?? "";
  if (!FINAL_ACTIONS.has(action) || hasCondition(line)) return false;
  // `redirect ... ignore-empty` does not end the rule set (REDIRECT_FLAG_IGNORE_EMPTY).
  return !(action === "redirect" && line.args.some((w) => w.value === "ignore-empty"));
}

export default defineRule({
  id: "HP027",
  name: "rule-order",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "Rules written in an order HAProxy does not follow, or written after a rule that ends their set.",
    description:
      "HAProxy evaluates a proxy's rules by list, not in file order: `tcp-request connection`, `tcp-request " +
      "session`, `tcp-request content`, `monitor fail`, `http-request`, `redirect`, `use_backend`, `use-server`. " +
      "Reports a rule written after a rule of a later list (it still runs first), and an `http-request`, " +
      "`http-response` or `http-after-response` rule written after an unconditional `allow`, `deny`, `tarpit`, " +
      "`auth`, `return` or `redirect` of the same set (it never runs), and a `stats http-request` rule after an " +
      "unconditional one.",
    why:
      "The file reads as if the earlier rule came first: a `use_backend` placed before an `http-request deny` does " +
      "not bypass the deny, a rule after an unconditional `deny` is dead. HAProxy only warns, so the configuration " +
      "loads with a different meaning than it shows.",
    sources: [
      "HAProxy 2.6.12 src/cfgparse-listen.c warnif_rule_after_*() and warnif_misplaced_*() (the list order), the " +
        "'previous ... action is final and has no condition attached' checks of cfg_parse_listen() on http_req_rules, " +
        "http_res_rules, http_after_res_rules and the stats rules",
      "HAProxy 2.6.12 src/tcp_rules.c tcp_parse_tcp_req() (the tcp-request checks), src/http_act.c (ACT_FLAG_FINAL " +
        "on allow, deny, tarpit, auth, redirect without ignore-empty, return)",
    ],
    bad:
      "frontend www\n    bind :80\n    use_backend api if { path_beg /api }\n" +
      "    http-request deny if { src 192.0.2.66 }\n    default_backend web\n",
    good:
      "frontend www\n    bind :80\n    http-request deny if { src 192.0.2.66 }\n" +
      "    use_backend api if { path_beg /api }\n    default_backend web\n",
    realTool:
      "haproxy -c warns \"a 'http-request' rule placed after a 'use_backend' rule will still be processed before\" " +
      "and \"previous 'http-request' action is final and has no condition attached, further entries are NOOP\" (rc " +
      "0).",
    reportedBy: "haproxy -c",
  },
  messages: {
    placedAfter: (data: { rule: string; after: string; line: number }) =>
      `this '${data.rule}' rule comes after a '${data.after}' rule (line ${data.line}), but HAProxy still evaluates ` +
      `it before: '${data.rule}' rules run first whatever their place; move it above to make the file read as it runs`,
    afterFinal: (data: { ruleSet: string; action: string; line: number }) =>
      `this '${data.ruleSet}' rule is never evaluated: the '${data.ruleSet} ${data.action}' at line ${data.line} has ` +
      `no condition and ends the rule set`,
    afterUnconditionalStats: (data: { line: number; proxy: string }) =>
      `this 'stats http-request' rule of ${data.proxy} is never evaluated: the one at line ${data.line} has no ` +
      `condition`,
  },
  check(ctx) {
    for (const config of haproxyConfigs(ctx)) {
      for (const p of [...config.proxies, ...config.defaults.filter((d) => d.name !== "")]) {
        const seen = new Map<Kind, HpLine>();
        const lastOfSet = new Map<string, HpLine>();
        let lastStats: HpLine | undefined;
        for (const line of p.lines) {
          const kw = line.keyword.value;
          const file = p.sectionLocation.file;
          if (kw === "http-request" || kw === "http-response" || kw === "http-after-response") {
            const previous = lastOfSet.get(kw);
            if (previous && isFinalWithoutCondition(previous)) {
              const data = { ruleSet: kw, action: previous.args[0].value, line: previous.range.start.line + 1 };
              ctx.report({ file, range: line.range, messageId: "afterFinal", data });
            }
            lastOfSet.set(kw, line);
          }
          if (kw === "stats" && line.args[0]?.value === "http-request") {
            if (lastStats && !hasCondition(lastStats)) {
              const data = { line: lastStats.range.start.line + 1, proxy: describeProxy(p) };
              ctx.report({ file, range: line.range, messageId: "afterUnconditionalStats", data });
            }
            lastStats = line;
          }
          const kind = kindOf(line);
          if (!kind) continue;
          const later = (CHECKED_AFTER[kind] ?? []).find((k) => seen.has(k));
          const laterLine = later === undefined ? undefined : seen.get(later);
          if (later && laterLine) {
            const data = { rule: kw, after: later, line: laterLine.range.start.line + 1 };
            ctx.report({ file, range: line.range, messageId: "placedAfter", data });
          }
          if (!seen.has(kind)) seen.set(kind, line);
        }
      }
    }
  },
});
