import { atLeast } from "../../schema/versions.js";
import { defineRule } from "../rule.js";
import { globalLineAt, haproxyUnits } from "./haproxy-version.js";

export default defineRule({
  id: "HP063",
  name: "program-section-deprecated",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary:
      "A `program` section: refused from HAProxy 3.1 unless `expose-deprecated-directives` comes first, gone in 3.3.",
    description:
      "Reports each `program` section. For HAProxy 3.1 and 3.2 it is an error unless a global section before it " +
      "sets `expose-deprecated-directives` (then a warning); before 3.1 an info about the upgrade. HAProxy 3.3 no " +
      "longer has the section (the keyword rules report it there).",
    why:
      "HAProxy 3.1 deprecates `program` and refuses a configuration that uses it without opting in: the node's " +
      "HAProxy does not start after the upgrade. A process manager (systemd, s6, supervisord) should start the " +
      "program instead.",
    sources: [
      "HAProxy src/mworker-prog.c cfg_parse_program() at v3.1.0 ('The 'program' section is deprecated and will be " +
        "eventually removed', ERR_ALERT | ERR_ABORT without deprecated_directives_allowed)",
    ],
    bad: "program dataplane\n    command /usr/sbin/dataplaneapi\n",
    good: "# started by systemd instead (dataplaneapi.service)\n",
    realTool:
      "haproxy -c 3.2.26: \"The 'program' section is deprecated ... it can be still allowed by setting " +
      "'expose-deprecated-directives'\" then 'Error(s) found in configuration file' (rc 1), and nothing once " +
      "expose-deprecated-directives is set; 2.6.12 and 3.0.11 refuse it only without master-worker mode.",
    reportedBy: "haproxy -c",
    unreported: ["notYet", "deprecated"],
    severityNote:
      "Error where HAProxy refuses it (3.1, 3.2 without expose-deprecated-directives); warning with it; info before " +
      "3.1.",
    versions: "HAProxy 3.1 and 3.2; earlier versions get an info, 3.3 and later do not know the section.",
  },
  messages: {
    refused: (data: { version: string }) =>
      `HAProxy ${data.version} refuses the deprecated 'program' section unless 'expose-deprecated-directives' is set ` +
      `in a global section before it: HAProxy does not start. Start the program with a process manager instead`,
    deprecated: (data: { version: string }) =>
      `the 'program' section is deprecated in HAProxy ${data.version} (allowed here by expose-deprecated-directives) ` +
      `and removed in 3.3: start the program with a process manager instead`,
    notYet: (data: { version: string }) =>
      `HAProxy ${data.version} runs 'program' sections (in master-worker mode), but 3.1 refuses them without ` +
      `expose-deprecated-directives and 3.3 removes them: start the program with a process manager instead`,
  },
  check(ctx) {
    for (const unit of haproxyUnits(ctx)) {
      if (atLeast("haproxy", unit.version, "3.3")) continue;
      const deprecated = atLeast("haproxy", unit.version, "3.1");
      const optIn = globalLineAt(unit.config, "expose-deprecated-directives");
      for (const { file, section: s } of unit.config.sections) {
        if (s.kind !== "program") continue;
        const allowed =
          optIn !== undefined && (optIn.file !== file || optIn.line.range.start.line < s.header.range.start.line);
        const data = { version: unit.version };
        const place = { file, range: s.header.keyword.range };
        if (!deprecated) ctx.report({ ...place, severity: "info", messageId: "notYet", data });
        else if (allowed)
          ctx.report({ ...place, severity: "warning", tags: ["deprecated"], messageId: "deprecated", data });
        else ctx.report({ ...place, messageId: "refused", data });
      }
    }
  },
});
