import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA017",
  name: "strict-mode-resets",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "Strict mode silently discards authentication, state MASTER below priority 255, or preempt_delay.",
    description:
      "For every vrrp_instance under strict mode (`vrrp_strict` in global_defs or `strict_mode` in the instance), " +
      "reports an `authentication` block (ignored), `state MASTER` on an instance that is not the address owner " +
      "(reset to BACKUP) and `preempt_delay` (reset to 0).",
    why:
      "Strict mode enforces RFC conformance by changing the configuration at start-up rather than refusing it: " +
      "authentication is dropped (both nodes then accept unauthenticated adverts), a non-owner starts as BACKUP " +
      "whatever its state line says, and preemption is immediate. The configuration reads as something keepalived " +
      "does not do.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance(): 'Strict mode does not support authentication. " +
        "Ignoring.', 'State MASTER must match being address owner', 'preempt_delay is incompatible with strict mode " +
        "- resetting'",
      "keepalived.conf(5) vrrp_strict",
    ],
    bad:
      "global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    state MASTER\n    priority 150\n" +
      "    preempt_delay 10\n    authentication {\n        auth_type PASS\n        auth_pass k33pal1v\n    }\n}\n",
    good: "global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    priority 150\n}\n",
    realTool:
      "keepalived -t reports 'State MASTER must match being address owner', 'Strict mode does not support " +
      "authentication. Ignoring.' and 'preempt_delay is incompatible with strict mode - resetting' (rc 5).",
    reportedBy: "keepalived -t",
  },
  messages: {
    authIgnored: (p: { instance: string; how: string }) =>
      `${p.instance}: ${p.how} ignores the authentication block, so adverts are sent and accepted without a ` +
      `password (remove the block, or drop strict mode)`,
    stateReset: (p: { instance: string; how: string; priority: number }) =>
      `${p.instance}: ${p.how} resets state MASTER to BACKUP because the instance is not the address owner ` +
      `(priority ${p.priority}); it starts as BACKUP and waits for the master-down timer (write state BACKUP)`,
    preemptDelayReset: (p: { instance: string; how: string }) =>
      `${p.instance}: ${p.how} resets preempt_delay to 0, so a higher-priority node preempts immediately (remove ` +
      `preempt_delay, or drop strict mode)`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        if (!inst.strict) continue;
        const how = inst.strict === config.vrrpStrict ? "vrrp_strict" : "strict_mode";
        const auth = inst.authentication?.type ?? inst.authentication?.pass;
        if (auth)
          ctx.report({
            ...at(auth.location),
            messageId: "authIgnored",
            data: { instance: inst.name, how },
          });
        if (inst.initialState === "MASTER" && inst.basePriority !== 255 && inst.state)
          ctx.report({
            ...at(inst.state.location),
            messageId: "stateReset",
            data: { instance: inst.name, how, priority: inst.basePriority },
            fixes: [
              {
                description: "Write state BACKUP (what keepalived uses)",
                safe: true,
                edits: inst.masterStates.map((l) => ({ file: l.file, range: l.range, newText: "BACKUP" })),
              },
            ],
          });
        if (inst.preemptDelay && !(inst.initialState === "MASTER" && inst.basePriority === 255))
          ctx.report({
            ...at(inst.preemptDelay.location),
            messageId: "preemptDelayReset",
            data: { instance: inst.name, how },
          });
      }
    }
  },
});
