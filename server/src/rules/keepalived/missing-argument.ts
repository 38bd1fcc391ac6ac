import { defineRule } from "../rule.js";
import { quotedFormat } from "./printf-format.js";
import { valueStatements } from "./value-statements.js";

const words = (n: number): string => (n === 1 ? "one word" : `${n} words`);

export default defineRule({
  id: "KA046",
  name: "missing-argument",
  severity: "error",
  scope: "keepalived",
  docs: {
    summary: "A keyword without the words its handler needs: keepalived exits, or ignores the line (or the block).",
    description:
      "Uses the value table generated from the keepalived sources (server/src/schema/keepalived-values.json): for " +
      "each keyword, the words after it that its handler takes without checking (`requires`) and the words it " +
      "checks for with its own message (`needs`; for startup_script, shutdown_script, their timeouts and the " +
      "notify_fifo keywords, the check of the helper the handler calls, scripts/messages/keepalived-helper-checks.tsv" +
      "). A keyword with fewer words is reported on its line.",
    why:
      "keepalived's handlers take their words with strvec_slot(); a word that is not there makes lib/parser.c " +
      "null_strvec() print 'Configuration line starting ... is missing a parameter' and exit " +
      "(KEEPALIVED_EXIT_CONFIG): keepalived does not start at all. Handlers that check for the word report it and " +
      "ignore the line, and a block without its name (vrrp_instance, vrrp_sync_group, track_group) is skipped whole.",
    sources: [
      "keepalived lib/vector.c strvec_slot() and lib/parser.c null_strvec() (exit(KEEPALIVED_EXIT_CONFIG)) at v2.2.7",
      "the handler of each keyword, as read by scripts/messages/keepalived-values.mjs; the notify script keywords " +
        "through lib/notify.c notify_script_init() (scripts/messages/keepalived-requires.tsv)",
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_handler(), vrrp_sync_group_handler(), " +
        "static_track_group_handler() ('must have a name', skip_block()) at v2.2.7",
    ],
    bad: "vrrp_instance VI_1 {\n    interface\n    virtual_router_id 51\n}\n",
    good: "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n}\n",
    realTool:
      "keepalived -t prints '*** Configuration line starting `interface` is missing a parameter after keyword " +
      "`interface` at word position 2' and exits with 2, or the handler's own message ('routerid name missing - " +
      "ignoring', 'vrrp_instance must have a name') and exits with 5.",
    reportedBy: "keepalived -t",
    severityNote:
      "error when keepalived exits (the missing word is taken with strvec_slot()); warning when the handler checks " +
      "for it, reports it and ignores the line or block.",
    versions:
      "the value table holds keepalived 2.2.7, 2.3.3 and 2.3.4 (targets 2.2 and 2.3); nothing is checked for 2.4",
  },
  messages: {
    exits: (data: { keyword: string; words: string; source: string }) =>
      `'${data.keyword}' needs ${data.words} after it: keepalived stops at this line and exits ("missing a ` +
      `parameter", ${data.source})`,
    ignored: (data: { keyword: string; words: string; failure: string; source: string }) =>
      `'${data.keyword}' needs ${data.words} after it: keepalived reports "${data.failure}" and ignores the line ` +
      `(${data.source})`,
    blockSkipped: (data: { keyword: string; words: string; failure: string; source: string }) =>
      `'${data.keyword}' needs ${data.words} after it: keepalived reports "${data.failure}" and skips the whole ` +
      `block (${data.source})`,
  },
  check(ctx) {
    for (const { statement, keyword, spec } of valueStatements(ctx)) {
      const given = statement.args.length;
      const place = { file: statement.file, range: statement.keyword.range };
      const source = `${spec.file} ${spec.handler}()`;
      const needs = spec.needs;
      // the handler's own check runs first when it has one (`if (vector_size(strvec) < 2) ...; return;`)
      if (needs && (needs.exact ? given !== needs.words : given < needs.words)) {
        const count = `${needs.exact ? "exactly " : ""}${words(needs.words)}`;
        const data = { keyword, words: count, failure: quotedFormat(needs.failure), source };
        ctx.report({ ...place, severity: "warning", messageId: needs.skipsBlock ? "blockSkipped" : "ignored", data });
        continue;
      }
      if (spec.requires && given < spec.requires) {
        const because = spec.requiresBecause
          ? `${source}; ${spec.requiresBecause}`
          : `lib/parser.c null_strvec() via ${source}`;
        ctx.report({ ...place, messageId: "exits", data: { keyword, words: words(spec.requires), source: because } });
      }
    }
  },
});
