import { atLeast } from "../../schema/versions.js";
import type { HpWord } from "../../syntax/haproxy/tree.js";
import { defineRule } from "../rule.js";
import { haproxyUnits, warningLevel } from "./haproxy-version.js";

const PROXY = new Set(["defaults", "frontend", "backend", "listen"]);
const SERVER_TIMES = new Set(["inter", "fastinter", "downinter", "agent-inter"]);

/** tools.h warn_if_lower(text, 100): digits only, and 1..99. */
function suspicious(word: HpWord | undefined): word is HpWord {
  if (!word || !/^\d+$/.test(word.value)) return false;
  const n = Number(word.value);
  return n > 0 && n < 100;
}

export default defineRule({
  id: "HP060",
  name: "timeout-without-unit",
  severity: "warning",
  scope: "haproxy",
  docs: {
    summary:
      "A timeout or check interval below 100 written without a unit: milliseconds, which HAProxy 3.1 and later warn " +
      "about.",
    description:
      "Reports `timeout NAME N` in proxies and resolvers, `hold STATUS N` in resolvers and the `inter`, " +
      "`fastinter`, `downinter` and `agent-inter` server options whose value is a number from 1 to 99 with no unit. " +
      "Without a unit HAProxy reads milliseconds: `timeout client 30` is 30 ms.",
    why:
      "A unit-less small value is almost always meant as seconds: a 30 ms client timeout cuts every slow client, a 50 " +
      "ms check interval floods the servers. HAProxy 3.1 warns ('suspiciously small for a value in milliseconds'); " +
      "with `zero-warning` in the global section that warning makes it refuse to start, so an upgrade to 3.1 or later " +
      "leaves the node without HAProxy.",
    sources: [
      "HAProxy include/haproxy/tools.h warn_if_lower() and src/proxy.c proxy_parse_timeout() at v3.1.0",
      "HAProxy src/check.c srv_parse_check_inter(), srv_parse_check_fastinter(), srv_parse_check_downinter(), " +
        "srv_parse_agent_inter() at v3.1.0",
      "HAProxy src/resolvers.c (hold, timeout) at v3.1.0",
      "puppetlabs/puppetlabs-haproxy#193 (examples shipped `timeout client` values without a unit, read as ms: " +
        "TLS connections failed)",
      "rcbops/ansible-lxc-rpc#320 (timeouts meant as seconds written without a unit)",
    ],
    bad: "defaults\n    timeout client 30\n",
    good: "defaults\n    timeout client 30s\n",
    realTool:
      "haproxy -c 3.2.26: \"'timeout client 30' in defaults '' is suspiciously small for a value in milliseconds\" " +
      "(a warning; with zero-warning 'Some warnings were found and 'zero-warning' is set. Aborting.', rc 1); 2.6.12 " +
      "and 3.0.11 say nothing.",
    reportedBy: "haproxy -c",
    unreported: ["notYet"],
    severityNote: "Warning; an error with `zero-warning` (HAProxy refuses to start); info before 3.1.",
    versions: "HAProxy 3.1 and later warn; before, the rule says what 3.1 will do (info).",
  },
  messages: {
    warned: (data: { what: string; value: string; version: string }) =>
      `'${data.what} ${data.value}' has no unit: that is ${data.value} ms, and HAProxy ${data.version} warns that it ` +
      `is suspiciously small. Write '${data.value}s' if seconds were meant, or '${data.value}ms'`,
    refusesToStart: (data: { what: string; value: string; version: string }) =>
      `'${data.what} ${data.value}' has no unit (${data.value} ms): HAProxy ${data.version} warns about it and, with ` +
      `zero-warning set, refuses to start. Write '${data.value}s' or '${data.value}ms'`,
    notYet: (data: { what: string; value: string; version: string }) =>
      `'${data.what} ${data.value}' has no unit: that is ${data.value} ms; HAProxy ${data.version} accepts it ` +
      `silently, 3.1 and later warn (and refuse to start under zero-warning). Write '${data.value}s' or ` +
      `'${data.value}ms'`,
  },
  check(ctx) {
    for (const unit of haproxyUnits(ctx)) {
      const level = warningLevel(unit, atLeast("haproxy", unit.version, "3.1"));
      const report = (file: string, what: string, word: HpWord): void =>
        ctx.report({
          file,
          range: word.range,
          severity: level.severity,
          messageId: level.messageId,
          data: { what, value: word.value, version: unit.version },
        });
      for (const { file, section } of unit.config.sections) {
        const proxy = PROXY.has(section.kind);
        for (const line of section.lines) {
          const kw = line.keyword.value;
          const [first, second] = line.args;
          if ((proxy || section.kind === "resolvers") && kw === "timeout" && suspicious(second))
            report(file, `timeout ${first.value}`, second);
          else if (section.kind === "resolvers" && kw === "hold" && suspicious(second))
            report(file, `hold ${first.value}`, second);
          else if (proxy && (kw === "server" || kw === "default-server" || kw === "server-template"))
            line.args.forEach((w, i) => {
              const value = line.args[i + 1];
              if (SERVER_TIMES.has(w.value) && suspicious(value)) report(file, w.value, value);
            });
        }
      }
    }
  },
});
