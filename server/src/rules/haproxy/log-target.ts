import { compareVersions } from "../../syntax/haproxy/condition.js";
import type { HpLine, HpWord } from "../../syntax/haproxy/tree.js";
import { defineRule } from "../rule.js";

/** log_facilities[] of src/log.c (2.6.12, 3.0.11, 3.2.0). */
const FACILITIES = new Set([
  "kern",
  "user",
  "mail",
  "daemon",
  "auth",
  "syslog",
  "lpr",
  "news",
  "uucp",
  "cron",
  "auth2",
  "ftp",
  "ntp",
  "audit",
  "alert",
  "cron2",
  ...["0", "1", "2", "3", "4", "5", "6", "7"].map((n) => `local${n}`),
]);
/** log_levels[] of src/log.c. */
const LEVELS = new Set(["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"]);
/** log_formats[] of src/log.c (the names `format` accepts). */
const FORMATS = new Set(["local", "rfc3164", "rfc5424", "priority", "short", "timed", "iso", "raw"]);

/** Sections whose `log` lines parse_logsrv() reads. */
const LOG_SECTIONS = new Set(["global", "defaults", "frontend", "backend", "listen", "log-forward"]);

interface Problem {
  word: HpWord | undefined;
  problem: string;
}

/** What parse_logsrv() (src/log.c; parse_logger() from 3.0) refuses on a `log` line, in the order it reads it. */
function logLineProblem(line: HpLine, section: string, version: string, addressKnown: boolean): Problem | undefined {
  // An empty word ends the argument list (HAProxy reads up to the first empty argument; 3.2 warns about the rest).
  const firstEmpty = line.args.findIndex((w) => w.value === "");
  const args = firstEmpty < 0 ? line.args : line.args.slice(0, firstEmpty);
  const at = (word: HpWord | undefined, problem: string): Problem => ({ word, problem });
  if (line.keyword.value === "no") {
    return args.length > 1 ? at(args[1], "'no log' takes no argument") : undefined;
  }
  if (args[0]?.value === "global" && args.length === 1)
    return section === "global" ? at(args[0], "'log global' cannot be used in the global section") : undefined;
  if (args.length < 2) return at(args[0], "it needs an address and a facility");
  let i = 1;
  if (args[i]?.value === "len") {
    const len = Number.parseInt(args[i + 1]?.value ?? "", 10);
    if (!(len >= 80 && len <= 65535)) return at(args[i + 1] ?? args[i], "the length must be between 80 and 65535");
    i += 2;
  }
  if (args[i]?.value === "format") {
    if (!FORMATS.has(args[i + 1]?.value ?? ""))
      return at(args[i + 1] ?? args[i], `unknown log format '${args[i + 1]?.value ?? ""}'`);
    i += 2;
  }
  if (args[i]?.value === "sample") {
    if (!/:\s*\d+$/.test(args[i + 1]?.value ?? ""))
      return at(args[i + 1] ?? args[i], "a sample needs '<ranges>:<size>'");
    i += 2;
  }
  if (args[i]?.value === "profile" && compareVersions(version, "3.2") >= 0) i += 2;
  const facility = args[i];
  if (!facility || !FACILITIES.has(facility.value))
    return at(facility ?? args[0], `unknown log facility '${facility?.value ?? ""}'`);
  i++;
  if (args[i] && !LEVELS.has(args[i].value)) return at(args[i], `unknown log level '${args[i].value}'`);
  if (args[i]) i++;
  if (args[i] && !LEVELS.has(args[i].value)) return at(args[i], `unknown minimum log level '${args[i].value}'`);
  if (args[i]) i++;
  if (args[i]) return at(args[i], `unexpected argument '${args[i].value}'`);
  // the address is parsed last: no port range in a log target
  const address = args[0].value;
  if (addressKnown && !address.startsWith("ring@") && /:\d+-\d+$/.test(address))
    return at(args[0], `a port range ('${address}') is not allowed in a log target`);
  return undefined;
}

export default defineRule({
  id: "HP029",
  name: "log-target",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary: "A `log` line HAProxy refuses: unknown facility, level or format, bad length, extra words, a port range.",
    description:
      "Reads every `log` line as HAProxy does: `log global`, or `log <target> [len <80..65535>] [format <format>] " +
      "[sample <ranges>:<size>] <facility> [<level> [<minimum level>]]` (`profile <name>` after the sample from " +
      "3.2), and `no log` without arguments. The facility must be one of kern, user, mail, daemon, auth, syslog, " +
      "lpr, news, uucp, cron, auth2, ftp, ntp, audit, alert, cron2, local0 to local7; levels emerg, alert, crit, " +
      "err, warning, notice, info, debug; formats local, rfc3164, rfc5424, priority, short, timed, iso, raw. A " +
      "target address may not have a port range; `log global` is not for the global section.",
    why:
      "HAProxy refuses the whole configuration on such a line. A 3.2 `log ... profile` line or a facility typo is " +
      "enough to stop a reload.",
    sources: [
      "HAProxy 2.6.12 src/log.c parse_logsrv(), get_log_facility(), get_log_level(), get_log_format(), " +
        "log_facilities[], log_levels[], log_formats[]",
      "HAProxy 3.0.11 and 3.2.0 src/log.c parse_logger() (3.2 adds 'profile')",
      "HAProxy 2.6.12 src/tools.c str2sa_range() ('port range not permitted here')",
    ],
    bad: "global\n    log 127.0.0.1:514 local8\n",
    good: "global\n    log 127.0.0.1:514 local0\n",
    realTool: "haproxy -c reports \"log : unknown log facility 'local8'\" and the like as a fatal error (rc 1).",
    reportedBy: "haproxy -c",
    versions: "`profile` is known from 3.2.",
  },
  messages: {
    problem: (data: { problem: string; version: string }) =>
      `this 'log' line is refused: ${data.problem}; HAProxy ${data.version} refuses the configuration`,
  },
  check(ctx) {
    const version = ctx.haproxyKeywords.version;
    for (const doc of ctx.haproxy) {
      for (const section of doc.sections) {
        if (!LOG_SECTIONS.has(section.kind)) continue;
        for (const line of section.lines) {
          const isLog = line.keyword.value === "log" || (line.keyword.value === "no" && line.args[0]?.value === "log");
          // A word built from an unknown environment variable cannot be judged; the address alone may be one.
          const unknown = (w: HpWord): boolean => w.env.some((e) => e.resolved === undefined);
          const address = line.keyword.value === "log" ? line.args[0] : undefined;
          if (!isLog || line.args.some((w) => w !== address && unknown(w))) continue;
          const found = logLineProblem(line, section.kind, version, !address || !unknown(address));
          if (!found) continue;
          const range = (found.word ?? line.keyword).range;
          ctx.report({ file: doc.file, range, messageId: "problem", data: { problem: found.problem, version } });
        }
      }
    }
  },
});
