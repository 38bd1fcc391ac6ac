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
    summary: "A '#' or '!' inside an unquoted value starts a comment and cuts the value.",
    description:
      "Reports lines where a '#' or '!' touches the word before it outside double quotes (`auth_pass ab#cd`, `script /usr/bin/check --tag=a!b`): keepalived treats it as the start of a comment, anywhere on the line.",
    why: "keepalived's reader strips comments before it splits words (lib/parser.c decomment()), and single quotes do not protect them: `auth_pass abc#def` is the password 'abc', which then matches 'abc#xyz' on the other node, and a script argument silently loses its tail. Double quotes or the escapes `\\#`, `\\!` keep the character.",
    sources: [
      "keepalived lib/parser.c decomment()",
      "keepalived.conf(5): comments start with '#' or '!' and may start anywhere",
      "SEMANTICS.md 1.1 (verified live)",
    ],
    bad: "authentication {\n    auth_type PASS\n    auth_pass s3cr#t!x\n}\n",
    good: 'authentication {\n    auth_type PASS\n    auth_pass "s3cr#t!x"\n}\n',
    realTool: "Neither tool: keepalived -t accepts the shortened value.",
    reportedBy: "none",
  },
  check(ctx) {
    for (const doc of ctx.keepalived) {
      for (const { statement: st } of walkStatements(doc.statements)) {
        if (!st.comment?.glued) continue;
        const last = st.args[st.args.length - 1] ?? st.keyword;
        const kept = SECRET.has(st.keyword.value) ? maskSecret(last.value) : `'${last.value}'`;
        ctx.report({
          file: st.file,
          range: st.comment.range,
          message: `'${st.comment.text[0]}' starts a comment here even inside a word: keepalived keeps only ${kept} for ${st.keyword.value} and drops the rest of the line. Quote the value with double quotes or escape it as '\\${st.comment.text[0]}'.`,
        });
      }
    }
  },
  cases: {
    valid: [
      {
        name: "comment after a blank, quoted and escaped characters",
        files: {
          "keepalived.conf":
            'vrrp_instance V {\n    auth_pass "ab#cd" # the password\n    priority 100 ! comment\n}\nglobal_defs {\n    router_id lb\\#1\n}\n',
        },
      },
    ],
    invalid: [
      {
        name: "hash inside a password",
        files: { "keepalived.conf": "vrrp_instance V {\n    auth_pass ab#cd\n}\n" },
        expect: [{ line: 2, message: "keeps only ** (2 characters)" }],
      },
      {
        name: "bang inside a script argument",
        files: { "keepalived.conf": "vrrp_script chk {\n    script /usr/local/bin/check --tag=a!b\n}\n" },
        expect: [{ line: 2, message: "'--tag=a'" }],
      },
    ],
  },
});
