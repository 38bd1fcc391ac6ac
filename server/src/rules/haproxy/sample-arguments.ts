import { describeArgProblem, readArgList } from "../../schema/haproxy-sample-arguments.js";
import { defineRule } from "../rule.js";
import { judgedExpressions } from "./sample-expressions.js";
import { rangeInWord } from "./word-range.js";

export default defineRule({
  id: "HP025",
  name: "sample-arguments",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "A sample fetch or converter given arguments HAProxy refuses: too few, too many, or of the wrong type.",
    description:
      "Reads the argument list of every fetch and converter of the line's sample expressions (`%[...]` in log " +
      "formats, ACL criteria, anonymous ACLs, set-var, track-sc keys, stick rules, captures, `balance hash`, " +
      "set-src/set-dst and set-priority actions) against the argument mask of the keyword in the target version's " +
      "sources (`ARGn(mandatory, types...)` in the keyword lists): missing mandatory arguments, an empty or " +
      "unparsable integer, address, mask, delay or size, and more arguments than the keyword takes. The masks " +
      "change between versions: `bytes` takes only integers in 2.6 and also variable names from 3.0, `url_param` " +
      "takes a third argument from 2.8.",
    why:
      "HAProxy refuses the rule, the ACL or the log format that holds the expression, so the whole configuration " +
      "fails to load.",
    sources: [
      "HAProxy 2.6.12 src/arg.c make_arg_list() (the argument parser and its messages), src/sample.c " +
        "sample_parse_expr() and src/acl.c parse_acl_expr() (its callers)",
      "the sample fetch and converter keyword lists (sample_fetch_kw_list, sample_conv_kw_list, acl_kw_list) of " +
        "src/*.c at v2.6.0, v2.8.0, v3.0.0, v3.2.0 and v3.4.0, read by scripts/schema/haproxy.mjs",
      "HAProxy src/tools.c read_int64(), parse_time_err(), parse_size_err(), str2mask(), str2mask6()",
    ],
    bad: 'frontend www\n    bind :80\n    http-request set-header X-Page "%[url_param(page,,i)]"\n',
    good: 'frontend www\n    bind :80\n    http-request set-header X-Page "%[url_param(page)]"\n',
    realTool:
      "haproxy -c reports \"failed to parse sample expression <...> : fetch method 'url_param' : expected ')' " +
      "before ',i)'\" (and the other make_arg_list() messages) as a fatal error (rc 1).",
    reportedBy: "haproxy -c",
    versions: "The argument masks of the target version (2.6, 2.8, 3.0, 3.2 or 3.4).",
  },
  messages: {
    fetchArguments: (p: { name: string; problem: string; version: string }) =>
      `fetch method '${p.name}': ${p.problem}; HAProxy ${p.version} refuses the expression`,
    converterArguments: (p: { name: string; problem: string; version: string }) =>
      `converter '${p.name}': ${p.problem}; HAProxy ${p.version} refuses the expression`,
  },
  check(ctx) {
    const hk = ctx.haproxyKeywords;
    for (const doc of ctx.haproxy) {
      for (const section of doc.sections) {
        for (const line of section.lines) {
          for (const { word, text, terms } of judgedExpressions(line, hk)) {
            for (const { term, mask } of terms) {
              const list = readArgList(text, term.argsAt, mask);
              if (!list.problem) continue;
              const at = list.problemAt ?? term.offset;
              const length = Math.max(term.argsAt - term.offset, list.end - at);
              const data = { name: term.name, problem: describeArgProblem(list.problem), version: hk.version };
              const range = rangeInWord(word, Math.min(at, term.offset), length);
              const messageId = term.kind === "fetch" ? "fetchArguments" : "converterArguments";
              ctx.report({ file: doc.file, range, messageId, data });
              break; // HAProxy stops at the first error of an expression
            }
          }
        }
      }
    }
  },
});
