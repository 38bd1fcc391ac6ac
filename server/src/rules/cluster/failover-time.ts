import { defineRule } from "../rule.js";
import { examplePair } from "./example-pair.js";
import { routers } from "./router-view.js";

/** Above this, the estimated time from HAProxy's death to the VIP moving is reported. */
export const FAILOVER_SECONDS_THRESHOLD = 10;

const slowPair = Object.fromEntries(
  Object.entries(examplePair({ advertInt: 3 }, { advertInt: 3 })).map(([file, text]) => [
    file,
    text.replace("interval 2", "interval 5").replace("fall 2", "fall 3"),
  ]),
);

export default defineRule({
  id: "HA022",
  name: "failover-time",
  severity: "info",
  scope: "cluster",
  docs: {
    summary: "The estimated time from HAProxy failing to the VIP moving is long.",
    description: `Estimates, for the HAProxy check of each node, fall × interval (+ timeout) to detect the failure plus 3 × advert_int + skew (skew = (256 − priority)/256 s) for a backup to take over, and reports estimates above ${FAILOVER_SECONDS_THRESHOLD} s.`,
    why: "Every second of that estimate is a second of refused connections. Long intervals, high fall counts and long advert intervals add up; the observed takeover with interval 1 and advert_int 1 is about 3-4 s.",
    sources: [
      "keepalived vrrp/vrrp.h VRRP_MS_DOWN_TIMER (3 × advert_int + skew)",
      "keepalived.conf(5) vrrp_script interval, fall, rise, timeout",
      "SEMANTICS.md 1.4",
    ],
    bad: "vrrp_script chk_haproxy {\n    interval 5\n    fall 3\n}\n# advert_int 3\n",
    good: "vrrp_script chk_haproxy {\n    interval 1\n    fall 2\n}\n# advert_int 1\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      const backupPrio = Math.max(1, ...view.members.map((m) => m.instance.basePriority).filter((p) => p < 255));
      for (const m of view.members) {
        for (const t of view.simulation.trackers.get(m)!.active) {
          if (!t.watchesHaproxy || !t.script) continue;
          const detect = t.script.fall * t.script.interval + (t.script.timeout ?? 0);
          const takeover = 3 * m.instance.advertInt + (256 - backupPrio) / 256;
          const total = detect + takeover;
          if (!(total > FAILOVER_SECONDS_THRESHOLD)) continue;
          const where = t.script.location;
          ctx.report({
            file: where.file,
            range: where.range,
            message: `when HAProxy fails on ${m.node.name}, '${t.name}' notices after about ${detect.toFixed(0)} s (fall ${t.script.fall} × interval ${t.script.interval}${t.script.timeout ? ` + timeout ${t.script.timeout}` : ""}) and the VIP moves after about ${total.toFixed(1)} s in all (3 × advert_int ${m.instance.advertInt} + skew). Lower interval, fall or advert_int to shorten the outage.`,
          });
        }
      }
    }
  },
  cases: {
    valid: [{ name: "interval 2, fall 2, advert_int 1", files: examplePair() }],
    invalid: [
      {
        name: "slow check and slow adverts",
        files: slowPair,
        expect: [
          { line: 6, file: "lb01/keepalived.conf", message: "after about 15 s" },
          { line: 6, file: "lb02/keepalived.conf", message: "after about 15 s" },
        ],
      },
    ],
  },
});
