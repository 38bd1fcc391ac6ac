import { compareVersions } from "../../syntax/haproxy/condition.js";
import type { HpLine, HpWord } from "../../syntax/haproxy/tree.js";
import { defineRule } from "../rule.js";

/** Rule keywords and how many words precede the action (`tcp-request content <action>`). */
const RULE_KEYWORDS: Record<string, number> = {
  "http-request": 0,
  "http-response": 0,
  "http-after-response": 0,
  "tcp-request": 1,
  "tcp-response": 1,
};

const REDIRECT_VALUES = ["location", "prefix", "scheme", "set-cookie", "clear-cookie", "code"];
const REDIRECT_FLAGS = ["drop-query", "append-slash", "ignore-empty"];

/**
 * The words of a redirect rule (`redirect`, `http-request redirect`, `http-response redirect`) as
 * http_parse_redirect_rule() (src/http_rules.c) reads them up to `if`/`unless`: location, prefix, scheme,
 * set-cookie, clear-cookie and code take a value, drop-query, append-slash and ignore-empty none; v3.2.0 adds
 * set-cookie-fmt and keep-query (the 3.0.11 binary refuses them, the 3.2.26 one reads them). Anything
 * else: "expects 'code', 'prefix', 'location', ... (was '%s')". A code other than 301, 302, 303, 307 or 308 is
 * refused too.
 */
function redirectProblem(
  line: HpLine,
  version: string,
): { keyword: string; word: HpWord; problem: string } | undefined {
  const kw = line.keyword.value;
  const start =
    kw === "redirect" ? 0 : /^http-(request|response)$/.test(kw) && line.args[0]?.value === "redirect" ? 1 : -1;
  if (start < 0 || line.args.some((w) => w.env.some((e) => e.resolved === undefined))) return undefined;
  const keyword = start === 0 ? kw : `${kw} redirect`;
  const newer = compareVersions(version, "3.2") >= 0;
  const values = newer ? [...REDIRECT_VALUES, "set-cookie-fmt"] : REDIRECT_VALUES;
  const flags = newer ? [...REDIRECT_FLAGS, "keep-query"] : REDIRECT_FLAGS;
  const args = line.args;
  for (let i = start; i < args.length; i++) {
    const w = args[i];
    if (w.value === "if" || w.value === "unless") return undefined;
    if (flags.includes(w.value)) continue;
    if (!values.includes(w.value))
      return {
        keyword,
        word: w,
        problem: `unknown redirect option '${w.value}' (${[...values, ...flags].join(", ")})`,
      };
    const value = args[i + 1];
    if (!value || value.value === "") return { keyword, word: w, problem: `'${w.value}' needs a value` };
    if (w.value === "code" && ![301, 302, 303, 307, 308].includes(Number.parseInt(value.value, 10) || 0))
      return { keyword, word: value, problem: `unsupported redirect code '${value.value}' (301, 302, 303, 307, 308)` };
    i++;
  }
  return undefined;
}

/** Lines whose condition build_acl_cond() (src/acl.c) reads. */
const CONDITION_KEYWORDS = new Set([...Object.keys(RULE_KEYWORDS), "use_backend", "use-server", "redirect"]);

/**
 * A condition with more '{' than '}' words: build_acl_cond() / parse_acl_cond() (src/acl.c at v2.6.0, v3.0.0,
 * v3.2.0) reads an anonymous ACL up to its '}' and refuses a condition that ends first ('missing closing '}' in
 * condition').
 */
function unclosedCondition(line: HpLine): boolean {
  if (!CONDITION_KEYWORDS.has(line.keyword.value)) return false;
  const at = line.args.findIndex((w) => (w.value === "if" || w.value === "unless") && !w.quoted);
  if (at < 0) return false;
  let depth = 0;
  for (const w of line.args.slice(at + 1)) {
    if (w.quoted) continue;
    if (w.value === "{") depth++;
    else if (w.value === "}" && depth > 0) depth--;
  }
  return depth > 0;
}

export default defineRule({
  id: "HP032",
  name: "action-arguments",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary:
      "A rule action followed by more words than it takes, where HAProxy expects `if` or `unless`; a rule " +
      "setting a variable it does not name; a condition whose '{' is never closed.",
    description:
      "For the actions of a fixed shape (`set-header <name> <fmt>`, `cache-use <name>`, `set-tos <value>`, `allow`, " +
      "...), the number of words each one takes in the target version is in the keyword table, measured with the " +
      "binary (scripts/schema/haproxy-probe-shapes.mjs). The word after them must be `if` or `unless`; anything " +
      "else is refused. Actions with optional or variable arguments are not checked. `set-var`, `set-var-fmt` and " +
      "`unset-var` (in any rule set, `tcp-check` and `http-check` included) need the variable's name in parentheses. " +
      "A condition (`if`/`unless` of a rule, `use_backend`, `use-server`, `redirect`) with an anonymous ACL that " +
      "has no closing `}` (often one a `#` comments out) is refused too, and so is a redirect rule with a word that " +
      "is not one of its options (or a code other than 301, 302, 303, 307, 308).",
    why:
      "HAProxy refuses the rule and stops reading the configuration there. It typically comes from an option of a " +
      "newer version (`cache-use <name> no-early-hints`) or an unquoted value with a space (`set-header X-Env prod " +
      "eu`).",
    sources: [
      "HAProxy 2.6.12 src/http_rules.c parse_http_req_cond(), parse_http_res_cond(), parse_http_after_res_cond() " +
        "(\"expects either 'if' or 'unless' followed by a condition but found ...\") and src/tcp_rules.c " +
        "tcp_parse_request_rule(), tcp_parse_response_rule()",
      "the action word counts measured with haproxy 2.6.12, 3.0.11 and 3.2.26 (scripts/schema/haproxy-shapes.json)",
      "HAProxy src/vars.c parse_store() at v2.6.0, v3.0.0, v3.2.0 ('invalid or incomplete action ... Expects " +
        "'set-var(<var-name>)' ...'), called by src/tcpcheck.c parse_tcpcheck_action()",
      "HAProxy src/acl.c parse_acl_cond() at v2.6.0, v3.0.0, v3.2.0 ('missing closing '}' in condition')",
      "HAProxy src/http_rules.c http_parse_redirect_rule() at v2.6.0, v3.0.0, v3.2.0 (\"expects 'code', 'prefix', " +
        "'location', ... (was '%s')\"; set-cookie-fmt and keep-query from 3.2)",
    ],
    bad: "frontend www\n    bind :80\n    http-request set-header X-Env prod eu\n",
    good: 'frontend www\n    bind :80\n    http-request set-header X-Env "prod eu"\n',
    realTool:
      "haproxy -c reports \"'http-request set-header' expects either 'if' or 'unless' followed by a condition but " +
      "found 'eu'\" as a fatal error (rc 1).",
    reportedBy: "haproxy -c",
    versions: "Word counts measured for 2.6, 3.0 and 3.2; other target versions are not checked.",
  },
  messages: {
    redirectOption: (data: { keyword: string; word: string; problem: string; version: string }) =>
      `'${data.keyword}': ${data.problem}; HAProxy ${data.version} refuses the rule`,
    unclosedCondition: (data: { keyword: string }) =>
      `the condition of this '${data.keyword}' line opens an anonymous ACL with '{' and never closes it (a '#' ` +
      `starts a comment, even inside braces): HAProxy refuses the rule ('missing closing '}' in condition')`,
    varWithoutName: (data: { ruleSet: string; action: string }) =>
      `'${data.ruleSet} ${data.action}' names no variable: HAProxy expects '${data.action}(<var-name>)' and refuses ` +
      `the rule`,
    extraWord: (data: { ruleSet: string; action: string; count: number; word: string; version: string }) =>
      `'${data.ruleSet} ${data.action}' takes ` +
      `${data.count === 0 ? "no argument" : `${data.count} argument${data.count > 1 ? "s" : ""}`}: HAProxy ` +
      `${data.version} expects 'if' or 'unless' where '${data.word}' is, and refuses the ` +
      `rule${data.count > 0 ? " (quote a value with spaces)" : ""}`,
  },
  check(ctx) {
    const hk = ctx.haproxyKeywords;
    for (const doc of ctx.haproxy) {
      for (const section of doc.sections) {
        for (const line of section.lines) {
          const before = RULE_KEYWORDS[line.keyword.value];
          const redirect = redirectProblem(line, hk.version);
          if (redirect) {
            const data = { keyword: redirect.keyword, word: redirect.word.value, problem: redirect.problem };
            ctx.report({
              file: doc.file,
              range: redirect.word.range,
              messageId: "redirectOption",
              data: { ...data, version: hk.version },
            });
            continue;
          }
          if (unclosedCondition(line)) {
            const data = { keyword: line.keyword.value };
            ctx.report({ file: doc.file, range: line.keyword.range, messageId: "unclosedCondition", data });
            continue;
          }
          // set-var, set-var-fmt, unset-var without '(<name>)' in any rule set: parse_store() (src/vars.c, v2.6.0 to
          // v3.2.0) finds no '(' and refuses it ('invalid or incomplete action').
          const isCheck = /^(tcp|http)-check$/.test(line.keyword.value);
          const varAction = isCheck ? line.args[0] : before === undefined ? undefined : line.args[before];
          if (varAction && /^(set-var|set-var-fmt|unset-var)$/.test(varAction.value)) {
            const ruleSet = line.args
              .slice(0, isCheck ? 0 : before)
              .reduce((t, w) => `${t} ${w.value}`, line.keyword.value);
            const data = { ruleSet, action: varAction.value };
            ctx.report({ file: doc.file, range: varAction.range, messageId: "varWithoutName", data });
            continue;
          }
          if (before === undefined) continue;
          const ruleSet = before ? `${line.keyword.value} ${line.args[0]?.value ?? ""}` : line.keyword.value;
          const actionWord = line.args[before];
          if (!actionWord || !hk.isRuleSet(ruleSet)) continue;
          const spec = hk.action(ruleSet, actionWord.value);
          const count = spec?.arity?.[hk.version];
          if (!spec || count === undefined || spec.name !== actionWord.value) continue;
          const next = line.args[before + 1 + count];
          if (!next || next.value === "if" || next.value === "unless") continue;
          if (line.args.some((w) => w.env.some((e) => e.resolved === undefined))) continue;
          const data = { ruleSet, action: spec.name, count, word: next.value, version: hk.version };
          ctx.report({ file: doc.file, range: next.range, messageId: "extraWord", data });
        }
      }
    }
  },
});
