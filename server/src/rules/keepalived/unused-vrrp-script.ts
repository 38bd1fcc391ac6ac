import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA002",
  name: "unused-vrrp-script",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "A vrrp_script that no vrrp_instance or vrrp_sync_group tracks.",
    description:
      "Reports each vrrp_script whose name appears in no `track_script` block of any vrrp_instance or " +
      "vrrp_sync_group of the file (includes followed).",
    why:
      "keepalived only runs a vrrp_script that at least one VRRP instance monitors; the daemon logs 'Warning - " +
      "script X is not used' and never executes it. A health check written but not tracked usually means the " +
      "instance was meant to track it (a forgotten or misspelled track_script block), so HAProxy failures never move " +
      "the VIP.",
    sources: [
      "keepalived.conf(5), 'VRRP script(s)': the script is only executed if at least one VRRP instance monitors it",
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_init() 'Warning - script %s is not used'",
    ],
    bad:
      'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\nvrrp_instance VI_1 {\n    interface eth0\n' +
      "    virtual_router_id 51\n}\n",
    good:
      'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\nvrrp_instance VI_1 {\n    interface eth0\n' +
      "    virtual_router_id 51\n    track_script {\n        chk_haproxy\n    }\n}\n",
    realTool:
      "keepalived -t says nothing (it stops before the check); only the running daemon logs 'Warning - script X is " +
      "not used'.",
    reportedBy: "runtime",
  },
  messages: {
    unused: (data: { script: string; advice: string }) =>
      `vrrp_script '${data.script}' is tracked by no vrrp_instance or vrrp_sync_group, so keepalived never runs ` +
      `it${data.advice}`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      const used = new Set<string>();
      for (const inst of config.instances) for (const t of inst.trackScripts) used.add(t.name);
      for (const g of config.syncGroups) for (const t of g.trackScripts) used.add(t.name);
      for (const script of config.scripts.values()) {
        if (used.has(script.name)) continue;
        const instances = config.instances.map((i) => i.name);
        ctx.report({
          ...at(script.nameLocation),
          messageId: "unused",
          data: {
            script: script.name,
            advice:
              instances.length > 0
                ? ` (add '${script.name}' to the track_script block of ${instances.slice(0, 3).join(", ")}, or ` +
                  `delete the script)`
                : "",
          },
        });
      }
    }
  },
});
