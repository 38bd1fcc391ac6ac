import { valueRelease, valueSpec } from "../../schema/keepalived-values.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";
import { defineRule } from "../rule.js";
import { lineOf } from "./ka-model.js";
import { quotedFormat } from "./printf-format.js";
import { statementsInBlocks } from "./statement-blocks.js";

export default defineRule({
  id: "KA048",
  name: "duplicate-block-name",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A second vrrp_instance, vrrp_sync_group or track_group with a name already defined: keepalived skips the " +
      "whole block.",
    description:
      "Reports a named block whose handler refuses a name already defined ('vrrp instance VI_1 already defined'), " +
      "as the value table generated from the keepalived sources lists them " +
      "(server/src/schema/keepalived-values.json, `unique`).",
    why:
      "keepalived keeps the first block of that name and skips the second one whole (skip_block()): a copy-pasted " +
      "instance meant for another VIP, or a corrected version appended at the end of the file, never runs.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_handler(), vrrp_sync_group_handler(), " +
        "static_track_group_handler() ('already defined', skip_block(true)) at v2.2.7",
    ],
    bad: "vrrp_instance VI_1 {\n    virtual_router_id 51\n}\nvrrp_instance VI_1 {\n    virtual_router_id 52\n}\n",
    good: "vrrp_instance VI_1 {\n    virtual_router_id 51\n}\nvrrp_instance VI_2 {\n    virtual_router_id 52\n}\n",
    realTool: "keepalived -t prints 'vrrp instance VI_1 already defined' on the second block's line and exits with 5.",
    reportedBy: "keepalived -t",
    versions:
      "the value table holds keepalived 2.2.7, 2.3.3 and 2.3.4 (targets 2.2 and 2.3); nothing is checked for 2.4",
  },
  messages: {
    duplicate: (data: {
      keyword: string;
      name: string;
      first: number;
      failure: string;
      source: string;
      skipped: string;
    }) =>
      `${data.keyword} ${data.name} is already defined at line ${data.first}: keepalived ${data.skipped} ` +
      `("${data.failure}", ${data.source})`,
  },
  check(ctx) {
    const target = ctx.settings.keepalivedVersion;
    if (!valueRelease(target)) return;
    for (const doc of ctx.keepalived) {
      const firsts = new Map<string, KaStatement>();
      for (const { statement, blockId } of statementsInBlocks(doc.statements, ctx.keepalivedKeywords)) {
        const keyword = statement.keyword.value;
        const name = statement.args[0]?.value;
        const spec = valueSpec(target, blockId, keyword);
        if (!spec?.unique || name === undefined || statement.args.length !== 1) continue;
        const key = `${blockId}\t${keyword}\t${name}`;
        const first = firsts.get(key);
        if (!first) {
          firsts.set(key, statement);
          continue;
        }
        ctx.report({
          file: statement.file,
          range: statement.args[0].range,
          messageId: "duplicate",
          data: {
            keyword,
            name,
            first: lineOf({ file: first.file, range: first.range }),
            failure: quotedFormat(spec.unique.failure),
            source: `${spec.file} ${spec.handler}()`,
            skipped: spec.unique.skipsBlock ? "skips this whole block" : "ignores this one",
          },
        });
      }
    }
  },
});
