import { valueRelease, valueSpec } from "../../schema/keepalived-values.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";
import { defineRule } from "../rule.js";
import { lineOf } from "./ka-model.js";
import { quotedFormat } from "./printf-format.js";
import { statementsInBlocks } from "./statement-blocks.js";

export default defineRule({
  id: "KA047",
  name: "repeated-keyword",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "A keyword given a second time in a block where keepalived takes only the first one.",
    description:
      "Reports the second and later occurrences, in one block, of the keywords whose handler returns early once the " +
      "value is set ('notify_master script already specified - ignoring', 'vmac prefix has already been " +
      "specified'), as the value table generated from the keepalived sources lists them " +
      "(server/src/schema/keepalived-values.json, `once`), with the checks of the helpers some handlers hand the " +
      "line to (startup_script, notify_fifo, notify_fifo_script and their vrrp_ forms: " +
      "scripts/messages/keepalived-helper-checks.tsv). A line the handler refuses for missing words sets nothing " +
      "and is not counted.",
    why:
      "The later line looks like it replaces the first, but keepalived keeps the first value and ignores this one: " +
      "the script, prefix or setting that runs is not the one the reader of the file sees last. Other keywords " +
      "(priority, advert_int ...) take the last value; they are not reported.",
    sources: [
      "the handler of each keyword (keepalived/vrrp/vrrp_parser.c vrrp_notify_master_handler() & co., " +
        "keepalived/core/global_parser.c, keepalived/check/check_parser.c) at v2.2.7, v2.3.3 and v2.3.4, as read by " +
        "scripts/messages/keepalived-values.mjs",
    ],
    bad:
      'vrrp_instance VI_1 {\n    notify_master "/etc/keepalived/master.sh"\n' +
      '    notify_master "/etc/keepalived/master-new.sh"\n}\n',
    good: 'vrrp_instance VI_1 {\n    notify_master "/etc/keepalived/master-new.sh"\n}\n',
    realTool:
      "keepalived -t prints the handler's message on the later line ('(VI_1) notify_master script already specified " +
      "- ignoring ...') and exits with 5.",
    reportedBy: "keepalived -t",
    versions:
      "the value table holds keepalived 2.2.7, 2.3.3 and 2.3.4 (targets 2.2 and 2.3); nothing is checked for 2.4",
  },
  messages: {
    repeated: (data: { keyword: string; first: number; failure: string; source: string }) =>
      `'${data.keyword}' is already given at line ${data.first}: keepalived keeps that one and ignores this line ` +
      `("${data.failure}", ${data.source})`,
  },
  check(ctx) {
    const target = ctx.settings.keepalivedVersion;
    if (!valueRelease(target)) return;
    for (const doc of ctx.keepalived) {
      const firsts = new Map<KaStatement | undefined, Map<string, KaStatement>>();
      for (const { statement, blockId, parent } of statementsInBlocks(doc.statements, ctx.keepalivedKeywords)) {
        const keyword = statement.keyword.value;
        const spec = valueSpec(target, blockId, keyword);
        if (!spec?.once) continue;
        // a line the handler refuses for its missing words sets nothing (notify_fifo() checks the words first)
        if (spec.needs && statement.args.length < spec.needs.words) continue;
        // global_defs blocks all fill one global_data: their keywords count together
        const scope = blockId === "global_defs" ? undefined : parent;
        const seen = firsts.get(scope) ?? new Map<string, KaStatement>();
        firsts.set(scope, seen);
        const first = seen.get(`${blockId}\t${keyword}`);
        if (!first) {
          seen.set(`${blockId}\t${keyword}`, statement);
          continue;
        }
        ctx.report({
          file: statement.file,
          range: statement.keyword.range,
          messageId: "repeated",
          data: {
            keyword,
            first: lineOf({ file: first.file, range: first.range }),
            failure: quotedFormat(spec.once),
            source: `${spec.file} ${spec.handler}()`,
          },
        });
      }
    }
  },
});
