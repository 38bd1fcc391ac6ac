import { walkStatements } from "../../syntax/keepalived/tree.js";
import { defineRule } from "../rule.js";
import { maskSecret } from "../mask-secret.js";

const SECRET = new Set(["auth_pass"]);

export default defineRule({
  id: "KA006",
  name: "comment-cuts-value",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "A '#' or '!' inside an unquoted word starts a comment and cuts the word.",
    description:
      "Reports a '#' or '!' that touches the word before it outside double quotes (`auth_pass ab#cd`, `script " +
      "/usr/bin/check --tag=a!b`): keepalived treats it as the start of a comment, anywhere on the line. A comment " +
      'right after a brace or a closing double quote (`3306 {#backend`, `"abc"#note`) cuts no word and is not ' +
      "reported.",
    why:
      "keepalived's reader strips comments before it splits words (lib/parser.c decomment()), and single quotes do " +
      "not protect them: `auth_pass abc#def` is the password 'abc', which then matches 'abc#xyz' on the other node, " +
      "and a script argument silently loses its tail. Double quotes keep the character. The escapes `\\#`, `\\!` do " +
      "not: the parent process unescapes them in the copy of the configuration its VRRP and checker processes read, " +
      "and there they start a comment (`interval 2\\!` is interval 2; checked on 2.2.7, 2.3.3 and 2.3.4).",
    sources: [
      "keepalived 2.2.7 lib/parser.c decomment() (a '#' or '!' outside double quotes ends the line; '\\#' and '\\!' " +
        "become '#' and '!'), read_line() (the decommented line written to the configuration copy the children read)",
      "keepalived.conf(5): comments start with '#' or '!' and may start anywhere",
      "SEMANTICS.md 1.1 (verified live)",
    ],
    bad: "authentication {\n    auth_type PASS\n    auth_pass s3cr#t!x\n}\n",
    good: 'authentication {\n    auth_type PASS\n    auth_pass "s3cr#t!x"\n}\n',
    realTool: "Neither tool: keepalived -t accepts the shortened value.",
    reportedBy: "none",
  },
  messages: {
    cutsWord: (data: { char: string; kept: string; keyword: string }) =>
      `'${data.char}' starts a comment here even inside a word: keepalived keeps only ${data.kept} for ` +
      `${data.keyword} and drops the rest of the line. Quote the value with double quotes (an escape ` +
      `'\\${data.char}' does not survive the copy keepalived's VRRP and checker processes read).`,
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const doc of ctx.keepalived) {
      for (const { statement: st } of walkStatements(doc.statements)) {
        if (!st.comment?.glued) continue;
        const key = `${st.file}:${st.comment.range.start.line}:${st.comment.range.start.character}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const last = st.args[st.args.length - 1] ?? st.keyword;
        const kept = SECRET.has(st.keyword.value) ? maskSecret(last.value) : `'${last.value}'`;
        ctx.report({
          file: st.file,
          range: st.comment.range,
          messageId: "cutsWord",
          data: { char: st.comment.text[0], kept, keyword: st.keyword.value },
        });
      }
    }
  },
});
