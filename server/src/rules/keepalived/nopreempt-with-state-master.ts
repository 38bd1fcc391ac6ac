import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA008",
  name: "nopreempt-with-state-master",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "`nopreempt` or `preempt_delay` in an instance with `state MASTER`: keepalived clears it.",
    description: "Reports `nopreempt` and `preempt_delay` in a vrrp_instance whose initial state is MASTER.",
    why:
      "Non-preemption only makes sense for a node that starts as BACKUP. keepalived clears both settings for an " +
      "instance starting as MASTER ('nopreempt will not work with initial state MASTER - clearing'), so the node " +
      "preempts as soon as it comes back with the higher priority: the failback the configuration tries to avoid " +
      "happens anyway.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() 'nopreempt will not work with initial state " +
        "MASTER - clearing'",
      "keepalived.conf(5) nopreempt: 'the initial state of this instance must be BACKUP'",
    ],
    bad: "vrrp_instance VI_1 {\n    state MASTER\n    nopreempt\n    priority 150\n}\n",
    good: "vrrp_instance VI_1 {\n    state BACKUP\n    nopreempt\n    priority 150\n}\n",
    realTool:
      "keepalived -t reports 'Warning - nopreempt will not work with initial state MASTER - clearing' (and the " +
      "same for preempt delay).",
    reportedBy: "keepalived -t",
  },
  messages: {
    nopreemptCleared: (data: { instance: string }) =>
      `nopreempt has no effect with state MASTER: keepalived clears it, so ${data.instance} takes the VIP back ` +
      `whenever its priority is higher (use state BACKUP on every node for a non-preempting pair)`,
    preemptDelayCleared: (data: { instance: string }) =>
      `preempt_delay has no effect with state MASTER: keepalived clears it, so ${data.instance} preempts immediately ` +
      `(start the instance as BACKUP for the delay to apply)`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        if (inst.initialState !== "MASTER") continue;
        // Every `state MASTER` line goes: one left is enough for keepalived to start the instance as MASTER.
        const fix = inst.masterStates.length
          ? [
              {
                description: "Start as BACKUP (use state BACKUP on every node of a non-preempting pair)",
                safe: false,
                edits: inst.masterStates.map((l) => ({ file: l.file, range: l.range, newText: "BACKUP" })),
              },
            ]
          : undefined;
        if (inst.nopreempt)
          ctx.report({
            ...at(inst.nopreempt),
            messageId: "nopreemptCleared",
            data: { instance: inst.name },
            fixes: fix,
          });
        if (inst.preemptDelay)
          ctx.report({
            ...at(inst.preemptDelay.location),
            messageId: "preemptDelayCleared",
            data: { instance: inst.name },
            fixes: fix,
          });
      }
    }
  },
});
