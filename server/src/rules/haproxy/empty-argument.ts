import { atLeast } from "../../schema/versions.js";
import { allLines } from "../../syntax/haproxy/tree.js";
import type { EnvReference } from "../../syntax/haproxy/words.js";
import { defineRule } from "../rule.js";
import { haproxyUnits, warningLevel } from "./haproxy-version.js";

/** A variable whose expansion the analysis knows: a value given to it, a default, or one HAProxy leaves unset. */
const expandsToKnownText = (ref: EnvReference): boolean =>
  ref.resolved !== undefined || ref.defaultValue !== undefined || ref.haproxyOwn === "unset";

export default defineRule({
  id: "HP062",
  name: "empty-argument",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary: "An empty quoted argument (`\"\"`, `''`): HAProxy ends the line's arguments there; 3.2 and later warn.",
    description:
      "Reports a word written as an empty quoted string, or a quoted variable that expands to nothing (one HAProxy " +
      "sets itself in other versions only, see HP083). HAProxy's line parser stops the argument list at the first " +
      "empty argument, so the words after it are not read at all, whatever the version; HAProxy 3.2 says so in a " +
      "warning.",
    why:
      '`http-request set-header X-Id "" if TRUE` loses its condition, `log stdout format raw local0 "" info` its ' +
      "level: the line does something else than it says, often silently (or with an unrelated 'expects N arguments' " +
      "error). From 3.2 the warning also makes HAProxy refuse to start under zero-warning.",
    sources: [
      "HAProxy src/cfgparse.c readcfgfile() at v3.2.0 ('argument number %d at position %d is empty and marks the " +
        "end of the argument list')",
    ],
    bad: 'log stdout format raw local0 "" info\n',
    good: "log stdout format raw local0 info\n",
    realTool:
      "haproxy -c 3.2.26: 'argument number 5 at position 34 is empty and marks the end of the argument list; all " +
      "subsequent arguments will be ignored' (a warning); 2.6.12 and 3.0.11 say nothing about the empty word.",
    reportedBy: "haproxy -c",
    unreported: ["notYet"],
    severityNote: "Warning from 3.2; an error with `zero-warning`; info before 3.2.",
    versions: "HAProxy 3.2 and later warn; every version ignores the words after the empty one.",
  },
  messages: {
    warned: (data: { position: number; version: string; ignored: number }) =>
      `argument ${data.position} is empty: HAProxy ${data.version} ends the argument list here and warns that the ` +
      `${data.ignored} word(s) after it are ignored`,
    refusesToStart: (data: { position: number; version: string; ignored: number }) =>
      `argument ${data.position} is empty: HAProxy ${data.version} ends the argument list here, warns, and with ` +
      `zero-warning set refuses to start`,
    notYet: (data: { position: number; version: string; ignored: number }) =>
      `argument ${data.position} is empty: HAProxy ${data.version} silently ends the argument list here (the ` +
      `${data.ignored} word(s) after it are not read); 3.2 and later warn about it`,
  },
  check(ctx) {
    for (const unit of haproxyUnits(ctx)) {
      const level = warningLevel(unit, atLeast("haproxy", unit.version, "3.2"));
      for (const document of unit.config.documents)
        for (const { line } of allLines(document)) {
          const index = line.args.findIndex((w) => w.quoted && w.value === "" && w.env.every(expandsToKnownText));
          if (index < 0) continue;
          ctx.report({
            file: document.file,
            range: line.args[index].range,
            severity: level.severity,
            messageId: level.messageId,
            data: { position: index + 2, version: unit.version, ignored: line.args.length - index - 1 },
          });
        }
    }
  },
});
