import { haproxyOwnVariable } from "../../schema/haproxy-own-variable-state.js";
import type { Range } from "../../syntax/source.js";
import { allLines, type HpWord } from "../../syntax/haproxy/tree.js";
import type { EnvReference } from "../../syntax/haproxy/words.js";
import { defineRule } from "../rule.js";
import { haproxyUnits } from "./haproxy-version.js";

/** The reference's own place in the word when the word is on one line, else the word's. */
function referenceRange(word: HpWord, ref: EnvReference): Range {
  const { start, end } = word.range;
  if (start.line !== end.line || end.character - start.character !== word.text.length) return word.range;
  return {
    start: { line: start.line, character: start.character + ref.start },
    end: { line: start.line, character: start.character + ref.end },
  };
}

export default defineRule({
  id: "HP083",
  name: "haproxy-variable-not-set",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "A HAPROXY_* variable that HAProxy sets itself, but not the target version: it expands to nothing.",
    description:
      'Reports `"${NAME}"` (no default) where NAME is one of the variables HAProxy sets itself ' +
      "(HAPROXY_HTTP_LOG_FMT, HAPROXY_KEYLOG_FC_LOG_FMT, ...) and the target version sets it nowhere, according " +
      "to that version's sources and, where ha-lint has it, its real binary " +
      "(scripts/schema/haproxy-own-variables.ts). HAProxy's line parser then expands it to nothing, unless the " +
      "environment HAProxy starts in sets it.",
    why:
      "Configurations copied from a newer version's documentation or examples use the variables that version sets " +
      '(`log-format "${HAPROXY_HTTP_CLF_LOG_FMT}"` from 3.1, `on any format "${HAPROXY_KEYLOG_FC_LOG_FMT}"` from ' +
      "3.4). An older HAProxy reads an empty word instead: the line loses its argument and its following words, " +
      "and HAProxy often refuses it (the rule of that keyword says so on the same line).",
    sources: [
      "HAProxy src/haproxy.c init() at v2.8.0 and read_cfg() at v3.1.0 and v3.4.0 (setenv() of the HAPROXY_*_LOG_FMT " +
        "and HAPROXY_BRANCH variables before the configuration is read)",
      "HAProxy src/haproxy.c init_early() at v2.8.0 and in 2.6.12 (HAPROXY_STARTUP_VERSION)",
      "HAProxy src/tools.c parse_line() at v2.6.0 (an unset variable inside double quotes expands to nothing)",
    ],
    bad: 'frontend fe\n    log-format "${HAPROXY_HTTP_CLF_LOG_FMT}"\n',
    good: 'frontend fe\n    log-format "${HAPROXY_HTTP_LOG_FMT}"\n',
    realTool:
      'haproxy -c says nothing about the variable itself: `.notice "${HAPROXY_KEYLOG_FC_LOG_FMT}"` prints an empty ' +
      "value on 2.6.12, 3.0.11 and 3.2.26, and HAPROXY_HTTP_LOG_FMT one on 3.0.11 and 3.2.26 only; the keyword then " +
      "reads an empty word (3.2.26 warns 'argument number N ... is empty').",
    reportedBy: "none",
    versions: "Every version; the variables each one sets come from its sources and binary.",
  },
  messages: {
    notSetYet: (data: { name: string; version: string; since: string; place: string }) =>
      `HAProxy ${data.version} does not set ${data.name} (HAProxy sets it itself from ${data.since}, ${data.place}): ` +
      `unless ` +
      "HAProxy's environment sets it, it expands to nothing here",
    notSet: (data: { name: string; version: string }) =>
      `HAProxy ${data.version} does not set ${data.name} (other versions set it themselves): unless HAProxy's ` +
      "environment sets it, it expands to nothing here",
  },
  check(ctx) {
    for (const unit of haproxyUnits(ctx))
      for (const document of unit.config.documents)
        for (const { line } of allLines(document))
          for (const word of [line.keyword, ...line.args])
            for (const ref of word.env) {
              if (!ref.inQuotes || ref.haproxyOwn !== "unset" || ref.defaultValue !== undefined) continue;
              const state = haproxyOwnVariable(ref.name, unit.version);
              const place = { file: document.file, range: referenceRange(word, ref) };
              const data = { name: ref.name, version: unit.version };
              if (state?.state === "unset" && state.setFrom)
                ctx.report({
                  ...place,
                  messageId: "notSetYet",
                  data: { ...data, since: state.setFrom.version, place: state.setFrom.place },
                });
              else ctx.report({ ...place, messageId: "notSet", data });
            }
  },
});
