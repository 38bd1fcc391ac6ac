import { walkStatements } from "../../syntax/keepalived/tree.js";
import type { TextEdit } from "../finding.js";
import { defineRule } from "../rule.js";
import { keepalivedUnits, SCRIPT_KEYWORDS } from "./ka-model.js";

const SECRET_KEYWORDS = new Set(["auth_pass"]);

/** check_http.c regex_handler() splits its line like a script line: both quote styles quote there. */
const QUOTING_KEYWORDS = new Set(["regex"]);

export default defineRule({
  id: "KA032",
  name: "single-quoted-value",
  severity: "info",
  scope: "keepalived",
  docs: {
    summary: "Single quotes around a value outside script lines: keepalived keeps them as part of the value.",
    description:
      "Reports a keyword line (other than `script`, `notify*`, `misc_path`, `regex` and the other lines keepalived " +
      "splits with shell-like quoting, where both quote styles work) with a word that starts or ends with a single " +
      "quote.",
    why:
      "keepalived's ordinary tokenizer groups words with double quotes only; single quotes are ordinary characters. " +
      "`router_id 'lb01'` sets the router id to the seven characters `'lb01'`, `auth_pass 'secret'` sets an " +
      "eight-character password including the quotes (and a node written without quotes no longer authenticates), and " +
      "`'two words'` becomes two words.",
    sources: [
      "keepalived 2.2.7 lib/parser.c alloc_strvec_r() (double quotes only)",
      "keepalived 2.2.7 lib/parser.c alloc_strvec_quoted_escaped(), used by lib/notify.c notify_script_init(), " +
        "vrrp_parser.c vrrp_vscript_script_handler(), check_misc.c misc_path_handler(), check_http.c regex_handler() " +
        "and the startup/shutdown and fifo scripts (both quote styles)",
    ],
    bad: "global_defs {\n    router_id 'lb01'\n}\n",
    good: "global_defs {\n    router_id lb01\n}\n",
    realTool: "Neither tool reports it; keepalived -t accepts the value with its quotes.",
    reportedBy: "none",
  },
  messages: {
    quotedValue: (data: { keyword: string; shown: string; secret: boolean }) =>
      `single quotes do not quote in keepalived outside script lines: ${data.keyword} gets ${data.shown} with the ` +
      `quote characters${data.secret ? " (so the password includes them and differs from an unquoted one)" : ""} ` +
      `(use double quotes, or none)`,
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const { config } of keepalivedUnits(ctx)) {
      for (const { statement: st, parents } of walkStatements(config.document.statements)) {
        if (SCRIPT_KEYWORDS.has(st.keyword.value) || QUOTING_KEYWORDS.has(st.keyword.value)) continue;
        const words = [st.keyword, ...st.args];
        const quotedWords = words.filter(
          (w) => !w.quoted && (w.value.startsWith("'") || w.value.endsWith("'")) && w.value.length > 0,
        );
        if (quotedWords.length === 0) continue;
        const key = `${st.file}:${st.range.start.line}:${st.range.start.character}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const keyword =
          quotedWords[0] === st.keyword
            ? `the entry in ${parents[parents.length - 1]?.keyword.value ?? "this file"}`
            : st.keyword.value;
        const secret = SECRET_KEYWORDS.has(st.keyword.value);
        const shown = secret
          ? "the password"
          : quotedWords.length === 1
            ? `the value ${quotedWords[0].value}`
            : `the words ${quotedWords.map((w) => w.value).join(" ")}`;
        const edits: TextEdit[] = [];
        let quotes = 0;
        for (const w of quotedWords) {
          if (w.expanded || w.text !== w.value) {
            edits.length = 0;
            break;
          }
          quotes += (w.text.startsWith("'") ? 1 : 0) + (w.text.length > 1 && w.text.endsWith("'") ? 1 : 0);
          edits.push({ file: w.file, range: w.range, newText: w.text.replace(/^'/, '"').replace(/'$/, '"') });
        }
        // Only pairs of quotes become double quotes, and only on a line without double quotes: a lone '"' would
        // open a string that runs to the next '"' (or to the end of the line) and regroup the words.
        if (quotes % 2 === 1 || words.some((w) => w.text.includes('"'))) edits.length = 0;
        ctx.report({
          file: quotedWords[0].file,
          range: quotedWords[0].range,
          messageId: "quotedValue",
          data: { keyword, shown, secret },
          fixes:
            edits.length > 0
              ? [{ description: "Use double quotes (change every node alike)", safe: false, edits }]
              : undefined,
        });
      }
    }
  },
});
