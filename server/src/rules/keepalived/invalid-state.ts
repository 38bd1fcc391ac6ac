import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA007",
  name: "invalid-state",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "`state` is not exactly MASTER or BACKUP, or a `state BACKUP` keepalived ignores after `state MASTER`.",
    description:
      "Reports a vrrp_instance `state` whose value is not one of the two upper-case words keepalived accepts " +
      "(`master`, `Master`, `MAIN`, ...). Offers the upper-case spelling as a fix when the intent is clear. Also " +
      "reports `state BACKUP` after a `state MASTER` of the same instance (with no unknown state between them, " +
      "which sets BACKUP): keepalived keeps MASTER.",
    why:
      "keepalived compares the state case-sensitively. Anything else is reported as 'unknown state' and the instance " +
      "starts as BACKUP, so the node meant to start as master does not, and priority-only assumptions about the " +
      "initial owner break.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_state_handler() at v2.2.7: strcmp() with 'MASTER' and " +
        "'BACKUP', else 'unknown state '%s', defaulting to BACKUP'; BACKUP while the wanted state is MASTER: '(%s) " +
        "state previously set as MASTER - ignoring BACKUP' (the same at v2.3.3 and v2.3.4)",
      "keepalived.conf(5) vrrp_instance state MASTER|BACKUP",
    ],
    bad: "vrrp_instance VI_1 {\n    state master\n}\n",
    good: "vrrp_instance VI_1 {\n    state MASTER\n}\n",
    realTool:
      "keepalived -t reports \"(VI_1) unknown state 'master', defaulting to BACKUP\" on the line (exit 5); the " +
      "daemon runs the instance as BACKUP; '(VI_1) state previously set as MASTER - ignoring BACKUP' on the later " +
      "line (checked on 2.2.7, 2.3.3 and 2.3.4).",
    reportedBy: "keepalived -t",
  },
  messages: {
    backupIgnored: (data: { instance: string }) =>
      `an earlier line sets ${data.instance} to MASTER, and keepalived keeps that: it reports '(${data.instance}) ` +
      `state previously set as MASTER - ignoring BACKUP' and keeps state MASTER (remove one of the lines)`,
    caseOnly: (data: { word: string; instance: string; meant: string }) =>
      `state '${data.word}' is not MASTER or BACKUP (keepalived compares case-sensitively): keepalived reports ` +
      `'unknown state' and starts ${data.instance} as BACKUP (write 'state ${data.meant}')`,
    unknown: (data: { word: string; instance: string }) =>
      `state '${data.word}' is not MASTER or BACKUP: keepalived reports 'unknown state' and starts ${data.instance} ` +
      `as BACKUP (use MASTER or BACKUP)`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        // vrrp_parser.c vrrp_state_handler(): BACKUP while the state is MASTER is refused; an unknown word sets BACKUP
        const statement = config.document.statements.find(
          (s) => s.keyword.value === "vrrp_instance" && s.range === inst.location.range,
        );
        let master = false;
        for (const line of statement?.block?.statements ?? []) {
          const word = line.keyword.value === "state" ? line.args[0]?.value : undefined;
          if (word === undefined) continue;
          if (word === "BACKUP" && master)
            ctx.report({
              ...at({ file: line.file, range: line.args[0].range }),
              messageId: "backupIgnored",
              data: { instance: inst.name },
            });
          master = word === "MASTER" || (word === "BACKUP" && master);
        }
        const state = inst.state;
        if (!state || state.value === "MASTER" || state.value === "BACKUP") continue;
        const upper = state.value.toUpperCase();
        const meant = upper === "MASTER" || upper === "BACKUP" ? upper : undefined;
        const report = meant
          ? ({ messageId: "caseOnly", data: { word: state.value, instance: inst.name, meant } } as const)
          : ({ messageId: "unknown", data: { word: state.value, instance: inst.name } } as const);
        ctx.report({
          ...at(state.location),
          ...report,
          fixes: meant
            ? [
                {
                  description: `Write 'state ${meant}'`,
                  safe: true,
                  edits: [{ file: state.location.file, range: state.location.range, newText: meant }],
                },
              ]
            : undefined,
        });
      }
    }
  },
});
