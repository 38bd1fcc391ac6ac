import type { KeepalivedKeywords } from "../../schema/keepalived-keywords.js";
import { ROOT_BLOCK } from "../../schema/keepalived-keywords.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";
import { defineRule, type RuleContext } from "../rule.js";
import { blockLabel } from "./block-names.js";

function visit(ctx: RuleContext, kk: KeepalivedKeywords, statements: readonly KaStatement[], blockId: string): void {
  const block = kk.block(blockId);
  if (!block || block.kind === "list") return;
  for (const st of statements) {
    const name = st.keyword.value;
    const spec = kk.keyword(blockId, name);
    if (spec) {
      if (st.block && spec.block) visit(ctx, kk, st.block.statements, spec.block);
      continue;
    }
    const where = blockLabel(blockId);
    const other = kk.keywordAnyVersion(blockId, name);
    if (other) {
      ctx.report({
        file: st.file,
        range: st.keyword.range,
        message: `'${name}' is not a keyword of keepalived ${kk.version} (it exists in ${other.versions.join(", ")}); keepalived ${kk.version} ignores this line${st.block ? " and reads its block as unknown keywords" : ""}`,
      });
      continue;
    }
    const elsewhere = kk.blocksAccepting(name);
    if (elsewhere.length > 0) {
      ctx.report({
        file: st.file,
        range: st.keyword.range,
        message: `'${name}' is not valid in ${where}; it belongs in ${elsewhere.slice(0, 3).map(blockLabel).join(" or ")}. keepalived ignores it here`,
      });
      continue;
    }
    const suggestion = kk.suggest(blockId, name);
    ctx.report({
      file: st.file,
      range: st.keyword.range,
      message: `unknown keyword '${name}' in ${where}; keepalived ignores the line${suggestion ? `. Did you mean '${suggestion}'?` : ""}`,
      fixes:
        suggestion && st.keyword.text === st.keyword.value
          ? [
              {
                description: `Replace '${name}' with '${suggestion}'`,
                safe: !st.keyword.expanded && st.keyword.text === st.keyword.value,
                edits: [{ file: st.file, range: st.keyword.range, newText: suggestion }],
              },
            ]
          : undefined,
    });
  }
}

export default defineRule({
  id: "KA018",
  name: "unknown-keepalived-keyword",
  severity: "error",
  scope: "keepalived",
  docs: {
    summary: "A keyword keepalived does not know in this block (typo, wrong block, or wrong version).",
    description:
      "Checks the first word of every line against the keywords keepalived registers for the enclosing block in the target version (tables generated from keepalived's parser sources). Suggests the closest keyword, names the block where a misplaced keyword belongs, and says in which versions a keyword exists.",
    why: "keepalived reports an unknown keyword and skips the line: a typo such as `priorty 150` leaves the priority at its default of 100 and the daemon starts anyway, so the failover plan silently changes.",
    sources: [
      "keepalived lib/parser.c process_stream() 'Unknown keyword'",
      "keepalived keepalived/vrrp/vrrp_parser.c, keepalived/core/global_parser.c keyword registrations",
    ],
    bad: "vrrp_instance VI_1 {\n    priorty 150\n}\n",
    good: "vrrp_instance VI_1 {\n    priority 150\n}\n",
    realTool: "keepalived -t reports \"Unknown keyword 'x'\" (rc 5) but the daemon still starts.",
    reportedBy: "keepalived -t",
    versions: "Checked against the keywords of the configured keepalived version (2.2, 2.3 or 2.4).",
  },
  check(ctx) {
    for (const doc of ctx.keepalived) visit(ctx, ctx.keepalivedKeywords, doc.statements, ROOT_BLOCK);
  },
  cases: {
    valid: [
      {
        name: "common VRRP configuration",
        files: {
          "keepalived.conf":
            'global_defs {\n  router_id lb01\n  enable_script_security\n  script_user root\n}\nvrrp_script chk_haproxy {\n  script "/usr/bin/pgrep haproxy"\n  interval 2\n  weight -30\n}\nvrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 120\n  advert_int 1\n  authentication {\n    auth_type PASS\n    auth_pass secret12\n  }\n  virtual_ipaddress {\n    192.0.2.10/24 dev eth0\n  }\n  track_script {\n    chk_haproxy\n  }\n}\n',
        },
      },
    ],
    invalid: [
      {
        name: "typo",
        files: { "keepalived.conf": "vrrp_instance VI_1 {\n  priorty 150\n}\n" },
        realTool: "Unknown keyword 'priorty'",
        expect: [{ line: 2, message: "Did you mean 'priority'" }],
      },
      {
        name: "keyword in the wrong block",
        files: { "keepalived.conf": "global_defs {\n  priority 100\n}\n" },
        expect: [{ line: 2, message: "belongs in" }],
      },
      {
        name: "keyword of a newer version",
        files: { "keepalived.conf": "vrrp_instance VI_1 {\n  auth_hmac {\n  }\n}\n" },
        expect: [{ line: 2, message: "not a keyword of keepalived 2.2" }],
      },
    ],
  },
});
