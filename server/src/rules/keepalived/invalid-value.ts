import type { ValueRead, ValueSpec } from "../../schema/keepalived-values.js";
import type { KaStatement, KaWord } from "../../syntax/keepalived/tree.js";
import { defineRule } from "../rule.js";
import { isOnOff, readNumber, shown } from "./keepalived-numbers.js";
import { quotedFormat } from "./printf-format.js";
import { valueStatements } from "./value-statements.js";

/** Keywords whose values a dedicated rule checks (KA022, KA023, KA007, KA025): left to them. */
const DEDICATED = new Set([
  "vrrp_instance\tvirtual_router_id",
  "vrrp_instance\tpriority",
  "vrrp_instance\tstate",
  "vrrp_script\tweight\tint",
]);

/** The word a read takes: `index` counts the keyword as word 0; `after` is the option word it follows. */
function wordOf(statement: KaStatement, read: ValueRead): KaWord | undefined {
  if (read.index !== undefined) {
    if (read.atLeast !== undefined && statement.args.length + 1 < read.atLeast) return undefined;
    return statement.args[read.index - 1];
  }
  if (read.after !== undefined) {
    const at = statement.args.findIndex((w) => w.value === read.after);
    return at >= 0 ? statement.args[at + 1] : undefined;
  }
  return undefined;
}

function source(spec: ValueSpec): string {
  return `${spec.file} ${spec.handler}()`;
}

export default defineRule({
  id: "KA045",
  name: "invalid-value",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A value keepalived's handler for the keyword does not accept: a number out of its range or not a number, a " +
      "word that is not on/off or not one of the keyword's words.",
    description:
      "Checks every keyword whose handler reads a number, an on/off word or one of fixed words, with the handler, " +
      "word position, range and words of the value table generated from the keepalived sources of the target " +
      "version (server/src/schema/keepalived-values.json, scripts/messages/keepalived.mjs): read_unsigned_strvec(), " +
      "read_int_strvec(), read_unsigned64_strvec(), read_decimal_unsigned_strvec() and read_timer() with their " +
      "ranges, check_true_false(), and `strcmp()` chains that end in an error. The number is read the way " +
      "lib/parser.c reads it (strtol()/strtoul() rules: leading blanks and a sign, trailing text, overflow, decimal " +
      "places).",
    why:
      "keepalived reports the value and does not take it: the keyword keeps its default (or an earlier value), so the " +
      "instance, script or server runs with a setting other than the one written, and nothing but the start-up log " +
      "says so. Under `-t` a number with trailing text is refused, while the daemon takes its leading digits for the " +
      "keywords whose reader ignores errors; the finding says which.",
    sources: [
      "keepalived lib/parser.c read_int_func(), read_unsigned_func(), read_unsigned64_func(), " +
        "read_decimal_unsigned_long_func(), read_timer(), check_true_false() at v2.2.7",
      "the handler of each keyword (keepalived/vrrp/vrrp_parser.c, keepalived/core/global_parser.c, " +
        "keepalived/check/*.c, keepalived/bfd/bfd_parser.c, keepalived/trackers/track_file.c) at v2.2.7, v2.3.3 and " +
        "v2.3.4, as read by scripts/messages/keepalived-values.mjs",
    ],
    bad: "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    unicast_ttl 300\n    debug high\n}\n",
    good: "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    unicast_ttl 255\n    debug 1\n}\n",
    realTool:
      "keepalived -t prints lib/parser.c's \"number '300' outside range [0, 255]\", \"invalid number 'high'\", " +
      '"negative number", "has too many decimal places" and the handler\'s own message, on the keyword\'s line (rc ' +
      "5).",
    reportedBy: "keepalived -t",
    versions:
      "the value table holds keepalived 2.2.7, 2.3.3 and 2.3.4 (targets 2.2 and 2.3); nothing is checked for 2.4",
  },
  messages: {
    numberRefused: (data: { keyword: string; word: string; said: string; source: string }) =>
      `${data.keyword} '${data.word}': keepalived reports "${data.said}" and does not take the value ` +
      `(${data.source}), so the keyword keeps its default or earlier value`,
    numberTakenByDaemon: (data: { keyword: string; word: string; said: string; value: string; source: string }) =>
      `${data.keyword} '${data.word}': keepalived reports "${data.said}"; keepalived -t refuses the value, but the ` +
      `running daemon reads it as ${data.value} (${data.source} reads it ignoring errors)`,
    numberRounded: (data: { keyword: string; word: string; said: string; value: string }) =>
      `${data.keyword} '${data.word}': keepalived reports "${data.said}" and rounds it to ${data.value}`,
    numberLeadingDigits: (data: { keyword: string; word: string; said: string; value: string; source: string }) =>
      `${data.keyword} '${data.word}': keepalived reports "${data.said}" but still takes a value, read as ` +
      `${data.value} (${data.source} reads it ignoring errors)`,
    notOnOff: (data: { keyword: string; word: string; failure: string; source: string }) =>
      `${data.keyword} '${data.word}': keepalived reads only true/on/yes or false/off/no here; it reports ` +
      `"${data.failure}" and does not take the value (${data.source})`,
    notOneOf: (data: { keyword: string; word: string; values: string; failure: string; source: string }) =>
      `${data.keyword} '${data.word}': keepalived accepts only ${data.values} here; it reports "${data.failure}" ` +
      `(${data.source})`,
  },
  check(ctx) {
    for (const { statement, blockId, keyword, spec } of valueStatements(ctx)) {
      if (!spec.reads) continue;
      for (const read of spec.reads) {
        if (DEDICATED.has(`${blockId}\t${keyword}`) || DEDICATED.has(`${blockId}\t${keyword}\t${read.kind}`)) continue;
        const word = wordOf(statement, read);
        if (!word) continue;
        const place = { file: word.file, range: word.range };
        const data = { keyword, word: word.value, source: source(spec) };
        if (read.kind === "bool") {
          if (!isOnOff(word.value) && read.failure)
            ctx.report({ ...place, messageId: "notOnOff", data: { ...data, failure: quotedFormat(read.failure) } });
          continue;
        }
        if (read.kind === "enum") {
          const values = read.values ?? [];
          const match = read.caseInsensitive
            ? values.some((v) => v.toLowerCase() === word.value.toLowerCase())
            : values.includes(word.value);
          if (!match)
            ctx.report({
              ...place,
              messageId: "notOneOf",
              data: {
                ...data,
                values: values.map((v) => `'${v}'`).join(", "),
                failure: quotedFormat(read.failure ?? ""),
              },
            });
          continue;
        }
        const verdict = readNumber(word.value, read);
        if (verdict.said.length === 0) continue;
        const said = verdict.said.join('", "');
        const value = verdict.value !== undefined ? shown(verdict.value, read.shift) : "";
        const invalid = verdict.said.some((m) => m.startsWith("invalid number"));
        if (verdict.takenByTest && invalid)
          ctx.report({ ...place, messageId: "numberLeadingDigits", data: { ...data, said, value } });
        else if (verdict.takenByTest)
          ctx.report({ ...place, messageId: "numberRounded", data: { ...data, said, value } });
        else if (verdict.takenByDaemon)
          ctx.report({ ...place, messageId: "numberTakenByDaemon", data: { ...data, said, value } });
        else ctx.report({ ...place, messageId: "numberRefused", data: { ...data, said } });
      }
    }
  },
});
