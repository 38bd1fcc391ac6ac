import { atLeast } from "../../schema/versions.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";
import { defineRule } from "../rule.js";
import { closingBrace } from "./block-close.js";
import { readLikeKeepalived } from "./statement-blocks.js";

export default defineRule({
  id: "KA060",
  name: "empty-list-block",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "An empty notification_email, track_group group or garp_group interfaces block: keepalived reports it; a " +
      "track_group without members is removed (reported from 2.3).",
    description:
      "Reports a `notification_email` block of global_defs, a `group` block of a track_group or an `interfaces` " +
      "block of a garp_group with nothing in it, on its closing brace (where keepalived's read_value_block() has " +
      "read it). From 2.3.0 keepalived also reports, on the track_group's closing brace, a track_group left " +
      "without members (no group block, or an empty one) and removes it; 2.2.7 keeps it silently. (An empty group " +
      "block of a vrrp_sync_group is KA054's.)",
    why:
      "email_handler() gets nothing from read_value_block(), prints a warning and returns: no address is added. An " +
      "empty `notification_email { }` is usually a template left unfilled, and the SMTP alerts the instances are set " +
      "up to send (smtp_alert) then have no recipient.",
    sources: [
      "keepalived 2.2.7 keepalived/core/global_parser.c email_handler() ('Warning - empty notification_email " +
        "block'); the same at v2.3.3 and v2.3.4",
      "keepalived 2.2.7 keepalived/vrrp/vrrp_parser.c static_track_group_group_handler() ('Warning - track group " +
        "%s has empty group block'), garp_group_interfaces_handler() ('Warning - empty garp_group interfaces " +
        "block'); the same at v2.3.3 and v2.3.4",
      "keepalived 2.3.3 keepalived/vrrp/vrrp_parser.c static_track_group_end_handler() ('Static track group %s " +
        "has no members - removing'); the same at v2.3.4; 2.2.7 has no end handler for track_group",
      "keepalived 2.2.7 lib/parser.c read_value_block() (reads the block to its '}', NULL when it holds no word)",
    ],
    bad: "global_defs {\n    notification_email {\n    }\n}\n",
    good: "global_defs {\n    notification_email {\n        ops@example.com\n    }\n}\n",
    realTool:
      "keepalived -t prints 'Warning - empty notification_email block' (and the track_group and garp_group " +
      "messages) on the line of the block's '}' and goes on (exit 5); checked on 2.2.7, 2.3.3 and 2.3.4.",
    reportedBy: "keepalived -t",
  },
  messages: {
    empty: () =>
      "this notification_email block is empty: keepalived reports 'Warning - empty notification_email block' " +
      "(global_parser.c email_handler()) and adds no address to send the SMTP alerts to",
    emptyGroup: (p: { group: string }) =>
      `this group block is empty: keepalived reports 'Warning - track group ${p.group} has empty group block' ` +
      "and the track_group has no instance to follow",
    emptyInterfaces: () =>
      "this interfaces block is empty: keepalived reports 'Warning - empty garp_group interfaces block' and the " +
      "garp_group applies to no interface",
    noMembers: (p: { group: string }) =>
      `track_group ${p.group} has no members: keepalived reports 'Static track group ${p.group} has no members - ` +
      "removing' and drops it, so an address, route or rule naming it is reported as not found",
  },
  check(ctx) {
    const removesEmpty = atLeast("keepalived", ctx.settings.keepalivedVersion, "2.3.0");
    const closeOf = (statement: KaStatement) => closingBrace({ file: statement.file, range: statement.range });
    for (const doc of ctx.keepalived) {
      for (const { statement, blockId, parent } of readLikeKeepalived(doc.statements, ctx.keepalivedKeywords)
        .statements) {
        const keyword = statement.keyword.value;
        if (blockId === "root" && keyword === "track_group" && statement.block?.close && removesEmpty) {
          const groups = statement.block.statements.filter((s) => s.keyword.value === "group");
          if (!groups.some((g) => g.block && g.block.statements.length > 0))
            ctx.report({
              ...closeOf(statement),
              messageId: "noMembers",
              data: { group: statement.args[0]?.value ?? "" },
            });
        }
        if (!statement.block || statement.block.statements.length > 0) continue;
        if (blockId === "global_defs" && keyword === "notification_email")
          ctx.report({ ...closeOf(statement), messageId: "empty" });
        else if (blockId === "track_group" && keyword === "group")
          ctx.report({ ...closeOf(statement), messageId: "emptyGroup", data: { group: parent?.args[0]?.value ?? "" } });
        else if (blockId === "garp_group" && keyword === "interfaces")
          ctx.report({ ...closeOf(statement), messageId: "emptyInterfaces" });
      }
    }
  },
});
