import { defineRule } from "../rule.js";
import { closingBrace } from "./block-close.js";
import { readLikeKeepalived } from "./statement-blocks.js";

export default defineRule({
  id: "KA060",
  name: "empty-list-block",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "An empty notification_email block: keepalived reports it and has no address to send alerts to.",
    description:
      "Reports a `notification_email` block of global_defs with no address in it, on its closing brace (where " +
      "keepalived's read_value_block() has read it). (An empty group block of a vrrp_sync_group is KA026's.)",
    why:
      "email_handler() gets nothing from read_value_block(), prints a warning and returns: no address is added. An " +
      "empty `notification_email { }` is usually a template left unfilled, and the SMTP alerts the instances are set " +
      "up to send (smtp_alert) then have no recipient.",
    sources: [
      "keepalived 2.2.7 keepalived/core/global_parser.c email_handler() ('Warning - empty notification_email " +
        "block'); the same at v2.3.3 and v2.3.4",
      "keepalived 2.2.7 lib/parser.c read_value_block() (reads the block to its '}', NULL when it holds no word)",
    ],
    bad: "global_defs {\n    notification_email {\n    }\n}\n",
    good: "global_defs {\n    notification_email {\n        ops@example.com\n    }\n}\n",
    realTool:
      "keepalived -t prints 'Warning - empty notification_email block' on the line of the block's '}' and goes on " +
      "(exit 5).",
    reportedBy: "keepalived -t",
  },
  messages: {
    empty: () =>
      "this notification_email block is empty: keepalived reports 'Warning - empty notification_email block' " +
      "(global_parser.c email_handler()) and adds no address to send the SMTP alerts to",
  },
  check(ctx) {
    for (const doc of ctx.keepalived) {
      for (const { statement, blockId } of readLikeKeepalived(doc.statements, ctx.keepalivedKeywords).statements) {
        if (blockId !== "global_defs" || statement.keyword.value !== "notification_email") continue;
        if (!statement.block || statement.block.statements.length > 0) continue;
        ctx.report({ ...closingBrace({ file: statement.file, range: statement.range }), messageId: "empty" });
      }
    }
  },
});
