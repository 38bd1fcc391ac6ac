import { converterArgumentRefusal } from "../../schema/haproxy-converter-checks.js";
import { argMaskOf, describeArgProblem, readArgList } from "../../schema/haproxy-sample-arguments.js";
import { defineRule } from "../rule.js";
import { expressionPlaces, termsOf } from "./sample-expressions.js";
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
      "unparsable integer, address, mask, delay or size, and more arguments than the keyword takes; then the " +
      "checks some converters run on the values read (`bytes` from 3.0: an offset of at least 0 and a length above " +
      "0, each an integer or a variable name; `param` from 2.8: a delimiter of exactly one character; `has_ctl` in " +
      "3.2.26: empty, `any`, `http` or an integer of at most 33 bits). The masks change between versions: `bytes` " +
      "takes only integers in 2.6 and also variable names from 3.0, `url_param` takes a third argument from 2.8.",
    why:
      "HAProxy refuses the rule, the ACL or the log format that holds the expression, so the whole configuration " +
      "fails to load.",
    sources: [
      "HAProxy 2.6.12 src/arg.c make_arg_list() (the argument parser and its messages), src/sample.c " +
        "sample_parse_expr() and src/acl.c parse_acl_expr() (its callers)",
      "the sample fetch and converter keyword lists (sample_fetch_kw_list, sample_conv_kw_list, acl_kw_list) of " +
        "src/*.c at v2.6.0, v2.8.0, v3.0.0, v3.2.0 and v3.4.0, read by scripts/schema/haproxy.mjs",
      "HAProxy src/tools.c read_int64(), parse_time_err(), parse_size_err(), str2mask(), str2mask6()",
      "HAProxy 3.0.11 src/sample.c sample_conv_bytes_check() and check_operator() (as at v3.2.0), " +
        "sample_conv_param_check() (v2.8.0 to v3.2.0), sample_conv_hasctl_check() (upstream commit 33374957d, in the " +
        "3.2.26 binary; checked there with has_ctl(bogus), has_ctl(0x400000000), has_ctl(-1), has_ctl(0x): refused; " +
        "any, http, 0x100000000, 07, empty: accepted), src/vars.c vars_hash_name() (a variable name: its scope, then " +
        "letters, digits, '_' and '.')",
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
    fetchArguments: (data: { name: string; problem: string; version: string }) =>
      `fetch method '${data.name}': ${data.problem}; HAProxy ${data.version} refuses the expression`,
    converterArguments: (data: { name: string; problem: string; version: string }) =>
      `converter '${data.name}': ${data.problem}; HAProxy ${data.version} refuses the expression`,
  },
  check(ctx) {
    const hk = ctx.haproxyKeywords;
    for (const doc of ctx.haproxy) {
      for (const section of doc.sections) {
        for (const line of section.lines) {
          for (const place of expressionPlaces(line)) {
            const { word } = place;
            // An expression built from an unknown environment variable cannot be judged.
            if (word.env.some((e) => e.resolved === undefined)) continue;
            const text = word.value.slice(0, place.end);
            for (const term of termsOf(text, place.start, place.end)) {
              const spec = term.kind === "fetch" ? hk.fetch(term.name) : hk.converter(term.name);
              const mask = spec ? argMaskOf(spec, hk.version) : undefined;
              if (!mask) continue; // unknown names are HP017's
              const list = readArgList(text, term.argsAt, mask);
              const problem = list.problem
                ? describeArgProblem(list.problem)
                : term.kind === "converter"
                  ? converterArgumentRefusal(term.name, hk.version, list.args)
                  : undefined;
              if (problem === undefined) continue;
              const at = list.problem ? (list.problemAt ?? term.offset) : term.offset;
              const length = Math.max(term.argsAt - term.offset, list.end - at);
              const data = { name: term.name, problem, version: hk.version };
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
