import type { HpLine, HpWord } from "../../syntax/haproxy/tree.js";
import { defineRule } from "../rule.js";
import { haproxyUnits } from "./haproxy-version.js";

/** The steps cfg_parse_log_profile() knows by name, then the log origins other parts register (log_orig_register()). */
const STEPS = ["accept", "request", "connect", "response", "close", "error", "any"];
const REGISTERED = [
  "http-req",
  "http-res",
  "http-after-res",
  "quic-init",
  "tcp-req-conn",
  "tcp-req-sess",
  "tcp-req-cont",
  "tcp-res-cont",
];

/** The words HAProxy reads: parse_line() ends the argument list at the first empty one. */
function readWords(line: HpLine): HpWord[] {
  const empty = line.args.findIndex((word) => word.value === "");
  return empty < 0 ? line.args : line.args.slice(0, empty);
}

/** A variable of the word that the target version of HAProxy leaves unset (so the word is empty). */
const unsetVariable = (word: HpWord | undefined): string | undefined =>
  word?.env.find((ref) => ref.haproxyOwn === "unset" && ref.defaultValue === undefined)?.name;

/** The step, the `format`/`sd` word and the unset variable, where the message has them. */
interface StepData {
  step: string;
  what: string;
  name: string;
}
interface Problem {
  messageId: "unknownStep" | "noFormat" | "formatVariableUnset" | "expectsAction";
  word: HpWord;
  data: StepData;
}

/** What cfg_parse_log_profile() refuses in an `on <step> ...` line, in the order it reads the words. */
function stepProblem(line: HpLine): Problem | undefined {
  const words = readWords(line);
  const step = words[0];
  if (!step || (!STEPS.includes(step.value) && !REGISTERED.includes(step.value)))
    return {
      messageId: "unknownStep",
      word: step ?? line.keyword,
      data: { step: step?.value ?? "", what: "", name: "" },
    };
  let index = 1;
  while (index < words.length) {
    const what = words[index].value;
    if (what === "drop" && index === 1) {
      index++;
      continue;
    }
    if (what !== "format" && what !== "sd") break;
    if (index + 1 >= words.length) {
      const name = unsetVariable(line.args[index + 1]);
      const data = { step: step.value, what, name: name ?? "" };
      if (name) return { messageId: "formatVariableUnset", word: line.args[index + 1], data };
      return { messageId: "noFormat", word: words[index], data };
    }
    index += 2;
  }
  if (index === 1 || index < words.length)
    return { messageId: "expectsAction", word: words[index] ?? step, data: { step: step.value, what: "", name: "" } };
  return undefined;
}

export default defineRule({
  id: "HP084",
  name: "log-profile-step",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "An `on <step>` line of a log-profile section that HAProxy refuses (unknown step, no format string).",
    description:
      "Reports, in a log-profile section, an `on` line whose step is not one HAProxy knows, whose `format` or `sd` " +
      "has no log-format string after it (also when the string is a variable that expands to nothing, such as a " +
      "HAPROXY_* variable the version does not set), or that has neither `drop`, `format` nor `sd`.",
    why:
      "HAProxy refuses the line with a fatal error: it does not start. A profile copied from a newer version's " +
      'example (`on any format "${HAPROXY_KEYLOG_FC_LOG_FMT}"`, a variable HAProxy sets only from 3.4) reads an ' +
      "empty string on 3.2 and stops HAProxy there.",
    sources: [
      "HAProxy src/log.c cfg_parse_log_profile() at v3.2.0 (\"'%s' expects a log step\", \"'%s %s %s' expects a " +
        "logformat string\", \"'%s %s' expects 'drop', 'format' or 'sd'\", all ERR_FATAL)",
      "HAProxy src/http_act.c, src/tcp_act.c, src/quic_rules.c log_orig_register() at v3.2.0 (the extra steps)",
      "HAProxy src/haproxy.c read_cfg() at v3.4.0 (sets HAPROXY_KEYLOG_FC_LOG_FMT and HAPROXY_KEYLOG_BC_LOG_FMT)",
    ],
    bad: 'log-profile keylog\n    on any format "${HAPROXY_KEYLOG_FC_LOG_FMT}"\n',
    good: 'log-profile keylog\n    on any format "CLIENT_RANDOM %[ssl_fc_client_random,hex]"\n',
    realTool:
      "haproxy -c 3.2.26: \"'on any format' expects a logformat string.\", \"'on nowhere' expects a log step.\", " +
      "\"'on any' expects 'drop', 'format' or 'sd'.\" (each fatal).",
    reportedBy: "haproxy -c",
    versions: "HAProxy 3.1 and later (log-profile sections).",
  },
  messages: {
    unknownStep: (data: StepData) =>
      `'on ${data.step}': HAProxy does not know this log step (accept, request, connect, response, close, error, ` +
      `any, or ${REGISTERED.join(", ")}) and refuses the line: it does not start`,
    noFormat: (data: StepData) =>
      `'on ${data.step} ${data.what}' has no log-format string after it: HAProxy refuses the line and does not start`,
    formatVariableUnset: (data: StepData) =>
      `'on ${data.step} ${data.what}': ${data.name} is not set by this HAProxy version, so the log-format string ` +
      `expands to ` +
      "nothing and HAProxy refuses the line ('expects a logformat string'): it does not start",
    expectsAction: (data: StepData) =>
      `'on ${data.step}' expects 'drop', 'format <log-format>' or 'sd <log-format>': HAProxy refuses the line and ` +
      "does not start",
  },
  check(ctx) {
    for (const unit of haproxyUnits(ctx))
      for (const { file, section } of unit.config.sections) {
        if (section.kind !== "log-profile") continue;
        for (const line of section.lines) {
          if (line.keyword.value !== "on") continue;
          const problem = stepProblem(line);
          if (!problem) continue;
          const place = { file, range: problem.word.range };
          switch (problem.messageId) {
            case "unknownStep":
              ctx.report({ ...place, messageId: "unknownStep", data: problem.data });
              break;
            case "noFormat":
              ctx.report({ ...place, messageId: "noFormat", data: problem.data });
              break;
            case "formatVariableUnset":
              ctx.report({ ...place, messageId: "formatVariableUnset", data: problem.data });
              break;
            default:
              ctx.report({ ...place, messageId: "expectsAction", data: problem.data });
          }
        }
      }
  },
});
