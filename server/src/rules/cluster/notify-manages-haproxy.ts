import { managesHaproxy } from "../../simulate/notify-effects.js";
import { trackersOf } from "../../simulate/scenarios.js";
import { defineRule } from "../rule.js";
import { routers } from "./router-view.js";

export default defineRule({
  id: "HA012",
  name: "notify-manages-haproxy",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "A notify script starts or stops HAProxy when the VRRP state changes.",
    description:
      "Reads the notify, notify_master, notify_backup, notify_fault and notify_stop commands of every instance and " +
      "sync group, and the script files they run when the node's tree has them (never running them), looking for " +
      "`systemctl|service start|stop|restart haproxy`, `/etc/init.d/haproxy ...`, `killall haproxy`.",
    why:
      "HAProxy should run on every node all the time: keepalived only decides who holds the VIP. Starting it from " +
      "notify_master means the standby has no HAProxy until it becomes master (and the first requests after a " +
      "failover fail); stopping it from notify_backup combined with a weight-0 HAProxy check puts the backup in FAULT " +
      "for good, so it can never take over. notify scripts run asynchronously and their exit status is ignored.",
    sources: [
      "keepalived.conf(5) notify_master / notify_backup / notify_fault",
      "keepalived lib/notify.c (asynchronous, exit status ignored)",
      "wenchma.github.io 2017 'Keepalived check and notify scripts' (the anti-pattern)",
    ],
    bad: 'vrrp_instance VI_1 {\n    notify_master "/etc/keepalived/start_haproxy.sh"   # systemctl start haproxy\n}\n',
    good:
      "# keep haproxy enabled and running on every node (systemctl enable --now haproxy)\n" +
      "# and let a vrrp_script decide who holds the VIP\n",
    realTool: "Neither tool.",
    reportedBy: "none",
  },
  messages: {
    notifyManagesHaproxy: (data: { kind: string; name: string; verb: string; where: string; consequence: string }) =>
      `${data.kind} on ${data.name} ${data.verb} HAProxy (${data.where}): ${data.consequence}. Keep HAProxy running ` +
      `on every node and let a vrrp_script move the VIP.`,
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      for (const m of view.members) {
        const group = m.instance.syncGroup
          ? m.node.keepalived?.syncGroups.find((g) => g.name === m.instance.syncGroup)
          : undefined;
        const zero = trackersOf(view.simulation.trackers, m).active.some((a) => a.watchesHaproxy && a.weight === 0);
        for (const n of [...m.instance.notify, ...(group?.notify ?? [])]) {
          const found = managesHaproxy(n);
          if (!found) continue;
          const consequence =
            found.verb === "starts"
              ? `HAProxy runs only where ${n.kind} fired, so the other node has none until it becomes master and the ` +
                `first requests after a failover fail`
              : `the node that ${n.kind === "notify_backup" ? "becomes backup" : "changes state"} loses ` +
                `HAProxy${zero ? ", its weight-0 HAProxy check then keeps it in FAULT and it can never take the VIP over" : ", so it is not ready to take over"}`;
          ctx.report({
            file: n.command.location.file,
            range: n.command.location.range,
            messageId: "notifyManagesHaproxy",
            data: { kind: n.kind, name: m.node.name, verb: found.verb, where: found.where, consequence },
          });
        }
      }
    }
  },
});
