import { faultId, trackersOf } from "../../simulation.js";
import { defineRule } from "../rule.js";
import { routers } from "./router-view.js";

/** Above this, the estimated time from HAProxy's death to the VIP moving is reported. */
export const FAILOVER_SECONDS_THRESHOLD = 10;

export default defineRule({
  id: "HA022",
  name: "failover-time",
  severity: "info",
  scope: "cluster",
  docs: {
    summary: "The estimated time from HAProxy failing on the VIP holder to the VIP moving is long.",
    description:
      `For each HAProxy check of the node that holds the VIP, takes the simulated failure of that check and, only ` +
      `where the VIP then moves to another node, estimates fall × interval (+ timeout) to detect the failure plus ` +
      `the time the new holder waits: its skew (256 − its priority)/256 s (× advert_int under VRRPv3) when the check ` +
      `has weight 0 (the holder goes to FAULT and sends a priority-0 advert), else 3 × advert_int + that skew (the ` +
      `holder keeps advertising, with a lower priority the backup discards until its master-down timer expires). ` +
      `Reports estimates above ${FAILOVER_SECONDS_THRESHOLD} s. Where the VIP does not move (equal priorities after ` +
      `the drop, nopreempt) there is no failover to time: HA001 reports that.`,
    why:
      "Every second of that estimate is a second of refused connections. Long intervals, high fall counts and long " +
      "advert intervals add up; the observed takeover with interval 1 and advert_int 1 is about 3-4 s.",
    sources: [
      "keepalived 2.2.7 keepalived/include/vrrp.h VRRP_MS_DOWN_TIMER, VRRP_TIMER_SKEW (3 × advert_int + skew)",
      "keepalived 2.2.7 keepalived/vrrp/vrrp.c vrrp_state_leave_master() (priority-0 advert on FAULT), " +
        "vrrp_state_backup() ('Backup received priority 0 advertisement': the timer becomes the skew; a lower " +
        "priority advert is discarded)",
      "keepalived.conf(5) vrrp_script interval, fall, rise, timeout",
      "SEMANTICS.md 1.4",
    ],
    bad: "vrrp_script chk_haproxy {\n    interval 5\n    fall 3\n}\n# advert_int 3\n",
    good: "vrrp_script chk_haproxy {\n    interval 1\n    fall 2\n}\n# advert_int 1\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  messages: {
    slowFailover: (data: {
      node: string;
      check: string;
      detect: string;
      fall: number;
      interval: number;
      timeout: string;
      to: string;
      total: string;
      wait: string;
    }) =>
      `when HAProxy fails on ${data.node}, '${data.check}' notices after about ${data.detect} s (fall ${data.fall} × ` +
      `interval ${data.interval}${data.timeout}) and ${data.to} takes the VIP after about ${data.total} s in all ` +
      `(${data.wait}). Lower interval, fall or advert_int to shorten the outage.`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      const sim = view.simulation;
      for (const m of view.members) {
        if (!sim.baseline.holders.includes(m.node.name)) continue;
        for (const t of trackersOf(sim.trackers, m).active) {
          if (!t.watchesHaproxy || !t.script || t.kind !== "script") continue;
          const outcome = sim.failures.find(
            (o) => o.id === faultId({ node: m.node.name, kind: "script", name: t.name }),
          );
          // No failover, or no single new holder: nothing to time (HA001 and the split-brain rules say why).
          if (!outcome || outcome.verdict !== "ok" || outcome.holders.length !== 1) continue;
          const to = outcome.holders[0];
          if (to === m.node.name) continue;
          const taker = view.members.find((x) => x.node.name === to);
          const priority = outcome.priorities[to];
          if (!taker || priority === null || priority === undefined) continue;
          const detect = t.script.fall * t.script.interval + (t.script.timeout ?? 0);
          const v3 = taker.instance.vrrpVersion === 3;
          const skew = ((256 - priority) / 256) * (v3 ? taker.instance.advertInt : 1);
          const fault = t.weight === 0;
          const wait = fault ? skew : 3 * taker.instance.advertInt + skew;
          const total = detect + wait;
          if (!(total > FAILOVER_SECONDS_THRESHOLD)) continue;
          const where = t.script.location;
          ctx.report({
            file: where.file,
            range: where.range,
            messageId: "slowFailover",
            data: {
              node: m.node.name,
              check: t.name,
              detect: detect.toFixed(0),
              fall: t.script.fall,
              interval: t.script.interval,
              timeout: t.script.timeout ? ` + timeout ${t.script.timeout}` : "",
              to,
              total: total.toFixed(1),
              wait: fault
                ? `${m.node.name} goes to FAULT and sends a priority-0 advert, so ${to} waits only its skew of ` +
                  `${skew.toFixed(1)} s`
                : `${to} waits 3 × advert_int ${taker.instance.advertInt} + skew ${skew.toFixed(1)} s after the last ` +
                  `advert it accepts`,
            },
          });
        }
      }
    }
  },
});
